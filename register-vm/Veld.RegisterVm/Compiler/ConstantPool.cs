using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// The constants of one function, deduplicated. Only immutable values go here (see
/// <see cref="FunctionProto.Constants"/>), so sharing one constant between evaluations is unobservable.
/// </summary>
internal sealed class ConstantPool
{
    private readonly List<Value> _values = [];
    private readonly Dictionary<(ValueKind Kind, long Bits, string? Text), int> _index = [];

    public int Count => _values.Count;
    public Value[] ToArray() => [.. _values];

    public int Int(long v) => Add((ValueKind.Int, v, null), v, static v => Value.FromInt(v));
    /// <summary>Keyed by bit pattern, so 0.0 and -0.0 (and NaN payloads) stay distinct.</summary>
    public int Float(double v) => Add((ValueKind.Float, BitConverter.DoubleToInt64Bits(v), null), v, static v => Value.FromFloat(v));
    public int Bool(bool v) => Add((ValueKind.Bool, v ? 1 : 0, null), v, static v => Value.FromBool(v));
    public int String(string s) => Add((ValueKind.Str, 0, s), s, static s => Value.FromString(s));
    public int Builtin(string name) => Add((ValueKind.Function, 0, name), name, static name => Value.FromObject(Builtins.Get(name)));
    public int Range(long low, long high, bool inclusive) =>
        Add((ValueKind.Range, inclusive ? 1 : 0, $"{low}..{high}"), (low, high, inclusive),
            static r => Value.FromObject(new VeldRange(r.low, r.high, r.inclusive)));

    /// <summary>A method call site: the method's name and the number of arguments, as a (str, int) tuple.</summary>
    public int MethodSite(string name, int argCount) =>
        Add((ValueKind.Tuple, -2 - argCount, name), (name, argCount),
            static site => Value.FromObject(new VeldTuple([Value.FromString(site.name), Value.FromInt(site.argCount)])));

    /// <summary>A format template: the literal text around each interpolated value, as a tuple of strings.</summary>
    public int Template(IReadOnlyList<string> pieces) =>
        Add((ValueKind.Tuple, pieces.Count, string.Join('\u0000', pieces)), pieces,
            static pieces => Value.FromObject(new VeldTuple([.. pieces.Select(Value.FromString)])));

    /// <summary>Any foldable value (int, float, bool, str, unit).</summary>
    public int Of(Value v) => v.Kind switch
    {
        ValueKind.Int => Int(v.AsInt),
        ValueKind.Float => Float(v.AsFloat),
        ValueKind.Bool => Bool(v.AsBool),
        ValueKind.Str => String(v.As<VeldString>().Text),
        ValueKind.Unit => Add((ValueKind.Unit, 0, null), v, static v => v),
        // A constant tuple (folded literal or constant array elements), keyed by its nested display form,
        // which tells 1 from 1.0 and "1" from 1.
        ValueKind.Tuple => Add((ValueKind.Tuple, -1, Display.ShowNested(v)), v, static v => v),
        _ => throw new InvalidOperationException($"not a constant: {v.Kind}"),
    };

    /// <summary>The index of <paramref name="key"/>'s constant, made from <paramref name="state"/> only the first
    /// time (static makers: a lookup that hits allocates nothing).</summary>
    private int Add<TState>((ValueKind, long, string?) key, TState state, Func<TState, Value> make)
    {
        if (_index.TryGetValue(key, out int i)) return i;
        i = _values.Count;
        _values.Add(make(state));
        _index[key] = i;
        return i;
    }
}
