using Veld.Language.Printing;
using Veld.Language.Syntax;
using static Veld.Fuzzing.Generation.SyntaxFactory;

namespace Veld.Fuzzing.Generation;

// Expressions of the compound types (array, tuple, map, struct, enum, function) and the productions
// every type shares (conditionals, blocks, calls, field and element reads).
public sealed partial class ProgramGenerator
{
    private VarInfo? AnyVarOf<T>() where T : VType
    {
        var all = _scope.Visible().Where(v => v.Type is T).ToList();
        return all.Count == 0 ? null : _r.Pick(all);
    }

    /// <summary>An array of any element type: a variable or a fresh one.</summary>
    private Expr AnyArray(int d, bool nonEmpty)
    {
        var v = AnyVarOf<ArrayType>();
        if (v is not null && _r.Percent(65)) return NameOf(v);
        return ArrayTerm(new ArrayType(RandomElementType(0)), d, nonEmpty);
    }

    // ---- array ------------------------------------------------------------------------------------

    private Expr ArrayLiteral(ArrayType a, int d, bool nonEmpty)
    {
        Feature(Features.Arrays);
        int n = !nonEmpty && _r.Percent(15) ? 0 : _r.Range(1, 4);
        return Array(Enumerable.Range(0, n).Select(_ => Gen(a.Element, d - 1)).ToList());
    }

    private Expr ArrayTerm(ArrayType a, int d, bool nonEmpty)
    {
        if (d <= 0)
        {
            var v = PickVar(a);
            return v is not null && _r.Percent(70) ? NameOf(v) : ArrayLiteral(a, d, nonEmpty);
        }
        return Choose<Expr>([
            (8, () => ArrayLiteral(a, d, nonEmpty)),
            (8, () => PickVar(a) is { } v ? NameOf(v) : null),
            (4, () => MapArray(a, d)),
            (3, () =>
            {
                var method = a.Element.IsOrdered ? _r.Pick(["reverse", "copy", "sort"]) : _r.Pick(["reverse", "copy"]);
                Feature(Features.ArrayMethods);
                return Method(ArrayTerm(a, d - 1, nonEmpty: true), method);
            }),
            (nonEmpty ? 0 : 2, () => FilterArray(a, d)),
            (nonEmpty ? 0 : 2, () =>
            {
                // let t = xs in t.slice(0, min(k, t.len())): always in range.
                Feature(Features.ArrayMethods);
                Feature(Features.LetIn);
                var t = Fresh("t");
                return LetIn(Bind(t), ArrayTerm(a, d - 1, nonEmpty: false),
                    Method(Name(t), "slice", Int(0), Call("min", Int(_r.Range(0, 3)), Method(Name(t), "len"))));
            }),
            (2, () => PickVar(a) is { } v ? Method(NameOf(v), "slice", Int(0), Int(1)) : null),
            (a.Element.Equals(VType.Str) && !nonEmpty ? 3 : 0, () =>
            {
                Feature(Features.StringMethods);
                return _r.Percent(50) ? Method(StrTerm(d - 1), "chars") : Method(StrTerm(d - 1), "split", Str(_r.Pick([",", " ", "l"])));
            }),
            (2, () =>
            {
                var maps = _scope.Visible().Where(v => v.Type is MapType m && (m.KeyType.Equals(a.Element) || m.Value.Equals(a.Element))).ToList();
                if (maps.Count == 0) return null;
                var map = _r.Pick(maps);
                var mt = (MapType)map.Type;
                Feature(Features.Maps);
                return Method(NameOf(map), mt.KeyType.Equals(a.Element) && (_r.Percent(50) || !mt.Value.Equals(a.Element)) ? "keys" : "values");
            }),
            .. Common(a, d),
        ]);
    }

