using Veld.Language.Printing;
using Veld.Language.Syntax;
using static Veld.Fuzzing.Generation.SyntaxFactory;

namespace Veld.Fuzzing.Generation;

// Statements: declarations, prints, assignments, mutation, control flow, nested functions.
public sealed partial class ProgramGenerator
{
    private bool CanNest => _blockNesting < _opt.MaxBlockNesting;
    private bool MayResize => _ctx.FrozenCollections == 0 && !_ctx.IsLambda;
    private bool AtTopLevel => _ctx.IsScript && _scope.Depth == 1;

    private void GenStatements(List<Stmt> into, int count)
    {
        for (int i = 0; i < count && _ctx.CanAfford(1); i++)
        {
            _ctx.Spend(1);
            into.AddRange(GenStatement());
        }
    }

    /// <summary>Inside blocks that are part of an expression only simple statements are written.</summary>
    private int _simpleStatements;

    private IEnumerable<Stmt> GenStatement() => _simpleStatements > 0 ? SimpleStatement() : Choose<IEnumerable<Stmt>>(
        (12, () => Declaration()),
        (9, () => [PrintStatement()]),
        (7, () => AssignVariable() is { } s ? [s] : null),
        (4, () => AssignInside() is { } s ? [s] : null),
        (3, () => MayResize ? ResizeCollection() : null),
        (CanNest ? 4 : 0, () => [IfStatement()]),
        (CanNest && _ctx.LoopDepth < 2 ? 3 : 0, () => WhileLoop()),
        (CanNest && _ctx.LoopDepth < 2 ? 5 : 0, () => [ForLoop()]),
        (CanNest ? 2 : 0, () => [MatchStatement()]),
        (CanNest ? 1 : 0, () => [Stmt(Do(Scoped(() => NestedBlock(_r.Range(1, 3)))))]),
        (CanNest ? 2 : 0, () => [TryStatement()]),
        (CanNest && !_ctx.IsLambda ? 2 : 0, () => NestedFunction()),
        (3, () => CallStatement() is { } s ? [s] : null),
        (_ctx.LoopDepth > 0 ? 2 : 0, () => [LoopExit()]),
        (!_ctx.IsScript && !_ctx.IsLambda && _ctx.Result is { } r && !r.Equals(VType.Unit) ? 1 : 0, () => [EarlyReturn()]),
        (1, () => AssertStatement() is { } s ? [s] : null),
        (2, () => DestructuringDeclaration()),
        (3, () => Template()),
        (1, () => [PrintStatement()]));

    private IEnumerable<Stmt> SimpleStatement() => Choose<IEnumerable<Stmt>>(
        (8, () => Declaration()),
        (6, () => [PrintStatement()]),
        (4, () => AssignVariable() is { } s ? [s] : null),
        (2, () => AssignInside() is { } s ? [s] : null),
        (1, () => [PrintStatement()]));

    /// <summary>Statements in a fresh block one level deeper.</summary>
    private Block NestedBlock(int count)
    {
        _blockNesting++;
        var stmts = new List<Stmt>();
        GenStatements(stmts, count);
        _blockNesting--;
        return Block(stmts);
    }

    // ---- declarations -----------------------------------------------------------------------------

