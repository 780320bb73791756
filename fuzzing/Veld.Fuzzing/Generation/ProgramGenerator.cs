using Veld.Language.Printing;
using Veld.Language.Syntax;
using static Veld.Fuzzing.Generation.SyntaxFactory;

namespace Veld.Fuzzing.Generation;

/// <summary>
/// Writes random Veld Core programs that are valid by construction, in the manner of Csmith and
/// YARPGen: every name is in scope, every assignment hits a mutable binding, every operation gets
/// operands of a type it accepts, every loop has a counter or a finite iterable, every recursion
/// has a decreasing bound, divisors are non-zero and indices are in range. Values are printed as
/// the program goes, so a tier that computes a wrong value shows it.
/// Growth is kept in check where code repeats (loop bodies, functions): an int, float or str that
/// combines several stored values is reduced (<c>% 1000</c>, a 40-character prefix) before it is
/// stored, so no loop doubles a value into an overflow.
/// A few percent of programs end in a deliberate runtime error; others catch one in try/catch.
/// The generator is a pure function of (seed, options).
/// </summary>
public sealed partial class ProgramGenerator
{
    private readonly GenRandom _r;
    private readonly GeneratorOptions _opt;
    private readonly List<string> _features = [];
    private ScopeChain _scope = new();
    private FunctionContext _ctx = new() { IsScript = true, CostBudget = 200_000 };
    private readonly List<StructInfo> _structs = [];
    private readonly List<EnumInfo> _enums = [];
    private readonly List<FunctionInfo> _functions = [];
    private int _nameCounter;
    private int _blockNesting;
    /// <summary>No calls of user functions (global initializers run before some functions' globals exist).</summary>
    private bool _noUserCalls;
    /// <summary>Parameters of the lambda or function being written; leaf picks favour them.</summary>
    private List<VarInfo> _preferred = [];
    /// <summary>Which variable each generated name refers to (for the growth rule's count of sources).</summary>
    private readonly Dictionary<NameExpr, VarInfo> _nameInfo = new(ReferenceEqualityComparer.Instance);
    private string? _plantedError;

    private ProgramGenerator(ulong seed, GeneratorOptions options)
    {
        _r = new GenRandom(seed);
        _opt = options;
    }

    public static GeneratedProgram Generate(ulong seed, GeneratorOptions? options = null)
    {
        options ??= new GeneratorOptions();
        var g = new ProgramGenerator(seed, options);
        var program = g.GenerateProgram();
        return new GeneratedProgram
        {
            Seed = seed,
            Options = options,
            Syntax = program,
            Source = SourcePrinter.Print(program),
            Features = new SortedSet<string>(g._features, StringComparer.Ordinal),
            PlantedError = g._plantedError,
        };
    }

    private void Feature(string name)
    {
        if (!_features.Contains(name)) _features.Add(name);
    }

    private int Size => _opt.Size;
    private int ExprDepth => _opt.MaxExpressionDepth;

    // ---- the whole program ----------------------------------------------------------------------

    private ProgramNode GenerateProgram()
    {
        var head = new List<Stmt>();       // imports and global declarations, in order
        var hoistable = new List<Stmt>();  // struct, enum, impl, fn: may go anywhere at top level

        if (_r.Percent(8))
        {
            Feature(Features.Import);
            head.Add(_r.Percent(50)
                ? new ImportStmt { Path = ["std", "io"] }
                : new ImportStmt { Path = ["std", "io"], Names = ["print", "println"] });
        }

        int typeBudget = Math.Clamp(Size / 12 + 1, 1, 4);
        for (int i = 0; i < typeBudget; i++)
        {
            if (_r.Percent(55)) hoistable.AddRange(GenStruct());
            if (_r.Percent(45)) hoistable.AddRange(GenEnum());
        }

        // Globals that functions may read and write; their initializers call nothing.
        _noUserCalls = true;
        int globals = _r.Range(0, 3);
        for (int i = 0; i < globals; i++) head.Add(GenGlobal());
        _noUserCalls = false;

        int functions = Math.Clamp(Size / 6, 1, 7);
        for (int i = 0; i < functions; i++) hoistable.AddRange(GenTopLevelFunction());

        var main = new List<Stmt>(TypeChangingSites());
        if (_r.Percent(_opt.DeliberateErrorPercent))
        {
            // Generated in place, so it names only variables declared before it; the rest never runs.
            int before = _r.Range(Size / 2, Size);
            GenStatements(main, before);
            main.Add(PlantError());
            GenStatements(main, Size - before);
        }
        else GenStatements(main, Size);
        AddTargetedShapes(main);
        main.Add(Stmt(ProgramResult()));

        // Hoisted declarations usually come first; some are moved after the code that uses them.
        var top = new List<Stmt>(head);
        var late = new List<Stmt>();
        foreach (var d in hoistable)
        {
            if (_r.Percent(20)) { late.Add(d); Feature(Features.Hoisting); }
            else top.Add(d);
        }
        int firstMain = top.Count;
        top.AddRange(main.Take(main.Count - 1));
        foreach (var d in late) top.Insert(_r.Range(Math.Min(firstMain + 1, top.Count), top.Count), d);
        top.Add(main[^1]);
        return new ProgramNode { Statements = top };
    }

