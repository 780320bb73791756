namespace Veld.Language.Syntax;

public abstract class Expr : Node;

// ---- literals -------------------------------------------------------------------------------

public sealed class IntLiteral : Expr { public required long Value { get; init; } }
public sealed class FloatLiteral : Expr { public required double Value { get; init; } }
/// <summary>String and char literals, escapes already decoded.</summary>
public sealed class StringLiteral : Expr { public required string Value { get; init; } }
public sealed class BoolLiteral : Expr { public required bool Value { get; init; } }
/// <summary><c>()</c></summary>
public sealed class UnitLiteral : Expr;

// ---- names ------------------------------------------------------------------------------------

/// <summary>A name in expression position, including <c>self</c>.</summary>
public sealed class NameExpr : Expr
{
    public required string Name { get; init; }
    /// <summary>Set by the resolver: where the value lives.</summary>
    public VarRef Ref { get; set; } = VarRef.Unresolved;
}

// ---- operators --------------------------------------------------------------------------------

public enum UnaryOp { Negate, Not }

public enum BinaryOp
{
    Add, Sub, Mul, Div, Mod, Pow,
    BitAnd, BitOr, BitXor, Shl, Shr,
    Eq, Ne, Lt, Le, Gt, Ge,
}

public sealed class UnaryExpr : Expr
{
    public required UnaryOp Op { get; init; }
    public required Expr Operand { get; init; }
}

public sealed class BinaryExpr : Expr
{
    public required BinaryOp Op { get; init; }
    public required Expr Left { get; init; }
    public required Expr Right { get; init; }
}

/// <summary><c>and</c> / <c>or</c>: short-circuit, both operands must be bools.</summary>
public sealed class LogicalExpr : Expr
{
    public required bool IsAnd { get; init; }
    public required Expr Left { get; init; }
    public required Expr Right { get; init; }
}

/// <summary><c>a..b</c> or <c>a..=b</c>.</summary>
public sealed class RangeExpr : Expr
{
    public required Expr Start { get; init; }
    public required Expr End { get; init; }
    public required bool Inclusive { get; init; }
}

/// <summary><c>x as T</c>.</summary>
public sealed class CastExpr : Expr
{
    public required Expr Value { get; init; }
    public required TypeRef Type { get; init; }
    /// <summary>Set by the resolver from the type name.</summary>
    public CastTarget Target { get; set; }
}

/// <summary>What an <c>as</c> cast converts to; <see cref="Invalid"/> raises a runtime Type error.</summary>
public enum CastTarget { Invalid, Int, Float, Str, Bool }

// ---- calls and members ------------------------------------------------------------------------

/// <summary>An argument; <see cref="Name"/> is set only for struct construction (<c>Point(x: 1)</c>).</summary>
public sealed record Argument(string? Name, Expr Value);

/// <summary>
/// <c>callee(args)</c>. A pipeline <c>x |&gt; f(a)</c> is parsed to <c>f(x, a)</c>.
/// The resolver decides what the call is (<see cref="Kind"/>).
/// </summary>
public sealed class CallExpr : Expr
{
    public required Expr Callee { get; init; }
    public required List<Argument> Args { get; init; }
    /// <summary>Set by the resolver.</summary>
    public CallKind Kind { get; set; } = CallKind.Function;
    /// <summary>Set by the resolver when <see cref="Kind"/> is StructConstruct: the struct.
    /// Arguments are evaluated in the order written (<see cref="Args"/>); <see cref="FieldOrderArgs"/>
    /// lists the same expressions in field order, to find the field each one fills.</summary>
    public StructDecl? Struct { get; set; }
    /// <summary>Set by the resolver for StructConstruct: the argument expressions in field declaration order
    /// (the same objects as in <see cref="Args"/>; evaluation still follows <see cref="Args"/>).</summary>
    public List<Expr>? FieldOrderArgs { get; set; }
    /// <summary>Set by the resolver: the call is in tail position (see docs/SPEC.md section 6).</summary>
    public bool IsTail { get; set; }
}