    private List<Stmt> Declaration()
    {
        var t = RandomType(2);
        var value = Gen(t, ExprDepth);
        var kind = _r.Below(10) switch { < 5 => DeclKind.Let, < 8 => DeclKind.Var, _ => DeclKind.LetMut };
        bool mutable = kind != DeclKind.Let;
        if (mutable) Feature(Features.MutableVars);
        string name = Fresh(t);
        // Shadow a local of the same scope now and then: `let x = x + 1` reads the old x. Never with a
        // function initializer: the new name is already in scope inside the function (recursive lambdas),
        // so a body generated against the old binding would name the new, immutable one.
        var shadowable = _scope.Innermost.Where(v => v.FromLet && !v.IsGlobal && !v.Frozen && v.Callable is null).ToList();
        if (shadowable.Count > 0 && !AtTopLevel && value is not FunctionExpr && _r.Percent(12))
        {
            name = _r.Pick(shadowable).Name;
            Feature(Features.Shadowing);
        }
        string? annotation = null;
        if (_r.Percent(15) && t is not FnType)
        {
            annotation = Annotation(t);
            Feature(Features.TypeAnnotations);
        }
        long callCost = value is FunctionExpr ? 300 : 50;
        _scope.Declare(new VarInfo(name, t) { Mutable = mutable, IsGlobal = AtTopLevel, CallCost = callCost, FromLet = true });
        var stmts = new List<Stmt> { Let(name, value, kind, annotation) };
        if (_r.Percent(40) && t is not FnType && (_ctx.LoopDepth == 0 || IsScalar(t)))
            stmts.Add(Stmt(Call("println", Name(name))));
        return stmts;
    }

    private static bool IsScalar(VType t) => t.Equals(VType.Int) || t.Equals(VType.Float) || t.Equals(VType.Bool) || t.Equals(VType.Str);

    private List<Stmt>? DestructuringDeclaration()
    {
        var tt = RandomTupleType(1);
        if (tt.Elements.Count < 2) tt = new TupleType([.. tt.Elements, VType.Int]);
        var value = Gen(tt, 2);
        Feature(Features.Destructuring);
        var pattern = DestructuringPattern(tt);
        return [Let(DeclKind.Let, pattern, value)];
    }

    /// <summary>A pattern for a tuple of type <paramref name="tt"/>: names (declared here), <c>_</c>, nested tuples.</summary>
    private Pattern DestructuringPattern(TupleType tt)
    {
        var items = new List<Pattern>();
        foreach (var e in tt.Elements)
        {
            if (_r.Percent(15)) { items.Add(Wildcard()); continue; }
            if (e is TupleType inner && _r.Percent(60)) { items.Add(DestructuringPattern(inner)); continue; }
            var name = Fresh(e);
            _scope.Declare(new VarInfo(name, e) { IsGlobal = AtTopLevel });
            items.Add(Bind(name));
        }
        return TuplePat(items);
    }

    // ---- output -----------------------------------------------------------------------------------

    private Stmt PrintStatement()
    {
        // Inside loops print scalars: a growing array printed every iteration drowns the output.
        var t = _ctx.LoopDepth > 0 || _r.Percent(40) ? _r.Pick([VType.Int, VType.Str, VType.Float, VType.Bool, VType.Int]) : RandomType(2);
        return _r.Below(12) switch
        {
            < 5 => Stmt(Call("println", Gen(t, ExprDepth))),
            5 => Stmt(Call("println", Gen(t, 2), Gen(VType.Int, 1))),
            6 => Stmt(_r.Percent(70) ? Call("print", Gen(t, 2)) : Call("println")),
            < 10 => Stmt(PrintMacro()),
            10 => ModulePrint(t),
            _ => Stmt(Call("println", Str(_r.Pick(["---", "checkpoint", "é→ok", ""])))),
        };
    }

    private Expr PrintMacro()
    {
        Feature(Features.FormatMacro);
        var parts = new List<FormatPart> { Text(_r.Pick(["", "value: ", "x={", "é ", "a "])) };
        int holes = _r.Range(0, 3);
        for (int i = 0; i < holes; i++)
        {
            parts.Add(Hole(Gen(_r.Percent(60) ? _r.Pick([VType.Int, VType.Str]) : RandomType(1), 2)));
            parts.Add(Text(_r.Pick(["", ", ", "}", " | "])));
        }
        return new MacroExpr { Kind = _r.Percent(85) ? MacroKind.Println : MacroKind.Print, Parts = parts };
    }

    private Stmt ModulePrint(VType t)
    {
        Feature(Features.ModulePrint);
        var io = _r.Percent(60) ? Member(Name("std"), "io") : (Expr)Name("io");
        return Stmt(Method(io, "println", Gen(t, 2)));
    }

