using System.Collections.Frozen;

namespace Veld.Runtime;

/// <summary>
/// Builtin methods of arrays, tuples, maps, strings and every value (docs/SPEC.md section 11). Tiers call this after
/// user methods (impl) and function-valued fields have been ruled out. Methods that take functions
/// (map, filter, reduce, any, all) call back through <see cref="ExecutionContext.Invoker"/>.
/// An unknown method is runtime error Field: "no method 'x' on int". The methods of each type live in
/// <see cref="ArrayMethods"/>, <see cref="MapMethods"/> and <see cref="StringMethods"/>.
/// </summary>
public static class BuiltinMethods
{
    private static readonly FrozenSet<string> EveryValue = FrozenSet.ToFrozenSet(["to_str", "to_string"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> Tuple = FrozenSet.ToFrozenSet(["len", "to_str", "to_string"], StringComparer.Ordinal);

    /// <summary>True if <paramref name="name"/> is a builtin method of <paramref name="target"/>'s type
    /// (so a map's builtin <c>len</c> wins over a key "len" holding a function).</summary>
    public static bool Has(Value target, string name) => target.Kind switch
    {
        ValueKind.Array => ArrayMethods.Names.Contains(name),
        ValueKind.Map => MapMethods.Names.Contains(name),
        ValueKind.Str => StringMethods.Names.Contains(name),
        ValueKind.Tuple => Tuple.Contains(name),
        _ => EveryValue.Contains(name),
    };

    public static Value Call(ExecutionContext context, Value target, string name, ReadOnlySpan<Value> args)
    {
        switch (target.AsObject)
        {
            case VeldArray array when ArrayMethods.Names.Contains(name):
                return ArrayMethods.Call(context, array, name, args);
            case VeldMap map when MapMethods.Names.Contains(name):
                return MapMethods.Call(map, name, args);
            case VeldString str when StringMethods.Names.Contains(name):
                return StringMethods.Call(str, name, args);
            case VeldTuple tuple when name == "len":
                Expect("tuple.len", args, 0);
                return Value.FromInt(tuple.Items.Length);
        }
        if (EveryValue.Contains(name))
        {
            Expect($"{Display.TypeName(target)}.{name}", args, 0);
            return target.Kind == ValueKind.Str ? target : Value.FromString(Display.Show(target));
        }
        throw RuntimeErrors.NoMethod(target, name);
    }

    /// <summary>Arity error unless exactly <paramref name="count"/> arguments were given.</summary>
    internal static void Expect(string method, ReadOnlySpan<Value> args, int count)
    {
        if (args.Length != count) throw Fail.Arity(method, count, args.Length);
    }

    internal static long Int(string method, Value v) => v.IsInt ? v.AsInt : throw Fail.Argument(method, "an int", v);

    internal static string Str(string method, Value v) =>
        v.Is<VeldString>(out var s) ? s.Text : throw Fail.Argument(method, "a str", v);

    internal static Value Function(string method, Value v) =>
        v.Kind == ValueKind.Function ? v : throw Fail.Argument(method, "a function", v);

    /// <summary>Checks 0 &lt;= start &lt;= end &lt;= length for slice/substring (end-exclusive); else Index.</summary>
    internal static (int Start, int End) Span(string method, Value start, Value end, int length, string container)
    {
        long a = Int(method, start), b = Int(method, end);
        if (a < 0 || b < a || b > length)
            throw Fail.Index($"{method} {a}..{b} out of range for {container} of length {length}");
        return ((int)a, (int)b);
    }
}
