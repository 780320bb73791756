using Veld.Language.Syntax;
using static Veld.Fuzzing.Generation.SyntaxFactory;

namespace Veld.Fuzzing.Generation;

// Struct and enum declarations and their impl blocks.
public sealed partial class ProgramGenerator
{
    private static readonly string[] StructNames = ["Point", "Pair", "Cell", "Item", "Vec2", "Account", "Stats", "Box"];
    private static readonly string[] FieldNames = ["x", "y", "count", "name", "items", "label", "ok", "score", "w", "h", "inner"];
    private static readonly string[] EnumNames = ["Shape", "Token", "Msg", "Op", "Color", "Event"];
    private static readonly string[] VariantNames =
        ["Circle", "Rect", "Empty", "Num", "Word", "Plus", "Minus", "Quit", "Move", "Write", "Red", "Green", "Blue", "Leaf", "Click", "Key", "Tick", "Idle"];
    private readonly List<string> _typeNames = [];
    private readonly List<string> _variantNames = [];

    private string TypeName(string[] pool)
    {
        var name = _r.Pick(pool);
        while (_typeNames.Contains(name)) name = _r.Pick(pool) + _typeNames.Count;
        _typeNames.Add(name);
        return name;
    }

    private IEnumerable<Stmt> GenStruct()
    {
        Feature(Features.Structs);
        var info = new StructInfo(TypeName(StructNames));
        int n = _r.Range(1, 4);
        foreach (var field in FieldNames.OrderBy(_ => _r.Below(1000)).Take(n))
        {
            var t = Choose<VType>(
                (40, () => VType.Int),
                (12, () => VType.Float),
                (15, () => VType.Str),
                (8, () => VType.Bool),
                (10, () => new ArrayType(_r.Pick([VType.Int, VType.Str]))),
                (5, () => RandomTupleType(0)),
                (_structs.Count > 0 ? 6 : 0, () => _r.Pick(_structs).Type));
            info.Fields.Add(new FieldInfo(field, t));
        }
        var decl = new StructDecl
        {
            Name = info.Name,
            Fields = [.. info.Fields.Select(f => new FieldDecl(f.Name, _r.Percent(90) ? Type(f.Type.Annotation) : null, default))],
        };
        _structs.Add(info);
        yield return decl;
        if (_r.Percent(70)) yield return GenImpl(info.Name, info.Type, info.Methods, isStruct: true);
    }

    private IEnumerable<Stmt> GenEnum()
    {
        Feature(Features.Enums);
        var info = new EnumInfo(TypeName(EnumNames));
        int n = _r.Range(2, 4);
        for (int i = 0; i < n; i++)
        {
            var name = _r.Pick(VariantNames);
            while (_variantNames.Contains(name)) name = _r.Pick(VariantNames) + _variantNames.Count;
            _variantNames.Add(name);
            int payload = _r.Percent(35) ? 0 : _r.Range(1, 2);
            var types = new List<VType>();
            for (int j = 0; j < payload; j++)
                types.Add(Choose<VType>(
                    (40, () => VType.Int), (15, () => VType.Float), (20, () => VType.Str), (5, () => VType.Bool),
                    (_structs.Count > 0 ? 8 : 0, () => _r.Pick(_structs).Type), (5, () => RandomTupleType(0))));
            info.Variants.Add(new VariantInfo(name, types));
        }
        var decl = new EnumDecl
        {
            Name = info.Name,
            Variants = [.. info.Variants.Select(v => new VariantDecl(v.Name, [.. v.Payload.Select(p => Type(p.Annotation))], default))],
        };
        _enums.Add(info);
        yield return decl;
        if (_r.Percent(55)) yield return GenImpl(info.Name, info.Type, info.Methods, isStruct: false);
    }

    private static readonly string[] MethodNames = ["total", "describe", "scaled", "bump", "size", "check", "render", "step", "weight", "combine"];