    private Expr? MapArray(ArrayType a, int d)
    {
        if (!_ctx.CanAfford(20)) return null;
        var source = AnyVarOf<ArrayType>();
        Expr src;
        VType from;
        if (source is not null && _r.Percent(75))
        {
            src = NameOf(source);
            from = ((ArrayType)source.Type).Element;
        }
        else
        {
            from = _r.Pick([VType.Int, VType.Str]);
            src = ArrayLiteral(new ArrayType(from), d - 1, nonEmpty: true);
        }
        Feature(Features.HigherOrderMethods);
        var (fn, cost) = MakeLambda(new FnType([from], a.Element), d - 1, [Fresh("x")]);
        _ctx.Spend(10 * cost);
        return Method(src, "map", fn);
    }

    private Expr? FilterArray(ArrayType a, int d)
    {
        if (!_ctx.CanAfford(20)) return null;
        Feature(Features.HigherOrderMethods);
        var (fn, cost) = MakeLambda(new FnType([a.Element], VType.Bool), d - 1, [Fresh("x")]);
        _ctx.Spend(10 * cost);
        return Method(ArrayTerm(a, d - 1, nonEmpty: false), "filter", fn);
    }

    // ---- tuple, map -------------------------------------------------------------------------------

    private Expr TupleTerm(TupleType tt, int d)
    {
        Feature(Features.Tuples);
        Expr Literal() => Tuple(tt.Elements.Select(e => Gen(e, d - 1)).ToList());
        if (d <= 0) return PickVar(tt) is { } v && _r.Percent(70) ? NameOf(v) : Literal();
        return Choose<Expr>([
            (10, Literal),
            (6, () => PickVar(tt) is { } v ? NameOf(v) : null),
            .. Common(tt, d),
        ]);
    }

    private Expr MapKey(MapType m, bool requiredOnly)
    {
        if (m.RequiredKeys.Count > 0 && (requiredOnly || _r.Percent(70)))
            return KeyLiteral(_r.Pick(m.RequiredKeys));
        return m.IntKeys ? Int(_r.Range(0, 12)) : Str(_r.Pick(StrKeys) + (_r.Percent(50) ? "" : "2"));
    }

    private static Expr KeyLiteral(object key) => key is long l ? Int(l) : Str((string)key);

    private Expr MapTerm(MapType m, int d)
    {
        Feature(Features.Maps);
        if (m.IntKeys) Feature(Features.IntKeyMaps);
        Expr Literal()
        {
            var entries = m.RequiredKeys.Select(k => (KeyLiteral(k), Gen(m.Value, d - 1))).ToList();
            _r.Shuffle(entries);
            return Map(entries);
        }
        if (d <= 0) return PickVar(m) is { } v && _r.Percent(70) ? NameOf(v) : Literal();
        return Choose<Expr>([
            (10, Literal),
            (6, () => PickVar(m) is { } v ? NameOf(v) : null),
            (2, () => PickVar(m) is { } v ? Method(NameOf(v), "copy") : null),
            .. Common(m, d),
        ]);
    }

    // ---- struct, enum -----------------------------------------------------------------------------

    private Expr StructLiteral(StructInfo s, int d)
    {
        Feature(Features.Structs);
        var fields = s.Fields.Select(f => (f.Name, Gen(f.Type, d - 1))).ToList();
        if (_r.Percent(30)) _r.Shuffle(fields); // construction may name fields in any order
        return Construct(s.Name, fields);
    }

    private Expr StructTerm(StructInfo s, int d)
    {
        if (d <= 0) return PickVar(s.Type) is { } v && _r.Percent(70) ? NameOf(v) : StructLiteral(s, d);
        return Choose<Expr>([
            (10, () => StructLiteral(s, d)),
            (6, () => PickVar(s.Type) is { } v ? NameOf(v) : null),
            .. Common(s.Type, d),
        ]);
    }

    private Expr EnumLiteral(EnumInfo e, int d)
    {
        Feature(Features.Enums);
        var variant = _r.Pick(e.Variants);
        if (variant.Payload.Count == 0) return Member(Name(e.Name), variant.Name);
        return Method(Name(e.Name), variant.Name, variant.Payload.Select(p => Gen(p, d - 1)).ToArray());
    }

    private Expr EnumTerm(EnumInfo e, int d)
    {
        if (d <= 0) return PickVar(e.Type) is { } v && _r.Percent(60) ? NameOf(v) : EnumLiteral(e, d);
        return Choose<Expr>([
            (10, () => EnumLiteral(e, d)),
            (6, () => PickVar(e.Type) is { } v ? NameOf(v) : null),
            .. Common(e.Type, d),
        ]);
    }

