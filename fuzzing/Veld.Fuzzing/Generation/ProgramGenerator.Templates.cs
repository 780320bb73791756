using Veld.Language.Syntax;
using static Veld.Fuzzing.Generation.SyntaxFactory;

namespace Veld.Fuzzing.Generation;

// Small hand-shaped fragments for semantics that random expressions rarely line up by chance:
// closures over loop variables and mutated variables, recursive and mutually recursive lambdas,
// reference semantics of arrays, maps and structs, map insertion order, shadowing.
public sealed partial class ProgramGenerator
{
    private List<Stmt>? Template() => Choose<List<Stmt>>(
        (3, ClosureCounter),
        (CanNest && MayResize ? 3 : 0, ClosuresOverLoopVariables),
        (2, LateWriteSeenByClosure),
        (2, RecursiveLambda),
        (AtTopLevel ? 2 : 0, MutuallyRecursiveGlobals),
        (CanNest ? 2 : 0, NestedRecursiveCapture),
        (MayResize ? 2 : 0, MapOrder),
        (1, TupleKeys),
        (MayResize ? 2 : 0, Aliasing),
        (CanNest ? 1 : 0, ShadowInBlock),
        (1, () => [PrintStatement()]));

    /// <summary><c>var c = 0  let inc = () =&gt; do c += 1  c end</c>: writes through a closure are seen outside.</summary>
    private List<Stmt> ClosureCounter()
    {
        Feature(Features.Closures);
        Feature(Features.ClosureCapturesMutated);
        var c = Fresh("c");
        var inc = Fresh("inc");
        int step = _r.Range(1, 5);
        var counter = new VarInfo(c, VType.Int) { Mutable = true, Frozen = true, IsGlobal = AtTopLevel };
        _scope.Declare(counter);
        _scope.Declare(new VarInfo(inc, new FnType([], VType.Int)) { IsGlobal = AtTopLevel, CallCost = 2 });
        return
        [
            Let(c, Int(_r.Range(0, 10)), DeclKind.Var),
            Let(inc, Lambda([], Do(Block([Stmt(Assign(Name(c), Int(step), BinaryOp.Add)), Stmt(Name(c))])))),
            Stmt(Call("println", Call(inc))),
            Stmt(Call("println", Call(inc), Name(c))),
        ];
    }

    /// <summary>Each iteration has a fresh loop variable and fresh locals: closures made in a loop see their own.</summary>
    private List<Stmt> ClosuresOverLoopVariables()
    {
        Feature(Features.Closures);
        Feature(Features.ClosureCapturesLoopVar);
        var fs = Fresh("fs");
        var i = Fresh("i");
        var k = Fresh("k");
        int trips = _r.Range(2, 5);
        bool whileLoop = _r.Percent(40);
        var fnType = new FnType([], VType.Int);
        var stmts = new List<Stmt> { Let(fs, Array([Lambda([], Int(-1))])) };
        var push = Method(Name(fs), "push", Lambda([], Bin(BinaryOp.Add, Bin(BinaryOp.Mul, Name(i), Int(10)), Name(k))));
        if (whileLoop)
        {
            var j = Fresh("j");
            stmts.Add(Let(j, Int(0), DeclKind.Var));
            stmts.Add(Stmt(While(Bin(BinaryOp.Lt, Name(j), Int(trips)), Block([
                Stmt(Assign(Name(j), Int(1), BinaryOp.Add)),
                Let(i, Name(j)),
                Let(k, Bin(BinaryOp.Mul, Name(j), Name(j))),
                Stmt(push),
            ]))));
        }
        else
        {
            stmts.Add(Stmt(For(Bind(i), Range(Int(0), Int(trips)), Block([Let(k, Bin(BinaryOp.Sub, Name(i), Int(1))), Stmt(push)]))));
        }
        var f = Fresh("f");
        stmts.Add(_r.Percent(50)
            ? Stmt(For(Bind(f), Name(fs), Block(Call("println", Call(f)))))
            : Stmt(Call("println", Method(Name(fs), "map", Lambda([f], Call(f))))));
        _scope.Declare(new VarInfo(fs, new ArrayType(fnType)) { IsGlobal = AtTopLevel });
        return stmts;
    }