    // ---- assignment -------------------------------------------------------------------------------

    private Stmt? AssignVariable()
    {
        var targets = _scope.Visible().Where(v => v.Assignable).ToList();
        if (targets.Count == 0) return null;
        var v = _r.Pick(targets);
        Feature(Features.MutableVars);
        var compound = CompoundFor(v.Type);
        if (compound is { } c)
        {
            Feature(Features.CompoundAssign);
            return Stmt(Assign(NameOf(v), c.Operand, c.Op));
        }
        return Stmt(Assign(NameOf(v), Gen(v.Type, ExprDepth)));
    }

    /// <summary>A compound assignment's operator and right side for a target of type <paramref name="t"/>, or null.
    /// In repeated code the operand is a literal, so no loop multiplies a value out of range.</summary>
    private (BinaryOp Op, Expr Operand)? CompoundFor(VType t)
    {
        if (!_r.Percent(45)) return null;
        bool repeated = _ctx.Repeated;
        if (t.Equals(VType.Int))
        {
            return _r.Below(5) switch
            {
                0 or 1 => (BinaryOp.Add, repeated ? Int(_r.Range(1, 9)) : Gen(VType.Int, 2)),
                2 => (BinaryOp.Sub, repeated ? Int(_r.Range(1, 9)) : Gen(VType.Int, 2)),
                3 => repeated ? (BinaryOp.Mod, Int(_r.Range(50, 1000))) : (BinaryOp.Mul, Int(_r.Range(-2, 3))),
                _ => (_r.Percent(50) ? BinaryOp.Div : BinaryOp.Mod, Int(_r.Range(1, 9))),
            };
        }
        if (t.Equals(VType.Float))
        {
            return _r.Below(3) switch
            {
                0 => (BinaryOp.Add, repeated ? Float(_r.Pick([0.5, 1.25])) : Gen(VType.Float, 2)),
                1 => (BinaryOp.Sub, Float(_r.Pick([0.5, 2.0, 0.1]))),
                _ => (BinaryOp.Div, Float(_r.Pick([2.0, 4.0, -1.0]))),
            };
        }
        if (t.Equals(VType.Str))
            return (BinaryOp.Add, repeated ? Str(_r.Pick(["!", "-", "é"])) : Gen(VType.Str, 1));
        return null;
    }

    /// <summary>Assignment into a struct field, an array element (in range) or a map entry (present key).</summary>
    private Stmt? AssignInside()
    {
        var candidates = _scope.Visible().Where(v => v.Type is StructType or ArrayType or MapType).ToList();
        if (candidates.Count == 0) return null;
        var v = _r.Pick(candidates);
        switch (v.Type)
        {
            case StructType st:
            {
                Feature(Features.StructMutation);
                var f = _r.Pick(st.Info.Fields);
                var target = Member(NameOf(v), f.Name);
                if (CompoundFor(f.Type) is { } c)
                {
                    Feature(Features.CompoundAssign);
                    return Stmt(Assign(target, c.Operand, c.Op));
                }
                return Stmt(Assign(target, Gen(f.Type, 2)));
            }
            case ArrayType a:
            {
                Feature(Features.ArrayMutation);
                var target = Index(NameOf(v), SafeIndex(v, 2));
                if (CompoundFor(a.Element) is { } c)
                {
                    Feature(Features.CompoundAssign);
                    return Stmt(Assign(target, c.Operand, c.Op));
                }
                return Stmt(Assign(target, Gen(a.Element, 2)));
            }
            case MapType m:
            {
                Feature(Features.MapMutation);
                var key = _r.Pick(m.RequiredKeys);
                Expr target = key is string s && Lexemes.IsIdentifier(s) && _r.Percent(40)
                    ? Member(NameOf(v), s)
                    : Index(NameOf(v), KeyLiteral(key));
                if (CompoundFor(m.Value) is { } c)
                {
                    Feature(Features.CompoundAssign);
                    return Stmt(Assign(target, c.Operand, c.Op));
                }
                return Stmt(Assign(target, Gen(m.Value, 2)));
            }
        }
        return null;
    }

