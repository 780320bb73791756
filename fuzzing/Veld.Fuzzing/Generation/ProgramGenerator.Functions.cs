using Veld.Language.Syntax;
using static Veld.Fuzzing.Generation.SyntaxFactory;

namespace Veld.Fuzzing.Generation;

// Top-level functions: plain, procs, bounded recursion (linear, tree, tail, mutual), higher-order.
public sealed partial class ProgramGenerator
{
    private static readonly string[] FunctionNames = ["compute", "helper", "mix", "check", "build", "score", "walk", "fold", "apply", "make"];

    private string FunctionName(string? stem = null) => Fresh((stem ?? _r.Pick(FunctionNames)) + "_");

    private IEnumerable<Stmt> GenTopLevelFunction() => Choose<IEnumerable<Stmt>>(
        (30, () => [PlainFunction(isProc: false)]),
        (8, () => [PlainFunction(isProc: true)]),
        (12, () => [RecursiveFunction(RecursionShape.Linear)]),
        (5, () => [RecursiveFunction(RecursionShape.Tree)]),
        (10, () => [TailRecursiveFunction()]),
        (4, () => MutuallyRecursiveFunctions()),
        (6, () => [HigherOrderFunction()]),
        (6, () => [ClosureFactory()]));

    /// <summary>A new scope chain for a top-level function body: the globals declared so far, then the parameters.</summary>
    private (ScopeChain Scope, List<VarInfo> Parameters) FunctionScope(IReadOnlyList<(string Name, VType Type)> parameters)
    {
        var scope = _scope.Fork();
        scope.Push();
        var ps = new List<VarInfo>();
        foreach (var (name, type) in parameters)
        {
            var v = new VarInfo(name, type) { CallCost = 300 };
            scope.Declare(v);
            ps.Add(v);
        }
        return (scope, ps);
    }

    private List<Parameter> Parameters(IEnumerable<(string Name, VType Type)> ps, bool annotate, string? generic = null) =>
        [.. ps.Select(p => Param(p.Name, generic is not null && p.Type.Equals(VType.Int) ? generic : annotate ? Annotation(p.Type) : null))];

    private FnDecl PlainFunction(bool isProc)
    {
        Feature(isProc ? Features.Procs : Features.Functions);
        int arity = _r.Range(0, 3);
        var ps = Enumerable.Range(0, arity).Select(_ => { var t = RandomType(1); return (Fresh(t), t); }).ToList();
        var result = isProc ? VType.Unit : RandomType(1);
        var info = new FunctionInfo(FunctionName(isProc ? "log" : null), [.. ps.Select(p => p.Item2)], result) { IsProc = isProc };
        var (scope, parameters) = FunctionScope(ps);
        var ctx = new FunctionContext { Result = result, CostBudget = 3_000 };
        int statements = _r.Percent(25) ? 0 : _r.Range(1, Math.Clamp(Size / 5, 1, 6));
        var body = InFunction(ctx, scope, parameters, resetNesting: true, () =>
        {
            var stmts = new List<Stmt>();
            GenStatements(stmts, statements);
            if (isProc)
            {
                if (stmts.Count == 0) stmts.Add(Stmt(Call("println", Gen(VType.Str, 2))));
                return Block(stmts);
            }
            var value = Gen(result, ExprDepth);
            if (_r.Percent(15))
            {
                Feature(Features.EarlyReturn);
                stmts.Add(Stmt(Return(value)));
            }
            else stmts.Add(Stmt(value));
            return Block(stmts);
        });
        if (!isProc && statements == 0) Feature(Features.ExpressionBodies);
        info.Cost = Math.Max(1, ctx.Cost);
        info.Resizes = ctx.Resizes;
        _functions.Add(info);
        bool annotate = _r.Percent(35);
        if (annotate) Feature(Features.TypeAnnotations);
        string? generic = !isProc && _r.Percent(6) && ps.Any(p => p.Item2.Equals(VType.Int)) ? "T" : null;
        if (generic is not null) Feature(Features.Generics);
        return FnDecl(Function(info.Name, Parameters(ps, annotate, generic), body, isProc: isProc,
            returnType: annotate && !isProc ? Annotation(result) : null, generics: generic is null ? null : [generic]));
    }

