using System.Collections.Frozen;

namespace Veld.Runtime;

/// <summary>The builtin functions of docs/SPEC.md section 10, by the names in <see cref="Veld.Language.BuiltinNames"/>.</summary>
public static class Builtins
{
    private static readonly BuiltinFunction PrintFn = new("print", 0, int.MaxValue, Print);
    private static readonly BuiltinFunction PrintlnFn = new("println", 0, int.MaxValue, Println);
    private static readonly BuiltinFunction LenFn = new("len", 1, 1, Len);
    private static readonly BuiltinFunction TypeOfFn = new("type_of", 1, 1, (_, args) => Value.FromString(Display.TypeName(args[0])));
    private static readonly BuiltinFunction AbsFn = new("abs", 1, 1, Abs);
    private static readonly BuiltinFunction SqrtFn = new("sqrt", 1, 1, (_, args) => Value.FromFloat(Math.Sqrt(Number("sqrt", args[0]))));
    private static readonly BuiltinFunction FloorFn = new("floor", 1, 1, (_, args) => Rounding("floor", args[0], Math.Floor));
    private static readonly BuiltinFunction CeilFn = new("ceil", 1, 1, (_, args) => Rounding("ceil", args[0], Math.Ceiling));
    private static readonly BuiltinFunction RoundFn = new("round", 1, 1,
        (_, args) => Rounding("round", args[0], x => Math.Round(x, MidpointRounding.AwayFromZero)));
    private static readonly BuiltinFunction MinFn = new("min", 2, int.MaxValue, (_, args) => Extreme("min", args, -1));
    private static readonly BuiltinFunction MaxFn = new("max", 2, int.MaxValue, (_, args) => Extreme("max", args, 1));
    private static readonly BuiltinFunction ClockFn = new("clock", 0, 0, (context, _) => Value.FromFloat(context.ElapsedSeconds));
    private static readonly BuiltinFunction ArgsFn = new("args", 0, 0,
        (context, _) => Value.FromObject(new VeldArray(context.Args.Select(Value.FromString))));

    private static readonly FrozenDictionary<string, BuiltinFunction> ByName =
        new[] { PrintFn, PrintlnFn, LenFn, TypeOfFn, AbsFn, SqrtFn, FloorFn, CeilFn, RoundFn, MinFn, MaxFn, ClockFn, ArgsFn }
            .ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The builtin named <paramref name="name"/>; immutable objects, safe to share between runs.</summary>
    public static BuiltinFunction Get(string name) =>
        ByName.TryGetValue(name, out var function) ? function
        : throw new ArgumentException($"'{name}' is not a builtin function", nameof(name));

    /// <summary>Every builtin function, for tiers that pre-load them.</summary>
    public static IEnumerable<BuiltinFunction> All => ByName.Values;

    private static Value Print(ExecutionContext context, ReadOnlySpan<Value> args)
    {
        WriteSpaced(context.Output, args);
        return Value.Unit;
    }

    private static Value Println(ExecutionContext context, ReadOnlySpan<Value> args)
    {
        WriteSpaced(context.Output, args);
        context.Output.Write('\n');
        return Value.Unit;
    }

    private static void WriteSpaced(TextWriter output, ReadOnlySpan<Value> args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (i > 0) output.Write(' ');
            output.Write(Display.Show(args[i]));
        }
    }

    private static Value Len(ExecutionContext context, ReadOnlySpan<Value> args)
    {
        switch (args[0].AsObject)
        {
            case VeldString s: return Value.FromInt(s.ScalarCount);
            case VeldArray a: return Value.FromInt(a.Count);
            case VeldTuple t: return Value.FromInt(t.Items.Length);
            case VeldMap m: return Value.FromInt(m.Count);
            case VeldRange r: return Value.FromInt(RangeLength(r));
            default: throw Fail.Argument("len", "a str, array, tuple, map or range", args[0]);
        }
    }

    /// <summary>Number of ints a range yields; Overflow if that does not fit in an int (a range over all of i64).</summary>
    internal static long RangeLength(VeldRange r)
    {
        Int128 count = (Int128)r.End - r.Start + (r.Inclusive ? 1 : 0);
        if (count <= 0) return 0;
        if (count > long.MaxValue) throw Fail.Overflow("len");
        return (long)count;
    }

    private static Value Abs(ExecutionContext context, ReadOnlySpan<Value> args)
    {
        var v = args[0];
        if (v.IsInt)
        {
            if (v.AsInt == long.MinValue) throw Fail.Overflow("abs");
            return Value.FromInt(Math.Abs(v.AsInt));
        }
        if (v.IsFloat) return Value.FromFloat(Math.Abs(v.AsFloat));
        throw Fail.Argument("abs", "a number", v);
    }

    private static double Number(string function, Value v) =>
        v.IsNumber ? v.AsNumber : throw Fail.Argument(function, "a number", v);

    /// <summary>floor/ceil/round: an int is already whole and comes back unchanged; a float stays a float.</summary>
    private static Value Rounding(string function, Value v, Func<double, double> round)
    {
        if (v.IsInt) return v;
        if (v.IsFloat) return Value.FromFloat(round(v.AsFloat));
        throw Fail.Argument(function, "a number", v);
    }

    /// <summary>min (<paramref name="sign"/> -1) or max (+1): the first argument that no later one beats,
    /// returned unchanged (an int stays an int). NaN never beats anything, so it wins only when first.</summary>
    private static Value Extreme(string function, ReadOnlySpan<Value> args, int sign)
    {
        foreach (var arg in args)
            if (!arg.IsNumber) throw Fail.Argument(function, "numbers", arg);
        var best = args[0];
        for (int i = 1; i < args.Length; i++)
            if (Operators.CompareNumbers(args[i], best) == sign) best = args[i];
        return best;
    }
}