    /// <summary>Changes an array's length (push, insert, guarded pop/remove) or adds and removes a map key.</summary>
    private List<Stmt>? ResizeCollection()
    {
        var arrays = _scope.Visible().Where(v => v.Type is ArrayType).ToList();
        var maps = _scope.Visible().Where(v => v.Type is MapType).ToList();
        if (arrays.Count == 0 && maps.Count == 0) return null;
        _ctx.Resizes = true;
        if (arrays.Count > 0 && (maps.Count == 0 || _r.Percent(75)))
        {
            var xs = _r.Pick(arrays);
            var elem = ((ArrayType)xs.Type).Element;
            Feature(Features.ArrayMutation);
            // Arrays never shrink below one element (see ArrayType), so pops and removes are guarded.
            var guard = Bin(BinaryOp.Gt, Method(NameOf(xs), "len"), Int(1));
            return _r.Below(6) switch
            {
                < 3 => [Stmt(Method(NameOf(xs), "push", Gen(elem, 2)))],
                3 => [Stmt(Method(NameOf(xs), "insert", _r.Percent(50) ? Int(0) : Method(NameOf(xs), "len"), Gen(elem, 2)))],
                4 => [Stmt(If(guard, Block(PrintedIfScalar(Method(NameOf(xs), "pop"), elem))))],
                _ => [Stmt(If(guard, Block(PrintedIfScalar(Method(NameOf(xs), "remove", Int(0)), elem))))],
            };
        }
        var map = _r.Pick(maps);
        var mt = (MapType)map.Type;
        Feature(Features.MapMutation);
        // A key outside the required set, added then (sometimes) removed again.
        Expr key = mt.IntKeys ? Int(_r.Range(20, 40)) : Str("tmp" + _r.Range(0, 9));
        var stmts = new List<Stmt> { Stmt(Assign(Index(NameOf(map), key), Gen(mt.Value, 2))) };
        if (_r.Percent(40)) stmts.Add(Stmt(Call("println", Method(NameOf(map), "len"))));
        if (_r.Percent(50))
        {
            // Guarded: the value expression above may have rebound the variable to another map.
            Expr Key() => key is IntLiteral i ? Int(i.Value) : Str(((StringLiteral)key).Value);
            stmts.Add(Stmt(If(Method(NameOf(map), "contains_key", Key()), Block(Method(NameOf(map), "remove", Key())))));
        }
        return stmts;
    }

    private Expr PrintedIfScalar(Expr e, VType t) => IsScalar(t) && _r.Percent(60) ? Call("println", e) : e;

    // ---- control flow -----------------------------------------------------------------------------

    private Stmt IfStatement()
    {
        Feature(Features.If);
        var branches = new List<IfBranch> { new(BoolTerm(2), Scoped(() => NestedBlock(_r.Range(1, 3)))) };
        while (branches.Count < 3 && _r.Percent(25)) branches.Add(new IfBranch(BoolTerm(2), Scoped(() => NestedBlock(_r.Range(1, 2)))));
        var otherwise = _r.Percent(50) ? Scoped(() => NestedBlock(_r.Range(1, 2))) : null;
        return Stmt(new IfExpr { Branches = branches, Else = otherwise });
    }

    /// <summary>Runs <paramref name="body"/> as a loop body that executes <paramref name="trips"/> times per pass.</summary>
    private T InLoop<T>(long trips, bool freezesCollections, Func<T> body)
    {
        var savedMultiplier = _ctx.Multiplier;
        _ctx.Multiplier = Math.Max(1, _ctx.Multiplier * Math.Max(trips, 1));
        _ctx.LoopDepth++;
        if (freezesCollections) _ctx.FrozenCollections++;
        try { return body(); }
        finally
        {
            if (freezesCollections) _ctx.FrozenCollections--;
            _ctx.LoopDepth--;
            _ctx.Multiplier = savedMultiplier;
        }
    }