    // ---- functions --------------------------------------------------------------------------------

    private Expr FnTerm(FnType f, int d)
    {
        Feature(Features.FunctionValues);
        return Choose<Expr>([
            (8, () => MakeLambda(f, Math.Max(d - 1, 1), null).Lambda),
            (5, () => PickVar(f) is { } v ? NameOf(v) : null),
            (2, () =>
            {
                var fns = _functions.Where(fn => !fn.BoundedFirstParameter && fn.Type.Equals(f) && !fn.Resizes).ToList();
                return fns.Count == 0 || _noUserCalls ? null : Name(_r.Pick(fns).Name);
            }),
            (1, () => f.Equals(new FnType([VType.Int], VType.Int)) ? Name("abs") : null),
            .. (d > 0 ? Common(f, d) : []),
        ]);
    }

    /// <summary>
    /// A lambda of type <paramref name="f"/>: <c>x =&gt; e</c>, or a block body <c>fn(x) .. end</c>. Its body sees
    /// everything in scope here (a closure); returns the lambda and the estimated cost of one call.
    /// </summary>
    private (FunctionExpr Lambda, long Cost) MakeLambda(FnType f, int d, IReadOnlyList<string>? names)
    {
        Feature(Features.Lambdas);
        var paramNames = names?.ToList() ?? f.Parameters.Select(_ => Fresh("x")).ToList();
        var scope = _scope.Fork();
        scope.Push();
        var parameters = new List<VarInfo>();
        for (int i = 0; i < f.Parameters.Count; i++)
        {
            var p = new VarInfo(paramNames[i], f.Parameters[i]);
            scope.Declare(p);
            parameters.Add(p);
        }
        var ctx = new FunctionContext { Result = f.Result, IsLambda = true, CostBudget = 300, FrozenCollections = _ctx.FrozenCollections };
        bool blockBody = _blockNesting < _opt.MaxBlockNesting && _r.Percent(20);
        var body = InFunction(ctx, scope, parameters, resetNesting: false, () =>
        {
            if (!blockBody) return Block(Gen(f.Result, d));
            _blockNesting++;
            var stmts = new List<Stmt>();
            GenStatements(stmts, _r.Range(1, 2));
            stmts.Add(Stmt(Gen(f.Result, d)));
            _blockNesting--;
            return Block(stmts);
        });
        NoteCaptures(body, parameters);
        var lambda = new FunctionExpr
        {
            Function = Function(null, paramNames.Select(n => Param(n)), body, isLambda: true),
        };
        return (lambda, Math.Max(1, ctx.Cost));
    }

    /// <summary>Records closure features: the body names a local of an enclosing function.</summary>
    private void NoteCaptures(Node body, List<VarInfo> ownParameters)
    {
        foreach (var n in SyntaxTraversal.Descendants(body))
        {
            if (n is not NameExpr name || !_nameInfo.TryGetValue(name, out var v)) continue;
            if (v.IsGlobal || ownParameters.Contains(v)) continue;
            Feature(Features.Closures);
            if (v.Mutable) Feature(Features.ClosureCapturesMutated);
        }
    }

    // ---- productions shared by every type ---------------------------------------------------------

    /// <summary>Productions every type shares. Reads of stored values are marked for the growth rule; the
    /// keyword-delimited ones (if, match, do, try) only where there is depth to spare, so expressions stay readable.</summary>
    private (int, Func<Expr?>)[] Common(VType t, int d)
    {
        bool blocks = d >= 2 && _blockNesting < _opt.MaxBlockNesting;
        return
        [
            (blocks ? 3 : 1, () => IfValue(t, d)),
            (blocks ? 2 : 0, () => MatchValue(t, d)),
            (blocks ? 1 : 0, () => DoValue(t, d)),
            (1, () => LetInValue(t, d)),
            (5, () => CallReturning(t, d) is { } e ? Read(e, t) : null),
            (3, () => ClosureCallReturning(t, d) is { } e ? Read(e, t) : null),
            (3, () => MethodReturning(t, d) is { } e ? Read(e, t) : null),
            (4, () => FieldOf(t) is { } e ? Read(e, t) : null),
            (3, () => ElementOf(t, d) is { } e ? Read(e, t) : null),
            (blocks ? 1 : 0, () => TryValue(t, d)),
        ];
    }