    private ImplDecl GenImpl(string typeName, VType self, List<MethodInfo> methods, bool isStruct)
    {
        var nodes = new List<FunctionNode>();
        var used = new List<string>();
        string MethodName()
        {
            var name = _r.Pick(MethodNames);
            while (used.Contains(name)) name = _r.Pick(MethodNames) + used.Count;
            used.Add(name);
            return name;
        }

        if (isStruct && _r.Percent(60))
        {
            // fn new(a, b) => Point(x: a, y: b): called on the type, not on a value.
            var info = ((StructType)self).Info;
            var names = info.Fields.Select(f => Fresh(f.Name[..1])).ToList();
            var body = Construct(typeName, info.Fields.Select((f, i) => (f.Name, (Expr)Name(names[i]))));
            nodes.Add(Function("new", info.Fields.Select((f, i) => Param(names[i])), Block(body)));
            methods.Add(new MethodInfo("new", [.. info.Fields.Select(f => f.Type)], self, hasSelf: false));
            used.Add("new");
        }

        int count = _r.Range(1, 3);
        for (int i = 0; i < count; i++)
        {
            bool mutator = isStruct && _r.Percent(35);
            var result = mutator ? VType.Unit : _r.Pick([VType.Int, VType.Int, VType.Str, VType.Bool, VType.Float]);
            var paramTypes = new List<VType>();
            int extra = _r.Range(0, 2);
            for (int j = 0; j < extra; j++) paramTypes.Add(_r.Pick([VType.Int, VType.Int, VType.Str]));
            var method = new MethodInfo(MethodName(), paramTypes, result, hasSelf: true);
            var node = MethodBody(method, self, mutator, isStruct ? null : ((EnumType)self).Info);
            nodes.Add(node);
            methods.Add(method);
        }

        if (isStruct && _r.Percent(20))
        {
            // A tail-recursive method: method calls in tail position do not grow the stack either.
            nodes.Add(TailRecursiveMethod(self, MethodName(), methods));
        }
        return new ImplDecl { TypeName = typeName, Methods = nodes };
    }

    private FunctionNode MethodBody(MethodInfo method, VType self, bool mutator, EnumInfo? enumInfo)
    {
        Feature(Features.Methods);
        var scope = new ScopeChain();
        var selfVar = new VarInfo("self", self);
        scope.Declare(selfVar);
        var ps = new List<VarInfo> { selfVar };
        var names = new List<string>();
        foreach (var p in method.Parameters)
        {
            var name = Fresh(p);
            names.Add(name);
            var v = new VarInfo(name, p);
            scope.Declare(v);
            ps.Add(v);
        }
        var ctx = new FunctionContext { Result = method.Result, CostBudget = 400 };
        var body = InFunction(ctx, scope, ps, resetNesting: true, () =>
        {
            if (enumInfo is not null && _r.Percent(70))
                return Block(MatchOn(NameOf(selfVar), self, method.Result, 2));
            var stmts = new List<Stmt>();
            if (mutator)
            {
                Feature(Features.StructMutation);
                var info = ((StructType)self).Info;
                var field = _r.Pick(info.Fields);
                stmts.Add(Stmt(Assign(Member(NameOf(selfVar), field.Name), Gen(field.Type, 2))));
                if (_r.Percent(40)) GenStatements(stmts, 1);
                return Block(stmts);
            }
            if (_r.Percent(30)) GenStatements(stmts, _r.Range(1, 2));
            stmts.Add(Stmt(Gen(method.Result, 2)));
            return Block(stmts);
        });
        method.Cost = Math.Max(1, ctx.Cost);
        method.Resizes = ctx.Resizes;
        return Function(method.Name, [Param("self"), .. names.Select((n, i) => Param(n, _r.Percent(30) ? Annotation(method.Parameters[i]) : null))],
            body, hasSelf: true, returnType: !mutator && _r.Percent(25) ? Annotation(method.Result) : null);
    }

    /// <summary><c>fn count(self, n, acc) => if n &lt;= 0 then acc else self.count(n - 1, acc + ..) end</c></summary>
    private FunctionNode TailRecursiveMethod(VType self, string name, List<MethodInfo> methods)
    {
        Feature(Features.TailCalls);
        var info = new MethodInfo(name, [VType.Int, VType.Int], VType.Int, hasSelf: true)
        {
            BoundedFirstParameter = true, MaxBound = 12_000, Recursion = RecursionShape.Tail, Cost = 3,
        };
        var n = Fresh("n");
        var acc = Fresh("acc");
        var scope = new ScopeChain();
        var selfVar = new VarInfo("self", self);
        var nVar = new VarInfo(n, VType.Int);
        var accVar = new VarInfo(acc, VType.Int);
        scope.Declare(selfVar);
        scope.Declare(nVar);
        scope.Declare(accVar);
        var ctx = new FunctionContext { Result = VType.Int, CostBudget = 3 };
        var step = InFunction(ctx, scope, [accVar, nVar], resetNesting: true, () => Gen(VType.Int, 1));
        var body = If(Bin(BinaryOp.Le, Name(n), Int(0)), Block(Name(acc)),
            Block(Method(Name("self"), name, Bin(BinaryOp.Sub, Name(n), Int(1)), Bin(BinaryOp.Mod, Bin(BinaryOp.Add, Name(acc), step), Int(WrapModulus)))));
        methods.Add(info);
        return Function(name, [Param("self"), Param(n), Param(acc)], Block(body), hasSelf: true);
    }
}