    /// <summary>
    /// <c>fn f(n, x) if n &lt;= 0 then base else let r = f(n - 1, ..) .. end end</c>: recursion whose depth is
    /// the first argument, which callers keep small. A tree shape calls itself twice per level.
    /// </summary>
    private FnDecl RecursiveFunction(RecursionShape shape)
    {
        Feature(Features.Recursion);
        if (shape == RecursionShape.Tree) Feature(Features.TreeRecursion);
        var n = Fresh("n");
        var extraType = _r.Pick([VType.Int, VType.Str, VType.Float]);
        var x = Fresh(extraType);
        var result = _r.Pick([VType.Int, VType.Int, VType.Str, new ArrayType(VType.Int), VType.Float]);
        var info = new FunctionInfo(FunctionName("rec"), [VType.Int, extraType], result)
        {
            BoundedFirstParameter = true, MaxBound = shape == RecursionShape.Tree ? 6 : 8, Recursion = shape,
        };
        var (scope, parameters) = FunctionScope([(n, VType.Int), (x, extraType)]);
        var ctx = new FunctionContext { Result = result, CostBudget = 300 };
        var body = InFunction(ctx, scope, parameters, resetNesting: true, () =>
        {
            var stmts = new List<Stmt>();
            if (_r.Percent(40)) GenStatements(stmts, 1);
            var baseCase = ValueBlock(result, 2);
            var recursive = Scoped(() =>
            {
                var inner = new List<Stmt>();
                var calls = shape == RecursionShape.Tree ? 2 : 1;
                var results = new List<VarInfo>();
                for (int i = 0; i < calls; i++)
                {
                    var r = Fresh("r");
                    inner.Add(Let(r, Call(info.Name, Bin(BinaryOp.Sub, Name(n), Int(i + 1)), Gen(extraType, 1))));
                    var rv = new VarInfo(r, result);
                    _scope.Declare(rv);
                    results.Add(rv);
                }
                _preferred = [.. results, .. _preferred];
                if (_r.Percent(40)) GenStatements(inner, 1);
                inner.Add(Stmt(Gen(result, 2)));
                return Block(inner);
            });
            stmts.Add(Stmt(If(Bin(BinaryOp.Le, Name(n), Int(0)), baseCase, recursive)));
            return Block(stmts);
        });
        info.Cost = Math.Max(1, ctx.Cost);
        info.Resizes = ctx.Resizes;
        _functions.Add(info);
        return FnDecl(Function(info.Name, Parameters([(n, VType.Int), (x, extraType)], _r.Percent(30)), body));
    }

    /// <summary>
    /// A loop written as tail recursion, called with bounds far past the call-depth limit now and then:
    /// only proper tail calls keep it from StackOverflow. The tail call sits in an if branch, a match arm,
    /// or after <c>return</c>.
    /// </summary>
    private FnDecl TailRecursiveFunction()
    {
        Feature(Features.TailCalls);
        Feature(Features.Recursion);
        var n = Fresh("n");
        var acc = Fresh("acc");
        var accType = _r.Percent(75) ? VType.Int : VType.Float;
        var info = new FunctionInfo(FunctionName("loop"), [VType.Int, accType], accType)
        {
            BoundedFirstParameter = true, MaxBound = 12_000, Recursion = RecursionShape.Tail,
        };
        var (scope, parameters) = FunctionScope([(n, VType.Int), (acc, accType)]);
        var ctx = new FunctionContext { Result = accType, CostBudget = 4 };
        var step = InFunction(ctx, scope, parameters, resetNesting: true, () => Gen(accType, 2));
        var wrapped = Bin(BinaryOp.Mod, step, accType.Equals(VType.Int) ? Int(WrapModulus) : Float(WrapModulus));
        Expr TailCall() => Call(info.Name, Bin(BinaryOp.Sub, Name(n), Int(1)), wrapped);
        Block body = _r.Below(3) switch
        {
            0 => Block(If(Bin(BinaryOp.Le, Name(n), Int(0)), Block(Name(acc)), Block(TailCall()))),
            1 => Block(Match(Name(n), [
                Arm(Bind("k"), Name(acc), Bin(BinaryOp.Le, Name("k"), Int(0))),
                Arm(Wildcard(), TailCall()),
            ])),
            _ => Block(
                If(Bin(BinaryOp.Le, Name(n), Int(0)), Block(Return(Name(acc)))),
                Return(TailCall())),
        };
        info.Cost = Math.Max(2, ctx.Cost + 2);
        _functions.Add(info);
        return FnDecl(Function(info.Name, Parameters([(n, VType.Int), (acc, accType)], _r.Percent(30)), body));
    }