    /// <summary>A block whose value is a <paramref name="t"/>: a few statements, then the value.</summary>
    private Block ValueBlock(VType t, int d, int minStatements = 0)
    {
        return Scoped(() =>
        {
            _blockNesting++;
            var stmts = new List<Stmt>();
            int n = _blockNesting <= _opt.MaxBlockNesting && _r.Percent(15) ? _r.Range(1, 2) : 0;
            _simpleStatements++;
            GenStatements(stmts, Math.Max(n, minStatements));
            _simpleStatements--;
            stmts.Add(Stmt(Gen(t, d)));
            _blockNesting--;
            return Block(stmts);
        });
    }

    private Expr IfValue(VType t, int d)
    {
        Feature(Features.IfExpression);
        var branches = new List<IfBranch> { new(BoolTerm(d - 1), ValueBlock(t, d - 1)) };
        if (_r.Percent(25)) branches.Add(new IfBranch(BoolTerm(d - 1), ValueBlock(t, d - 1)));
        return new IfExpr { Branches = branches, Else = ValueBlock(t, d - 1) };
    }

    private Expr DoValue(VType t, int d)
    {
        Feature(Features.DoBlock);
        return Do(ValueBlock(t, d - 1, minStatements: 1));
    }

    private Expr LetInValue(VType t, int d)
    {
        Feature(Features.LetIn);
        var vt = _r.Percent(60) ? _r.Pick([VType.Int, VType.Str]) : RandomType(1);
        var value = Gen(vt, d - 1);
        return Scoped(() =>
        {
            if (vt is TupleType tt && _r.Percent(50))
            {
                Feature(Features.Destructuring);
                var pattern = DestructuringPattern(tt);
                return (Expr)LetIn(pattern, value, Gen(t, d - 1));
            }
            var name = Fresh(vt);
            var info = new VarInfo(name, vt);
            _scope.Declare(info);
            _preferred = [.. _preferred, info];
            var body = Gen(t, d - 1);
            _preferred.Remove(info);
            return LetIn(Bind(name), value, body);
        });
    }

    private Expr? TryValue(VType t, int d)
    {
        Feature(Features.TryCatch);
        var body = Scoped(() =>
        {
            _blockNesting++;
            var stmts = new List<Stmt>();
            if (_r.Percent(40)) stmts.Add(CaughtErrorStatement());
            else GenStatements(stmts, _r.Range(0, 1));
            stmts.Add(Stmt(Gen(t, d - 1)));
            _blockNesting--;
            return Block(stmts);
        });
        var (catchName, handler) = Handler(t, d - 1);
        return Try(body, catchName, handler);
    }

    /// <summary>A catch clause: prints the caught value (an Error struct or the thrown value), then yields a <paramref name="t"/>.</summary>
    private (string? Name, Block Handler) Handler(VType t, int d)
    {
        var name = _r.Percent(85) ? Fresh("err") : null;
        var handler = Scoped(() =>
        {
            _blockNesting++;
            var stmts = new List<Stmt>();
            if (name is not null) stmts.Add(Stmt(Call("println", Bin(BinaryOp.Add, Str("caught: "), Method(Name(name), "to_str")))));
            if (!t.Equals(VType.Unit)) stmts.Add(Stmt(Gen(t, d)));
            _blockNesting--;
            return Block(stmts);
        });
        return (name, handler);
    }

    // ---- calls ------------------------------------------------------------------------------------

