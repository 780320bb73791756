using Veld.Language.Syntax;

using Veld.Differential;

namespace Veld.Fuzzing.Generation;

/// <summary>Short constructors for syntax nodes, so generator code reads like the Veld it writes.
/// Positions stay zero: the printed text is re-parsed before anything runs it.</summary>
public static class SyntaxFactory
{
    public static IntLiteral Int(long v) => new() { Value = v };
    public static FloatLiteral Float(double v) => new() { Value = v };
    public static StringLiteral Str(string v) => new() { Value = v };
    public static BoolLiteral Bool(bool v) => new() { Value = v };
    public static UnitLiteral Unit() => new();
    public static NameExpr Name(string n) => new() { Name = n };

    public static BinaryExpr Bin(BinaryOp op, Expr l, Expr r) => new() { Op = op, Left = l, Right = r };
    public static UnaryExpr Neg(Expr e) => new() { Op = UnaryOp.Negate, Operand = e };
    public static UnaryExpr Not(Expr e) => new() { Op = UnaryOp.Not, Operand = e };
    public static LogicalExpr And(Expr l, Expr r) => new() { IsAnd = true, Left = l, Right = r };
    public static LogicalExpr Or(Expr l, Expr r) => new() { IsAnd = false, Left = l, Right = r };
    public static RangeExpr Range(Expr s, Expr e, bool inclusive = false) => new() { Start = s, End = e, Inclusive = inclusive };
    public static CastExpr Cast(Expr v, string type) => new() { Value = v, Type = Type(type) };
    public static TypeRef Type(string text) => new() { Text = text, Name = char.IsLetter(text[0]) ? text.Split('<')[0] : null };

    public static CallExpr Call(Expr callee, params Expr[] args) =>
        new() { Callee = callee, Args = [.. args.Select(a => new Argument(null, a))] };
    public static CallExpr Call(string callee, params Expr[] args) => Call(Name(callee), args);
    public static CallExpr Construct(string type, IEnumerable<(string Field, Expr Value)> fields) =>
        new() { Callee = Name(type), Args = [.. fields.Select(f => new Argument(f.Field, f.Value))] };
    public static MethodCallExpr Method(Expr target, string name, params Expr[] args) =>
        new() { Target = target, Name = name, Args = [.. args.Select(a => new Argument(null, a))] };
    public static MemberExpr Member(Expr target, string name) => new() { Target = target, Name = name };
    public static TupleIndexExpr TupleIndex(Expr target, int i) => new() { Target = target, Index = i };
    public static IndexExpr Index(Expr target, Expr index) => new() { Target = target, Index = index };

    public static ArrayExpr Array(IEnumerable<Expr> items) => new() { Elements = [.. items] };
    public static TupleExpr Tuple(IEnumerable<Expr> items) => new() { Elements = [.. items] };
    public static MapExpr Map(IEnumerable<(Expr Key, Expr Value)> entries) => new() { Entries = [.. entries.Select(e => new MapEntry(e.Key, e.Value))] };

    public static Block Block(IEnumerable<Stmt> statements) => new() { Statements = [.. statements] };
    public static Block Block(params Expr[] exprs) => new() { Statements = [.. exprs.Select(e => (Stmt)Stmt(e))] };
    public static ExprStmt Stmt(Expr e) => new() { Expr = e };
    public static BlockExpr Do(Block b) => new() { Block = b };

    public static IfExpr If(Expr cond, Block then, Block? otherwise = null) =>
        new() { Branches = [new IfBranch(cond, then)], Else = otherwise };
    public static WhileExpr While(Expr cond, Block body) => new() { Condition = cond, Body = body };
    public static ForExpr For(Pattern p, Expr iterable, Block body) => new() { Pattern = p, Iterable = iterable, Body = body };
    public static LetInExpr LetIn(Pattern p, Expr value, Expr body) => new() { Pattern = p, Value = value, Body = body };
    public static MatchArm Arm(Pattern p, Expr body, Expr? guard = null) => new() { Pattern = p, Body = body, Guard = guard };
    public static MatchExpr Match(Expr scrutinee, IEnumerable<MatchArm> arms) => new() { Scrutinee = scrutinee, Arms = [.. arms] };
    public static TryExpr Try(Block body, string? catchName, Block handler) =>
        new() { Body = body, CatchBinding = catchName is null ? null : Binding(catchName), Handler = handler };
    public static ReturnExpr Return(Expr? value) => new() { Value = value };
    public static BreakExpr Break() => new();
    public static ContinueExpr Continue() => new();
    public static ThrowExpr Throw(Expr v) => new() { Value = v };
    public static AssignExpr Assign(Expr target, Expr value, BinaryOp? compound = null) => new() { Target = target, Value = value, CompoundOp = compound };

    public static Binding Binding(string name, bool mutable = false) => new() { Name = name, IsMutable = mutable };
    public static BindingPattern Bind(string name, bool mutable = false) => new() { Binding = Binding(name, mutable) };
    public static WildcardPattern Wildcard() => new();
    public static LiteralPattern LitPattern(object v) => new() { Value = v };
    public static TuplePattern TuplePat(IEnumerable<Pattern> items) => new() { Elements = [.. items] };
    public static VariantPattern VariantPat(string? enumName, string variant, IEnumerable<Pattern>? payload) =>
        new() { EnumName = enumName, VariantName = variant, Payload = payload is null ? null : [.. payload] };

    public static LetStmt Let(DeclKind kind, Pattern p, Expr value, string? type = null) =>
        new() { Kind = kind, Pattern = p, Value = value, Type = type is null ? null : Type(type) };
    public static LetStmt Let(string name, Expr value, DeclKind kind = DeclKind.Let, string? type = null) =>
        Let(kind, Bind(name, kind is DeclKind.LetMut or DeclKind.Var), value, type);

    public static Parameter Param(string name, string? type = null) => new(Binding(name), type is null ? null : Type(type));

    public static FunctionNode Function(string? name, IEnumerable<Parameter> parameters, Block body,
        bool isProc = false, bool isLambda = false, bool hasSelf = false, string? returnType = null, IEnumerable<string>? generics = null) =>
        new()
        {
            Name = name, Parameters = [.. parameters], Body = body, IsProc = isProc, IsLambda = isLambda, HasSelf = hasSelf,
            ReturnType = returnType is null ? null : Type(returnType), Generics = generics is null ? [] : [.. generics],
        };

    public static FunctionExpr Lambda(IEnumerable<string> parameters, Expr body) =>
        new() { Function = Function(null, parameters.Select(p => Param(p)), Block(body), isLambda: true) };
    public static FunctionExpr Lambda(IEnumerable<string> parameters, Block body) =>
        new() { Function = Function(null, parameters.Select(p => Param(p)), body, isLambda: true) };
    public static FnDecl FnDecl(FunctionNode f) => new() { Function = f };

    public static MacroExpr Println(params FormatPart[] parts) => new() { Kind = MacroKind.Println, Parts = [.. parts] };
    public static MacroExpr Format(params FormatPart[] parts) => new() { Kind = MacroKind.Format, Parts = [.. parts] };
    public static MacroExpr Assert(Expr cond, Expr? message = null) => new() { Kind = MacroKind.Assert, Condition = cond, Message = message };
    public static FormatPart Text(string s) => new(s, null);
    public static FormatPart Hole(Expr e) => new(null, e);
}