    /// <summary><c>var i = 0  while i &lt; K do i += 1 .. end</c>: the counter is bumped first, so <c>continue</c> is safe.</summary>
    private List<Stmt> WhileLoop()
    {
        Feature(Features.While);
        int trips = _r.Range(0, 6);
        var i = Fresh("i");
        var decl = Let(i, Int(0), DeclKind.Var);
        var counter = new VarInfo(i, VType.Int) { Mutable = true, Frozen = true, IsGlobal = AtTopLevel, SmallBound = trips + 1 };
        _scope.Declare(counter);
        var cond = _r.Percent(80) ? Bin(BinaryOp.Lt, Name(i), Int(trips)) : Bin(BinaryOp.Gt, Int(trips), Name(i));
        var body = InLoop(trips, false, () => Scoped(() =>
        {
            var b = NestedBlock(_r.Range(1, 3));
            b.Statements.Insert(0, Stmt(Assign(Name(i), Int(1), BinaryOp.Add)));
            return b;
        }));
        return [decl, Stmt(While(cond, body))];
    }

    private Stmt ForLoop() => Choose<Stmt>(
        (5, () => ForRange()),
        (4, () => ForArray()),
        (2, () => ForMap()),
        (2, () => ForString()));

    private Stmt ForRange()
    {
        Feature(Features.ForRange);
        int start = _r.Percent(80) ? 0 : _r.Range(-2, 3);
        int trips = _r.Percent(8) ? -_r.Range(0, 2) : _r.Range(1, 6); // now and then an empty range
        bool inclusive = _r.Percent(30);
        int end = start + trips - (inclusive ? 1 : 0);
        bool wildcard = _r.Percent(10);
        var name = Fresh("i");
        var body = InLoop(Math.Max(trips, 0), false, () => Scoped(() =>
        {
            if (!wildcard)
                _scope.Declare(new VarInfo(name, VType.Int) { SmallBound = start >= 0 ? end + 1 : 0 });
            return NestedBlock(_r.Range(1, 3));
        }));
        return Stmt(For(wildcard ? Wildcard() : Bind(name), Range(Int(start), Int(end), inclusive), body));
    }

    private Stmt? ForArray()
    {
        Feature(Features.ForArray);
        var v = AnyVarOf<ArrayType>();
        Expr iterable;
        ArrayType type;
        if (v is not null && _r.Percent(70))
        {
            iterable = NameOf(v);
            type = (ArrayType)v.Type;
        }
        else
        {
            type = new ArrayType(RandomElementType(1));
            iterable = ArrayTerm(type, 2, nonEmpty: false);
        }
        // Any iterable may be (or alias) a stored array, so nothing is resized inside the loop.
        const bool freezes = true;
        var body = InLoop(8, freezes, () => Scoped(() =>
        {
            Pattern pattern;
            if (type.Element is TupleType tt && _r.Percent(60))
            {
                Feature(Features.Destructuring);
                pattern = DestructuringPattern(tt);
            }
            else
            {
                var name = Fresh(type.Element);
                _scope.Declare(new VarInfo(name, type.Element));
                pattern = Bind(name);
            }
            return (Pattern: pattern, Body: NestedBlock(_r.Range(1, 3)));
        }));
        return Stmt(For(body.Pattern, iterable, body.Body));
    }