    /// <summary>A closure reads a variable's current value, not the value when it was made.</summary>
    private List<Stmt> LateWriteSeenByClosure()
    {
        Feature(Features.ClosureCapturesMutated);
        var x = Fresh("x");
        var get = Fresh("get");
        var t = _r.Pick([VType.Int, VType.Str]);
        var first = Gen(t, 1);
        _scope.Declare(new VarInfo(x, t) { Mutable = true, Frozen = true, IsGlobal = AtTopLevel });
        _scope.Declare(new VarInfo(get, new FnType([], t)) { IsGlobal = AtTopLevel, CallCost = 2 });
        var later = Gen(t, 1);
        return
        [
            Let(x, first, DeclKind.Var),
            Let(get, Lambda([], Name(x))),
            Stmt(Assign(Name(x), later)),
            Stmt(Call("println", Call(get))),
        ];
    }

    /// <summary><c>let fact = n =&gt; if n &lt; 2 then 1 else n * fact(n - 1) end</c>: a let-bound lambda sees itself.</summary>
    private List<Stmt> RecursiveLambda()
    {
        Feature(Features.RecursiveLambda);
        Feature(Features.Recursion);
        var name = Fresh("fact");
        var n = Fresh("n");
        var body = If(Bin(BinaryOp.Lt, Name(n), Int(2)), Block(Int(1)),
            Block(Bin(_r.Percent(50) ? BinaryOp.Mul : BinaryOp.Add, Name(n), Call(name, Bin(BinaryOp.Sub, Name(n), Int(1))))));
        var info = new CallableInfo(name, [VType.Int], VType.Int) { BoundedFirstParameter = true, MaxBound = 15, Recursion = RecursionShape.Linear, Cost = 2 };
        _scope.Declare(new VarInfo(name, info.Type) { Callable = info, IsGlobal = AtTopLevel });
        return [Let(name, Lambda([n], body)), Stmt(Call("println", Call(name, Int(_r.Range(0, 15)))))];
    }

    /// <summary>Two top-level lambdas that name each other: a function body may name a global declared later.</summary>
    private List<Stmt> MutuallyRecursiveGlobals()
    {
        Feature(Features.MutualRecursion);
        Feature(Features.Globals);
        var even = Fresh("is_even");
        var odd = Fresh("is_odd");
        var n = Fresh("n");
        Expr Body(bool atZero, string other) =>
            If(Bin(BinaryOp.Eq, Name(n), Int(0)), Block(Bool(atZero)), Block(Call(other, Bin(BinaryOp.Sub, Name(n), Int(1)))));
        // Deep enough now and then that only proper tail calls (in the else branch) avoid StackOverflow.
        int arg = _r.Percent(20) ? _r.Range(10_001, 12_000) : _r.Range(0, 30);
        if (arg > 10_000) Feature(Features.DeepTailCalls);
        Feature(Features.TailCalls);
        return
        [
            Let(even, Lambda([n], Body(true, odd))),
            Let(odd, Lambda([n], Body(false, even))),
            Stmt(Call("println", Call(even, Int(arg)), Call(odd, Int(_r.Range(0, 9))))),
        ];
    }

    /// <summary>A nested function that recurses and writes a captured variable of its enclosing scope.</summary>
    private List<Stmt> NestedRecursiveCapture()
    {
        Feature(Features.NestedFunctions);
        Feature(Features.Closures);
        Feature(Features.ClosureCapturesMutated);
        var acc = Fresh("acc");
        var walk = Fresh("walk");
        var k = Fresh("k");
        int bound = _r.Range(0, 8);
        var fn = Function(walk, [Param(k)], Block(If(Bin(BinaryOp.Gt, Name(k), Int(0)), Block([
            Stmt(Assign(Name(acc), Name(k), BinaryOp.Add)),
            Stmt(Call(walk, Bin(BinaryOp.Sub, Name(k), Int(1)))),
        ]))));
        return
        [
            Stmt(Do(Block([
                Let(acc, Int(0), DeclKind.Var),
                FnDecl(fn),
                Stmt(Call(walk, Int(bound))),
                Stmt(Call("println", Name(acc))),
            ]))),
        ];
    }