    /// <summary>The last statement: an expression whose value is the program result (compared by value and type).</summary>
    private Expr ProgramResult()
    {
        Feature(Features.ProgramResult);
        var vars = _scope.Visible().Where(v => v.Type is not FnType).ToList();
        if (vars.Count > 0 && _r.Percent(60)) return NameOf(_r.Pick(vars));
        return Gen(RandomType(1), 2);
    }

    private Stmt GenGlobal()
    {
        Feature(Features.Globals);
        var t = _r.Percent(50) ? VType.Int : RandomType(1);
        var value = Gen(t, 1);
        int kind = _r.Below(3);
        var name = Fresh(t);
        if (kind == 0 && t.Equals(VType.Int))
        {
            Feature(Features.Const);
            name = name.ToUpperInvariant();
            _scope.Declare(new VarInfo(name, t) { IsGlobal = true });
            return Let(name, value, DeclKind.Const);
        }
        bool mutable = kind != 0;
        if (mutable) Feature(Features.MutableVars);
        _scope.Declare(new VarInfo(name, t) { IsGlobal = true, Mutable = mutable });
        return Let(name, value, mutable ? DeclKind.Var : DeclKind.Let);
    }

    // ---- names and small helpers ----------------------------------------------------------------

    private string Fresh(VType t) => Fresh(t switch
    {
        _ when t.Equals(VType.Int) => "n",
        _ when t.Equals(VType.Float) => "f",
        _ when t.Equals(VType.Bool) => "b",
        _ when t.Equals(VType.Str) => "s",
        ArrayType => "xs",
        TupleType => "t",
        MapType => "m",
        StructType st => st.Info.Name.ToLowerInvariant()[..1],
        EnumType => "e",
        FnType => "g",
        _ => "v",
    });

    private string Fresh(string prefix) => $"{prefix}{++_nameCounter}";

    /// <summary>A reference to a variable, remembered for the growth rule.</summary>
    private NameExpr NameOf(VarInfo v)
    {
        var n = Name(v.Name);
        _nameInfo[n] = v;
        return n;
    }

    private IEnumerable<VarInfo> VarsOf(VType t) => _scope.Visible().Where(v => v.Type.Equals(t));

    /// <summary>A visible variable of type <paramref name="t"/>, favouring the current function's parameters.</summary>
    private VarInfo? PickVar(VType t, Func<VarInfo, bool>? filter = null)
    {
        var preferred = _preferred.Where(v => v.Type.Equals(t) && _scope.Lookup(v.Name) == v && (filter?.Invoke(v) ?? true)).ToList();
        if (preferred.Count > 0 && _r.Percent(60)) return _r.Pick(preferred);
        var all = VarsOf(t).Where(v => filter?.Invoke(v) ?? true).ToList();
        return all.Count == 0 ? null : _r.Pick(all);
    }

    /// <summary>Weighted choice among productions; one that returns null is struck and the choice repeats.</summary>
    private T Choose<T>(params (int Weight, Func<T?> Make)[] options) where T : class
    {
        var live = options.Where(o => o.Weight > 0).ToList();
        while (live.Count > 0)
        {
            int x = _r.Below(live.Sum(o => o.Weight));
            int i = 0;
            while (x >= live[i].Weight) x -= live[i++].Weight;
            var result = live[i].Make();
            if (result is not null) return result;
            live.RemoveAt(i);
        }
        throw new InvalidOperationException("generator: no production applies (every list must end in one that always does)");
    }

    /// <summary>Runs <paramref name="body"/> in a new lexical scope.</summary>
    private T Scoped<T>(Func<T> body)
    {
        _scope.Push();
        try { return body(); }
        finally { _scope.Pop(); }
    }