    private Stmt? ForMap()
    {
        var v = AnyVarOf<MapType>();
        if (v is null) return null;
        Feature(Features.ForMap);
        var mt = (MapType)v.Type;
        var (pattern, block) = InLoop(6, true, () => Scoped(() =>
        {
            Pattern p;
            if (_r.Percent(80))
            {
                var k = Fresh(mt.KeyType);
                var val = Fresh(mt.Value);
                _scope.Declare(new VarInfo(k, mt.KeyType));
                _scope.Declare(new VarInfo(val, mt.Value));
                p = TuplePat([Bind(k), Bind(val)]);
            }
            else
            {
                var entry = Fresh("entry");
                _scope.Declare(new VarInfo(entry, new TupleType([mt.KeyType, mt.Value])));
                p = Bind(entry);
            }
            return (p, NestedBlock(_r.Range(1, 2)));
        }));
        return Stmt(For(pattern, NameOf(v), block));
    }

    private Stmt ForString()
    {
        Feature(Features.ForString);
        var iterable = StrTerm(1);
        var (name, block) = InLoop(10, false, () => Scoped(() =>
        {
            var c = Fresh("c");
            _scope.Declare(new VarInfo(c, VType.Str));
            return (c, NestedBlock(_r.Range(1, 2)));
        }));
        return Stmt(For(Bind(name), iterable, block));
    }

    /// <summary><c>if cond then break end</c> / <c>continue</c>.</summary>
    private Stmt LoopExit()
    {
        bool isBreak = _r.Percent(50);
        Feature(isBreak ? Features.Break : Features.Continue);
        return Stmt(If(BoolTerm(1), Block(isBreak ? Break() : Continue())));
    }

    private Stmt EarlyReturn()
    {
        Feature(Features.EarlyReturn);
        return Stmt(If(BoolTerm(1), Block(Return(Gen(_ctx.Result!, 2)))));
    }

    private Stmt MatchStatement()
    {
        // A match whose arms print: the value of each arm is unit.
        var t = _r.Percent(70) ? VType.Unit : RandomType(1);
        var m = MatchValue(t, 2);
        return t.Equals(VType.Unit) ? Stmt(m) : Stmt(Call("println", m));
    }

    private Stmt TryStatement()
    {
        Feature(Features.TryCatch);
        var body = Scoped(() =>
        {
            // The error statement is written first, so it names only variables from outside the block.
            var error = _r.Percent(60) ? CaughtErrorStatement() : null;
            var b = NestedBlock(_r.Range(0, 2));
            if (error is not null) b.Statements.Insert(_r.Range(0, b.Statements.Count), error);
            return b;
        });
        var (name, handler) = Handler(VType.Unit, 1);
        return Stmt(Try(body, name, handler));
    }

    private Stmt? AssertStatement()
    {
        Feature(Features.Assert);
        var ints = VarsOf(VType.Int).ToList();
        var arrays = _scope.Visible().Where(v => v.Type is ArrayType).ToList();
        if (arrays.Count > 0 && _r.Percent(50))
            return Stmt(Assert(Bin(BinaryOp.Ge, Method(NameOf(_r.Pick(arrays)), "len"), Int(1)), _r.Percent(50) ? Str("arrays stay non-empty") : null));
        if (ints.Count == 0) return Stmt(Assert(Bin(BinaryOp.Eq, Bin(BinaryOp.Add, Int(1), Int(1)), Int(2))));
        var v = _r.Pick(ints);
        return Stmt(Assert(Bin(BinaryOp.Eq, NameOf(v), NameOf(v)), _r.Percent(40) ? Str("reflexive") : null));
    }

    // ---- calls as statements ----------------------------------------------------------------------