    /// <summary>Maps keep insertion order; a removed key inserted again goes last.</summary>
    private List<Stmt> MapOrder()
    {
        Feature(Features.Maps);
        Feature(Features.MapMutation);
        Feature(Features.ForMap);
        var m = Fresh("m");
        var k = Fresh("k");
        var v = Fresh("v");
        var keys = StrKeys.OrderBy(_ => _r.Below(1000)).Take(3).ToList();
        var stmts = new List<Stmt>
        {
            Let(m, Map(keys.Take(2).Select((key, i) => ((Expr)Str(key), (Expr)Int(i + 1))))),
            Stmt(Assign(Index(Name(m), Str(keys[2])), Int(3))),
            Stmt(Method(Name(m), "remove", Str(keys[0]))),
            Stmt(Assign(Index(Name(m), Str(keys[0])), Int(4))),
            Stmt(For(TuplePat([Bind(k), Bind(v)]), Name(m), Block(new MacroExpr
            {
                Kind = MacroKind.Println, Parts = [Hole(Name(k)), Text(" = "), Hole(Name(v))],
            }))),
            Stmt(Call("println", Method(Name(m), "keys"), Method(Name(m), "values"))),
        };
        _scope.Declare(new VarInfo(m, new MapType(false, VType.Int, [.. keys.Order(StringComparer.Ordinal)])) { IsGlobal = AtTopLevel });
        _ctx.Resizes = true;
        return stmts;
    }

    private List<Stmt> TupleKeys()
    {
        Feature(Features.TupleKeyMaps);
        var m = Fresh("tk");
        return
        [
            Let(m, Map([(Tuple([Int(1), Int(2)]), Str("a")), (Tuple([Int(3), Str("x")]), Str("b")), (Bool(true), Str("c"))])),
            Stmt(Call("println", Index(Name(m), Tuple([Int(1), Int(2)])), Method(Name(m), "get", Tuple([Int(3), Str("x")]), Str("none")))),
            Stmt(Call("println", Method(Name(m), "contains_key", Tuple([Int(2), Int(1)])), Method(Name(m), "len"))),
        ];
    }

    /// <summary>Arrays, maps and structs are shared by reference: a write through one name is seen through the other.</summary>
    private List<Stmt>? Aliasing()
    {
        var candidates = _scope.Visible().Where(v => v.Type is ArrayType or StructType).ToList();
        if (candidates.Count == 0) return null;
        var v = _r.Pick(candidates);
        var alias = Fresh("alias");
        var stmts = new List<Stmt> { Let(alias, NameOf(v)) };
        if (v.Type is ArrayType a)
        {
            Feature(Features.ArrayMutation);
            stmts.Add(Stmt(Method(Name(alias), "push", Gen(a.Element, 1))));
            stmts.Add(Stmt(Call("println", Method(NameOf(v), "len"), Bin(BinaryOp.Eq, Name(alias), NameOf(v)))));
            _ctx.Resizes = true;
        }
        else
        {
            var st = (StructType)v.Type;
            var f = _r.Pick(st.Info.Fields);
            Feature(Features.StructMutation);
            stmts.Add(Stmt(Assign(Member(Name(alias), f.Name), Gen(f.Type, 1))));
            stmts.Add(Stmt(Call("println", Member(NameOf(v), f.Name))));
        }
        _scope.Declare(new VarInfo(alias, v.Type) { IsGlobal = AtTopLevel });
        return stmts;
    }

    /// <summary><c>let v = v * 3</c> in an inner block reads the outer v; the outer one is unchanged after.</summary>
    private List<Stmt>? ShadowInBlock()
    {
        var ints = VarsOf(VType.Int).Where(v => v.Callable is null).ToList();
        if (ints.Count == 0) return null;
        Feature(Features.Shadowing);
        var v = _r.Pick(ints);
        return
        [
            Stmt(Do(Block([
                Let(v.Name, Bin(BinaryOp.Mod, Bin(BinaryOp.Mul, NameOf(v), Int(3)), Int(WrapModulus))),
                Stmt(Call("println", Name(v.Name))),
            ]))),
            Stmt(Call("println", NameOf(v))),
        ];
    }
}