    /// <summary>Runs <paramref name="body"/> as the body of another function: its own context, scope chain and preferred names.</summary>
    /// <remarks>Lambdas and nested functions keep the block nesting of where they are written
    /// (<paramref name="resetNesting"/> false), so blocks inside lambdas inside blocks stay bounded.</remarks>
    private T InFunction<T>(FunctionContext ctx, ScopeChain scope, List<VarInfo> preferred, bool resetNesting, Func<T> body)
    {
        var (savedCtx, savedScope, savedPreferred, savedNesting) = (_ctx, _scope, _preferred, _blockNesting);
        _ctx = ctx;
        _scope = scope;
        _preferred = preferred;
        if (resetNesting) _blockNesting = 0;
        try { return body(); }
        finally { (_ctx, _scope, _preferred, _blockNesting) = (savedCtx, savedScope, savedPreferred, savedNesting); }
    }

    // ---- types ----------------------------------------------------------------------------------

    /// <summary>A type for a new variable or parameter; <paramref name="depth"/> limits nesting of containers.</summary>
    private VType RandomType(int depth, bool allowFunctions = true)
    {
        var options = new List<(int, Func<VType?>)>
        {
            (30, () => VType.Int),
            (10, () => VType.Float),
            (9, () => VType.Bool),
            (16, () => VType.Str),
            (depth > 0 ? 13 : 0, () => new ArrayType(RandomElementType(depth - 1))),
            (depth > 0 ? 6 : 0, () => RandomTupleType(depth - 1)),
            (depth > 0 ? 6 : 0, () => RandomMapType(depth - 1)),
            (_structs.Count > 0 ? 7 : 0, () => _r.Pick(_structs).Type),
            (_enums.Count > 0 ? 6 : 0, () => _r.Pick(_enums).Type),
            (allowFunctions && depth > 0 ? 5 : 0, () => RandomFnType()),
        };
        return Choose([.. options]);
    }

    private VType RandomElementType(int depth) => Choose<VType>(
        (40, () => VType.Int),
        (10, () => VType.Float),
        (25, () => VType.Str),
        (6, () => VType.Bool),
        (depth > 0 ? 6 : 0, () => RandomTupleType(depth - 1)),
        (depth > 0 ? 3 : 0, () => { Feature(Features.NestedArrays); return new ArrayType(VType.Int); }),
        (_structs.Count > 0 ? 6 : 0, () => _r.Pick(_structs).Type),
        (_enums.Count > 0 ? 4 : 0, () => _r.Pick(_enums).Type));

    private TupleType RandomTupleType(int depth)
    {
        int n = _r.Range(1, 3);
        var items = new List<VType>();
        for (int i = 0; i < n; i++)
            items.Add(_r.Percent(70) ? _r.Pick([VType.Int, VType.Str, VType.Bool, VType.Float]) : RandomType(depth, allowFunctions: false));
        return new TupleType(items);
    }

    private static readonly string[] StrKeys = ["a", "b", "c", "id", "name", "x", "y", "total"];

    private MapType RandomMapType(int depth)
    {
        bool intKeys = _r.Percent(30);
        int n = _r.Range(1, 3);
        var keys = new List<object>();
        if (intKeys)
        {
            foreach (var k in Enumerable.Range(0, 10).OrderBy(_ => _r.Below(1000)).Take(n).Order()) keys.Add((long)k);
        }
        else
        {
            foreach (var k in StrKeys.OrderBy(_ => _r.Below(1000)).Take(n).Order(StringComparer.Ordinal)) keys.Add(k);
        }
        var value = _r.Percent(70) ? _r.Pick([VType.Int, VType.Str]) : RandomType(depth, allowFunctions: false);
        return new MapType(intKeys, value, keys);
    }

    private FnType RandomFnType()
    {
        int n = _r.Range(0, 2);
        var ps = new List<VType>();
        for (int i = 0; i < n; i++) ps.Add(_r.Pick([VType.Int, VType.Int, VType.Str, VType.Float]));
        var result = _r.Pick([VType.Int, VType.Int, VType.Str, VType.Bool, VType.Float]);
        return new FnType(ps, result);
    }

    /// <summary>A type annotation for <paramref name="t"/> (unchecked by Veld, so any of the equivalent spellings).</summary>
    private string Annotation(VType t)
    {
        if (t.Equals(VType.Int)) return _r.Pick(["i64", "int", "i32", "u8", "i64"]);
        if (t.Equals(VType.Float)) return _r.Pick(["f64", "float", "f32"]);
        return t.Annotation;
    }
}