    /// <summary>The argument for a recursion bound: a small non-negative int.</summary>
    private Expr BoundArgument(CallableInfo f, out long levels)
    {
        var small = _scope.Visible().Where(v => v.SmallBound > 0 && v.SmallBound <= f.MaxBound + 1 && v.Type.Equals(VType.Int)).ToList();
        if (small.Count > 0 && _r.Percent(30))
        {
            levels = f.MaxBound;
            return NameOf(_r.Pick(small));
        }
        if (_r.Percent(80))
        {
            int n = f.MaxBound > 1000 ? (_r.Percent(85) ? _r.Range(0, 300) : f.MaxBound) : _r.Range(0, f.MaxBound);
            // Deeper than the default call-depth limit: only proper tail calls get there.
            if (n > 10_000) Feature(Features.DeepTailCalls);
            levels = n;
            return Int(n);
        }
        levels = f.MaxBound;
        return Bin(BinaryOp.Mod, Call("abs", IntTerm(1)), Int(Math.Min(f.MaxBound, 1000) + 1));
    }

    /// <summary>Cost of one call of <paramref name="f"/> whose bound argument allows <paramref name="levels"/> levels.</summary>
    private static long CallCost(CallableInfo f, long levels) => f.BoundedFirstParameter
        ? f.Cost * (f.Recursion == RecursionShape.Tree ? (1L << (int)Math.Min(levels + 1, 20)) : levels + 1)
        : f.Cost;

    /// <summary>Whether <paramref name="f"/> may be called here at all: no calls in global initializers, no
    /// resizing inside a loop over a collection.</summary>
    private bool MayCall(CallableInfo f) => !_noUserCalls && !(f.Resizes && (_ctx.FrozenCollections > 0 || _ctx.IsLambda));

    /// <summary>Books a call of <paramref name="f"/> here: its cost, and its resizing (the caller now resizes too).</summary>
    private void NoteCall(CallableInfo f, long cost)
    {
        _ctx.Spend(cost);
        if (f.Resizes) _ctx.Resizes = true;
    }

    private List<Expr> Arguments(CallableInfo f, int d, out long cost)
    {
        var args = new List<Expr>();
        long levels = 0;
        for (int i = 0; i < f.Parameters.Count; i++)
            args.Add(i == 0 && f.BoundedFirstParameter ? BoundArgument(f, out levels) : Gen(f.Parameters[i], d - 1));
        cost = CallCost(f, levels);
        return args;
    }

    private Expr? CallReturning(VType t, int d)
    {
        var candidates = _functions.Where(f => f.Result.Equals(t) && MayCall(f)).Cast<CallableInfo>()
            .Concat(_scope.Visible().Where(v => v.Callable is { } c && c.Result.Equals(t) && MayCall(c)).Select(v => v.Callable!))
            .ToList();
        // A function returning a closure, called on the spot: make_adder(1)(2).
        var factories = _functions.Where(f => f.Result is FnType ft && ft.Result.Equals(t) && MayCall(f)).ToList();
        if (candidates.Count == 0 && factories.Count == 0) return null;
        if (factories.Count > 0 && (candidates.Count == 0 || _r.Percent(15)))
        {
            var factory = _r.Pick(factories);
            var args = Arguments(factory, d, out var cost);
            if (!_ctx.CanAfford(cost + 100)) return null;
            NoteCall(factory, cost + 100);
            Feature(Features.HigherOrderFunctions);
            var inner = (FnType)factory.Result;
            return Call(Call(factory.Name, [.. args]), inner.Parameters.Select(p => Gen(p, d - 1)).ToArray());
        }
        var f = _r.Pick(candidates);
        var arguments = Arguments(f, d, out var c);
        if (!_ctx.CanAfford(c)) return null;
        NoteCall(f, c);
        Feature(Features.Functions);
        if (f.BoundedFirstParameter) Feature(Features.Recursion);
        return Call(f.Name, [.. arguments]);
    }

    private Expr? ClosureCallReturning(VType t, int d)
    {
        // Inside a function or lambda only immutable function variables are called: a mutable one might
        // later hold a closure that calls this very code (g = () => g()), which would never end.
        var fns = _scope.Visible().Where(v => v.Type is FnType ft && ft.Result.Equals(t) && v.Callable is null
            && (_ctx.IsScript || !v.Mutable)).ToList();
        if (fns.Count == 0) return null;
        var v = _r.Pick(fns);
        if (!_ctx.CanAfford(v.CallCost)) return null;
        _ctx.Spend(v.CallCost);
        Feature(Features.FunctionValues);
        var ft = (FnType)v.Type;
        return Call(NameOf(v), ft.Parameters.Select(p => Gen(p, d - 1)).ToArray());
    }