    /// <summary>A call for its effect: a proc, a mutating method, a function whose result is dropped.</summary>
    private Stmt? CallStatement()
    {
        var procs = _functions.Where(f => f.IsProc && MayCall(f)).ToList();
        var structVars = _scope.Visible().Where(v => v.Type is StructType st && st.Info.Methods.Any(m => m.HasSelf && m.Result.Equals(VType.Unit) && MayCall(m))).ToList();
        if (procs.Count > 0 && (structVars.Count == 0 || _r.Percent(50)))
        {
            var p = _r.Pick(procs);
            var args = Arguments(p, 2, out var cost);
            if (!_ctx.CanAfford(cost)) return null;
            NoteCall(p, cost);
            Feature(Features.Procs);
            return Stmt(Call(p.Name, [.. args]));
        }
        if (structVars.Count > 0)
        {
            var v = _r.Pick(structVars);
            var m = _r.Pick(((StructType)v.Type).Info.Methods.Where(m => m.HasSelf && m.Result.Equals(VType.Unit) && MayCall(m)).ToList());
            var args = Arguments(m, 2, out var cost);
            if (!_ctx.CanAfford(cost)) return null;
            NoteCall(m, cost);
            Feature(Features.Methods);
            Feature(Features.StructMutation);
            return Stmt(Method(NameOf(v), m.Name, [.. args]));
        }
        return null;
    }

    /// <summary>
    /// A function declared inside a block (a local, visible from its own body): it sees and may capture
    /// the locals around it; now and then it recurses on a bound. Then a call of it.
    /// </summary>
    private List<Stmt>? NestedFunction()
    {
        Feature(Features.NestedFunctions);
        bool recursive = _r.Percent(30);
        var name = FunctionName(recursive ? "go" : "local");
        var ps = new List<(string, VType)>();
        if (recursive) ps.Add((Fresh("n"), VType.Int));
        int extra = _r.Range(0, 2);
        for (int i = 0; i < extra; i++) { var t = _r.Pick([VType.Int, VType.Str, VType.Float]); ps.Add((Fresh(t), t)); }
        var result = _r.Pick([VType.Int, VType.Str, VType.Bool]);
        var info = new CallableInfo(name, [.. ps.Select(p => p.Item2)], result)
        {
            BoundedFirstParameter = recursive, MaxBound = recursive ? 6 : 0, Recursion = recursive ? RecursionShape.Linear : RecursionShape.None,
        };
        var scope = _scope.Fork();
        scope.Push();
        var parameters = new List<VarInfo>();
        foreach (var (n, t) in ps)
        {
            var v = new VarInfo(n, t);
            scope.Declare(v);
            parameters.Add(v);
        }
        var ctx = new FunctionContext { Result = result, CostBudget = 600, FrozenCollections = _ctx.FrozenCollections };
        var body = InFunction(ctx, scope, parameters, resetNesting: false, () =>
        {
            _blockNesting++;
            var stmts = new List<Stmt>();
            if (_r.Percent(50)) GenStatements(stmts, _r.Range(1, 2));
            if (recursive)
            {
                Feature(Features.Recursion);
                var n = ps[0].Item1;
                var args = new List<Expr> { Bin(BinaryOp.Sub, Name(n), Int(1)) };
                args.AddRange(ps.Skip(1).Select(p => Gen(p.Item2, 1)));
                var r = Fresh("r");
                var rv = new VarInfo(r, result);
                var recurse = Scoped(() =>
                {
                    var inner = new List<Stmt> { Let(r, Call(name, [.. args])) };
                    _scope.Declare(rv);
                    _preferred = [rv, .. _preferred];
                    inner.Add(Stmt(Gen(result, 2)));
                    return Block(inner);
                });
                stmts.Add(Stmt(If(Bin(BinaryOp.Le, Name(n), Int(0)), Block(Gen(result, 1)), recurse)));
            }
            else stmts.Add(Stmt(Gen(result, 2)));
            _blockNesting--;
            return Block(stmts);
        });
        NoteCaptures(body, parameters);
        info.Cost = Math.Max(1, ctx.Cost);
        info.Resizes = ctx.Resizes;
        _scope.Declare(new VarInfo(name, info.Type) { Callable = info, IsGlobal = AtTopLevel });
        var decl = FnDecl(Function(name, ps.Select(p => Param(p.Item1)), body));
        var callArgs = Arguments(info, 2, out var cost);
        if (!_ctx.CanAfford(cost) || !MayCall(info)) return [decl];
        NoteCall(info, cost);
        return [decl, Stmt(Call("println", Call(name, [.. callArgs])))];
    }
}
