using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// The constants of one function, deduplicated. Only immutable values go here (see
/// <see cref="FunctionProto.Constants"/>), so sharing one constant between evaluations is unobservable.
/// The common kinds (ints, floats, strings, bools, unit) each have a table keyed by the plain value, made on
/// first use (most functions need one or two of them), and so do builtins and method call sites; the rare
/// ones (ranges, templates, tuples that nest tuples) share one table keyed by kind, a number and a text.
/// </summary>
internal sealed class ConstantPool
{
    private readonly List<Value> _values = [];
    private Dictionary<long, int>? _ints;
    /// <summary>Keyed by bit pattern, so 0.0 and -0.0 (and NaN payloads) stay distinct.</summary>
    private Dictionary<long, int>? _floats;
    private Dictionary<string, int>? _strings;
    private Dictionary<Value[], int>? _scalarTuples;
    private Dictionary<string, int>? _builtins;
    private Dictionary<(string Name, int ArgCount), int>? _methodSites;
    private Dictionary<(ValueKind Kind, long Number, string? Text), int>? _others;
    private int _false = -1, _true = -1, _unit = -1;

    public int Count => _values.Count;

    /// <summary>Empty again, as a new pool, keeping the tables' storage for the next function.</summary>
    public void Clear()
    {
        _values.Clear();
        _ints?.Clear();
        _floats?.Clear();
        _strings?.Clear();
        _scalarTuples?.Clear();
        _builtins?.Clear();
        _methodSites?.Clear();
        _others?.Clear();
        _false = _true = _unit = -1;
    }
    public Value[] ToArray() => [.. _values];

    public int Int(long v)
    {
        _ints ??= [];
        if (_ints.TryGetValue(v, out int i)) return i;
        return _ints[v] = Append(Value.FromInt(v));
    }

    public int Float(double v)
    {
        _floats ??= [];
        long bits = BitConverter.DoubleToInt64Bits(v);
        if (_floats.TryGetValue(bits, out int i)) return i;
        return _floats[bits] = Append(Value.FromFloat(v));
    }

    public int Bool(bool v)
    {
        ref int slot = ref v ? ref _true : ref _false;
        if (slot < 0) slot = Append(Value.FromBool(v));
        return slot;
    }

    public int String(string s)
    {
        _strings ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (_strings.TryGetValue(s, out int i)) return i;
        return _strings[s] = Append(Value.FromString(s));
    }

    public int Builtin(string name)
    {
        _builtins ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (_builtins.TryGetValue(name, out int i)) return i;
        return _builtins[name] = Append(Value.FromObject(Builtins.Get(name)));
    }

    public int Range(long low, long high, bool inclusive) =>
        Other((ValueKind.Range, inclusive ? 1 : 0, $"{low}..{high}"), (low, high, inclusive),
            static r => Value.FromObject(new VeldRange(r.low, r.high, r.inclusive)));

    /// <summary>A method call site: the method's name and the number of arguments, as a (str, int) tuple.</summary>
    public int MethodSite(string name, int argCount)
    {
        _methodSites ??= [];
        if (_methodSites.TryGetValue((name, argCount), out int i)) return i;
        return _methodSites[(name, argCount)] = Append(Value.FromObject(new VeldTuple([Value.FromString(name), Value.FromInt(argCount)])));
    }

    /// <summary>A format template: the literal text around each interpolated value, as a tuple of strings.</summary>
    public int Template(IReadOnlyList<string> pieces) =>
        Other((ValueKind.Tuple, pieces.Count, string.Join('\u0000', pieces)), pieces,
            static pieces => Value.FromObject(new VeldTuple([.. pieces.Select(Value.FromString)])));

    /// <summary>Any foldable value (int, float, bool, str, unit, or a tuple of them).</summary>
    public int Of(Value v)
    {
        switch (v.Kind)
        {
            case ValueKind.Int: return Int(v.AsInt);
            case ValueKind.Float: return Float(v.AsFloat);
            case ValueKind.Bool: return Bool(v.AsBool);
            case ValueKind.Str: return String(v.As<VeldString>().Text);
            case ValueKind.Unit:
                if (_unit < 0) _unit = Append(v);
                return _unit;
            case ValueKind.Tuple:
                var items = v.As<VeldTuple>().Items;
                if (ScalarItems.AllScalar(items))
                {
                    _scalarTuples ??= new Dictionary<Value[], int>(ScalarItems.Comparer);
                    if (_scalarTuples.TryGetValue(items, out int i)) return i;
                    return _scalarTuples[items] = Append(v);
                }
                // A tuple that nests tuples is keyed by its nested display form, which tells 1 from 1.0 and "1" from 1.
                return Other((ValueKind.Tuple, -1, Display.ShowNested(v)), v, static v => v);
            default:
                throw new InvalidOperationException($"not a constant: {v.Kind}");
        }
    }

    private int Append(Value v)
    {
        _values.Add(v);
        return _values.Count - 1;
    }

    /// <summary>The index of <paramref name="key"/>'s constant, made from <paramref name="state"/> only the first
    /// time (static makers: a lookup that hits allocates nothing).</summary>
    private int Other<TState>((ValueKind, long, string?) key, TState state, Func<TState, Value> make)
    {
        _others ??= [];
        if (_others.TryGetValue(key, out int i)) return i;
        return _others[key] = Append(make(state));
    }

    /// <summary>Equality of tuples whose items are all scalars (int, float, bool, str, unit): same kinds,
    /// ints and bools by value, floats by bit pattern, strings by text.</summary>
    private sealed class ScalarItems : IEqualityComparer<Value[]>
    {
        public static readonly ScalarItems Comparer = new();

        public static bool AllScalar(Value[] items)
        {
            foreach (var item in items)
                if (item.Kind is not (ValueKind.Int or ValueKind.Float or ValueKind.Bool or ValueKind.Str or ValueKind.Unit)) return false;
            return true;
        }

        public bool Equals(Value[]? x, Value[]? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x is null || y is null || x.Length != y.Length) return false;
            for (int i = 0; i < x.Length; i++)
                if (!Same(x[i], y[i])) return false;
            return true;
        }

        public int GetHashCode(Value[] items)
        {
            var hash = new HashCode();
            hash.Add(items.Length);
            foreach (var item in items) hash.Add(HashOf(item));
            return hash.ToHashCode();
        }

        private static bool Same(Value a, Value b)
        {
            var kind = a.Kind;
            if (kind != b.Kind) return false;
            return kind switch
            {
                ValueKind.Int => a.AsInt == b.AsInt,
                ValueKind.Float => BitConverter.DoubleToInt64Bits(a.AsFloat) == BitConverter.DoubleToInt64Bits(b.AsFloat),
                ValueKind.Bool => a.AsBool == b.AsBool,
                ValueKind.Str => string.Equals(a.As<VeldString>().Text, b.As<VeldString>().Text, StringComparison.Ordinal),
                _ => true, // unit
            };
        }

        private static int HashOf(Value v) => v.Kind switch
        {
            ValueKind.Int => v.AsInt.GetHashCode(),
            ValueKind.Float => BitConverter.DoubleToInt64Bits(v.AsFloat).GetHashCode() ^ 0x5bd1e995,
            ValueKind.Bool => v.AsBool ? 1 : 2,
            ValueKind.Str => string.GetHashCode(v.As<VeldString>().Text, StringComparison.Ordinal),
            _ => 3,
        };
    }
}