    private Expr? MethodReturning(VType t, int d)
    {
        var options = new List<(VType Owner, string TypeName, MethodInfo Method)>();
        foreach (var s in _structs)
            foreach (var m in s.Methods.Where(m => m.Result.Equals(t) && MayCall(m))) options.Add((s.Type, s.Name, m));
        foreach (var e in _enums)
            foreach (var m in e.Methods.Where(m => m.Result.Equals(t) && MayCall(m))) options.Add((e.Type, e.Name, m));
        if (options.Count == 0) return null;
        var (owner, typeName, method) = _r.Pick(options);
        var args = Arguments(method, d, out var cost);
        if (!_ctx.CanAfford(cost)) return null;
        NoteCall(method, cost);
        Feature(Features.Methods);
        if (!method.HasSelf)
        {
            Feature(Features.StaticMethods);
            return Method(Name(typeName), method.Name, [.. args]);
        }
        if (owner is EnumType) Feature(Features.EnumMethods);
        // Methods may be called on any expression, not only on a variable.
        Expr receiver = PickVar(owner) is { } v && _r.Percent(75) ? NameOf(v) : Gen(owner, Math.Min(d - 1, 1));
        return Method(receiver, method.Name, [.. args]);
    }

    /// <summary>A struct field or tuple element of type <paramref name="t"/> read from a variable.</summary>
    private Expr? FieldOf(VType t)
    {
        var options = new List<Func<Expr>>();
        foreach (var v in _scope.Visible())
        {
            if (v.Type is StructType st)
                foreach (var f in st.Info.Fields.Where(f => f.Type.Equals(t)))
                    options.Add(() => { Feature(Features.Structs); return Member(NameOf(v), f.Name); });
            if (v.Type is TupleType tt)
                for (int i = 0; i < tt.Elements.Count; i++)
                    if (tt.Elements[i].Equals(t))
                    {
                        int index = i;
                        options.Add(() => { Feature(Features.Tuples); return TupleIndex(NameOf(v), index); });
                    }
        }
        return options.Count == 0 ? null : _r.Pick(options)();
    }

    /// <summary>An array element (always in range) or a map value (a present key, or get with a default).</summary>
    private Expr? ElementOf(VType t, int d)
    {
        var arrays = _scope.Visible().Where(v => v.Type is ArrayType a && a.Element.Equals(t)).ToList();
        var maps = _scope.Visible().Where(v => v.Type is MapType m && m.Value.Equals(t)).ToList();
        if (arrays.Count > 0 && (maps.Count == 0 || _r.Percent(60)))
        {
            var xs = _r.Pick(arrays);
            Feature(Features.Arrays);
            return _r.Below(5) switch
            {
                0 => Method(NameOf(xs), "first"),
                1 => Method(NameOf(xs), "last"),
                2 => Index(NameOf(xs), Int(0)),
                _ => Index(NameOf(xs), SafeIndex(xs, d)),
            };
        }
        if (maps.Count == 0) return null;
        var map = _r.Pick(maps);
        var mt = (MapType)map.Type;
        Feature(Features.Maps);
        if (_r.Percent(30)) return Method(NameOf(map), "get", MapKey(mt, requiredOnly: false), Gen(t, d - 1));
        var key = _r.Pick(mt.RequiredKeys);
        if (key is string s && Lexemes.IsIdentifier(s) && _r.Percent(40)) return Member(NameOf(map), s);
        return Index(NameOf(map), KeyLiteral(key));
    }

    /// <summary>An index into the non-empty array <paramref name="xs"/>: <c>abs(i) % xs.len()</c>.</summary>
    private Expr SafeIndex(VarInfo xs, int d) =>
        Bin(BinaryOp.Mod, Call("abs", IntTerm(Math.Max(d - 1, 0))), Method(NameOf(xs), "len"));
}