public enum CallKind
{
    /// <summary>Evaluate the callee, then call it with the positional args.</summary>
    Function,
    /// <summary><c>Point(x: 1, y: 2)</c>: build a struct, evaluating <see cref="CallExpr.Args"/> in written order.</summary>
    StructConstruct,
}

/// <summary><c>target.name</c> (not followed by a call).</summary>
public sealed class MemberExpr : Expr
{
    public required Expr Target { get; init; }
    public required string Name { get; init; }
    /// <summary>Set by the resolver.</summary>
    public MemberKind Kind { get; set; } = MemberKind.Field;
    /// <summary>Set by the resolver for UnitVariant: the enum and the variant.</summary>
    public EnumDecl? Enum { get; set; }
    public int VariantIndex { get; set; }
    /// <summary>Set by the resolver for Builtin (<c>std.io.println</c> used as a value).</summary>
    public string? BuiltinName { get; set; }
}

public enum MemberKind
{
    /// <summary>Read a struct field, an Error field, or a map key (<c>m.name</c> reads key "name").</summary>
    Field,
    /// <summary><c>Color.Red</c>: a unit variant value. Target is not evaluated.</summary>
    UnitVariant,
    /// <summary><c>std.io.println</c> / <c>io.println</c> as a value. Target is not evaluated.</summary>
    Builtin,
}

/// <summary><c>target.name(args)</c>. The resolver decides what it is (<see cref="Kind"/>).</summary>
public sealed class MethodCallExpr : Expr
{
    public required Expr Target { get; init; }
    public required string Name { get; init; }
    public required List<Argument> Args { get; init; }
    /// <summary>Set by the resolver.</summary>
    public MethodCallKind Kind { get; set; } = MethodCallKind.Dynamic;
    /// <summary>Set by the resolver for Static (struct or enum with an impl) and VariantConstruct.</summary>
    public TypeDecl? Type { get; set; }
    /// <summary>Set by the resolver for Static: the method called (it has no self).</summary>
    public FunctionNode? StaticMethod { get; set; }
    /// <summary>Set by the resolver for VariantConstruct.</summary>
    public int VariantIndex { get; set; }
    /// <summary>Set by the resolver for Builtin: the builtin function's name (e.g. "println").</summary>
    public string? BuiltinName { get; set; }
    /// <summary>Set by the resolver: the call is in tail position.</summary>
    public bool IsTail { get; set; }
}

public enum MethodCallKind
{
    /// <summary>
    /// Evaluate the target, then at run time: a struct/enum method from its impl (self = target),
    /// else a struct field or map key holding a function (called without self), else a builtin
    /// method of the value's type (array.push, str.len, to_str ...), else runtime error Field.
    /// </summary>
    Dynamic,
    /// <summary><c>Point.new(1, 2)</c>: call a method without self. Target is not evaluated.</summary>
    Static,
    /// <summary><c>Shape.Circle(2.0)</c>: build an enum value. Target is not evaluated.</summary>
    VariantConstruct,
    /// <summary><c>std.io.println(x)</c>, <c>io.print(x)</c>: call a builtin. Target is not evaluated.</summary>
    Builtin,
}

/// <summary><c>t.0</c></summary>
public sealed class TupleIndexExpr : Expr
{
    public required Expr Target { get; init; }
    public required int Index { get; init; }
}

/// <summary><c>target[index]</c> on arrays, strings, maps and tuples.</summary>
public sealed class IndexExpr : Expr
{
    public required Expr Target { get; init; }
    public required Expr Index { get; init; }
}

// ---- constructors -----------------------------------------------------------------------------

public sealed class ArrayExpr : Expr { public required List<Expr> Elements { get; init; } }
/// <summary><c>(a, b)</c>, <c>(x,)</c>. Never zero elements (that is <see cref="UnitLiteral"/>).</summary>
public sealed class TupleExpr : Expr { public required List<Expr> Elements { get; init; } }
/// <summary><c>{name: "x", 1: 2}</c>. A bare identifier key is parsed as a <see cref="StringLiteral"/>.</summary>
public sealed class MapExpr : Expr { public required List<MapEntry> Entries { get; init; } }
public sealed record MapEntry(Expr Key, Expr Value);

/// <summary>A lambda or <c>fn</c> expression.</summary>
public sealed class FunctionExpr : Expr { public required FunctionNode Function { get; init; } }