    /// <summary><c>is_even</c>/<c>is_odd</c>: two functions that tail-call each other (hoisting lets the first name the second).</summary>
    private IEnumerable<Stmt> MutuallyRecursiveFunctions()
    {
        Feature(Features.MutualRecursion);
        Feature(Features.TailCalls);
        var even = new FunctionInfo(FunctionName("even"), [VType.Int], VType.Bool)
            { BoundedFirstParameter = true, MaxBound = 12_000, Recursion = RecursionShape.Tail, Cost = 2 };
        var odd = new FunctionInfo(FunctionName("odd"), [VType.Int], VType.Bool)
            { BoundedFirstParameter = true, MaxBound = 12_000, Recursion = RecursionShape.Tail, Cost = 2 };
        FnDecl Make(FunctionInfo self, FunctionInfo other, bool atZero)
        {
            var n = Fresh("n");
            var body = If(Bin(BinaryOp.Eq, Name(n), Int(0)), Block(Bool(atZero)), Block(Call(other.Name, Bin(BinaryOp.Sub, Name(n), Int(1)))));
            return FnDecl(Function(self.Name, [Param(n)], Block(body)));
        }
        _functions.Add(even);
        _functions.Add(odd);
        return [Make(even, odd, true), Make(odd, even, false)];
    }

    /// <summary>A function taking a function: <c>fn apply(f, x) => f(f(x))</c> and the like.</summary>
    private FnDecl HigherOrderFunction()
    {
        Feature(Features.HigherOrderFunctions);
        var ft = RandomFnType();
        var f = Fresh("f");
        var others = Enumerable.Range(0, _r.Range(0, 2)).Select(_ => { var t = _r.Pick([VType.Int, VType.Str]); return (Fresh(t), t); }).ToList();
        var ps = new List<(string, VType)> { (f, ft) };
        ps.AddRange(others);
        var result = _r.Percent(60) ? ft.Result : RandomType(1);
        var info = new FunctionInfo(FunctionName("apply"), [.. ps.Select(p => p.Item2)], result);
        var (scope, parameters) = FunctionScope(ps);
        var ctx = new FunctionContext { Result = result, CostBudget = 2_000 };
        var body = InFunction(ctx, scope, parameters, resetNesting: true, () =>
        {
            var stmts = new List<Stmt>();
            var call = Call(Name(f), ft.Parameters.Select(p => Gen(p, 1)).ToArray());
            if (ft.Result.Equals(result) && _r.Percent(60))
            {
                stmts.Add(Stmt(call));
                return Block(stmts);
            }
            var r = Fresh(ft.Result);
            stmts.Add(Let(r, call));
            var rv = new VarInfo(r, ft.Result);
            _scope.Declare(rv);
            _preferred = [rv, .. _preferred];
            stmts.Add(Stmt(Gen(result, 2)));
            return Block(stmts);
        });
        info.Cost = Math.Max(1, ctx.Cost) + 300;
        info.Resizes = ctx.Resizes;
        _functions.Add(info);
        return FnDecl(Function(info.Name, Parameters(ps, _r.Percent(40)), body));
    }

    /// <summary>A function returning a closure over its parameters: <c>fn make_adder(n) => x =&gt; x + n</c>.</summary>
    private FnDecl ClosureFactory()
    {
        Feature(Features.Closures);
        Feature(Features.HigherOrderFunctions);
        var ft = RandomFnType();
        var ps = Enumerable.Range(0, _r.Range(1, 2)).Select(_ => { var t = _r.Pick([VType.Int, VType.Str, VType.Float]); return (Fresh(t), t); }).ToList();
        var info = new FunctionInfo(FunctionName("make"), [.. ps.Select(p => p.Item2)], ft);
        var (scope, parameters) = FunctionScope(ps);
        var ctx = new FunctionContext { Result = ft, CostBudget = 500 };
        var body = InFunction(ctx, scope, parameters, resetNesting: true, () =>
        {
            var stmts = new List<Stmt>();
            if (_r.Percent(40))
            {
                // A local the closure captures; each call of the factory makes a fresh one.
                var local = Fresh("k");
                stmts.Add(Let(local, Gen(VType.Int, 1), DeclKind.Var));
                _scope.Declare(new VarInfo(local, VType.Int) { Mutable = true });
            }
            stmts.Add(Stmt(MakeLambda(ft, 2, null).Lambda));
            return Block(stmts);
        });
        info.Cost = Math.Max(1, ctx.Cost);
        _functions.Add(info);
        return FnDecl(Function(info.Name, Parameters(ps, _r.Percent(30)), body));
    }
}