// ---- control flow (all are expressions; loops have value unit) -------------------------------

public sealed record IfBranch(Expr Condition, Block Body);

/// <summary><c>if c then .. else if c2 then .. else .. end</c>: one branch per condition.</summary>
public sealed class IfExpr : Expr
{
    public required List<IfBranch> Branches { get; init; }
    public Block? Else { get; init; }
}

public sealed class WhileExpr : Expr
{
    public required Expr Condition { get; init; }
    public required Block Body { get; init; }
}

/// <summary>
/// <c>for pattern in iterable do body end</c>. The pattern's bindings are fresh per iteration and
/// live in the body's scope (<see cref="Block.Locals"/> of <see cref="Body"/> includes them).
/// </summary>
public sealed class ForExpr : Expr
{
    public required Pattern Pattern { get; init; }
    public required Expr Iterable { get; init; }
    public required Block Body { get; init; }
}

/// <summary><c>do ... end</c></summary>
public sealed class BlockExpr : Expr { public required Block Block { get; init; } }

/// <summary><c>let pattern = value in body</c>. Bindings live in <see cref="Scope"/>.</summary>
public sealed class LetInExpr : Expr
{
    public required Pattern Pattern { get; init; }
    public TypeRef? Type { get; init; }
    public required Expr Value { get; init; }
    public required Expr Body { get; init; }
    /// <summary>Set by the resolver: the locals the pattern declares.</summary>
    public List<Binding> Locals { get; set; } = [];
}

public sealed class MatchArm : Node
{
    public required Pattern Pattern { get; init; }
    public Expr? Guard { get; init; }
    public required Expr Body { get; init; }
    /// <summary>Set by the resolver: the locals the pattern declares (scope of guard and body).</summary>
    public List<Binding> Locals { get; set; } = [];
}

public sealed class MatchExpr : Expr
{
    public required Expr Scrutinee { get; init; }
    public required List<MatchArm> Arms { get; init; }
}

/// <summary><c>try body catch e handler end</c>; <see cref="CatchBinding"/> is null for a bare <c>catch</c>.</summary>
public sealed class TryExpr : Expr
{
    public required Block Body { get; init; }
    public Binding? CatchBinding { get; init; }
    public required Block Handler { get; init; }
}

public sealed class ReturnExpr : Expr { public Expr? Value { get; init; } }
public sealed class BreakExpr : Expr;
public sealed class ContinueExpr : Expr;
public sealed class ThrowExpr : Expr { public required Expr Value { get; init; } }

/// <summary>
/// <c>x = e</c>, <c>a[i] = e</c>, <c>p.f = e</c>, <c>x += e</c> ... Target is a <see cref="NameExpr"/>,
/// <see cref="IndexExpr"/> or <see cref="MemberExpr"/> (field / map key). Value is unit.
/// For a compound assignment the target's sub-expressions are evaluated once.
/// </summary>
public sealed class AssignExpr : Expr
{
    public required Expr Target { get; init; }
    /// <summary>Null for plain <c>=</c>; Add/Sub/Mul/Div/Mod for <c>+= -= *= /= %=</c>.</summary>
    public BinaryOp? CompoundOp { get; init; }
    public required Expr Value { get; init; }
}

// ---- macros -----------------------------------------------------------------------------------

/// <summary>A piece of a formatted string: literal text, or an expression shown in display form.</summary>
public sealed record FormatPart(string? Text, Expr? Value);

public enum MacroKind { Print, Println, Format, Assert }

/// <summary>
/// <c>println~(..)</c>, <c>print~(..)</c>, <c>format~(..)</c> carry <see cref="Parts"/> (interpolations and
/// <c>{}</c> placeholders already resolved into parts by the parser). <c>assert~(cond[, msg])</c> carries
/// <see cref="Condition"/> and optional <see cref="Message"/>. Print macros give unit; format gives a str.
/// </summary>
public sealed class MacroExpr : Expr
{
    public required MacroKind Kind { get; init; }
    public List<FormatPart> Parts { get; init; } = [];
    public Expr? Condition { get; init; }
    public Expr? Message { get; init; }
}
