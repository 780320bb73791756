namespace Veld.Runtime;

/// <summary>
/// A mutable map shared by reference, ordered by insertion; a key removed and inserted again goes
/// last. Keys are int, str, bool or tuples of those (<see cref="Set"/> checks; lookups with any other value just miss).
/// <see cref="Version"/> changes when keys are added or removed, for iteration checks.
/// </summary>
public sealed class VeldMap : HeapObject
{
    public override ValueKind Kind => ValueKind.Map;
    private readonly OrderedDictionary<Value, Value> _entries = new(MapKeyComparer.Instance);
    public int Version { get; private set; }

    /// <summary>About what one entry of <see cref="_entries"/> costs: key and value, hash and link, bucket.</summary>
    private const int BytesPerEntry = 48;

    public int Count => _entries.Count;

    public bool TryGet(Value key, out Value value) => _entries.TryGetValue(key, out value);
    public bool ContainsKey(Value key) => _entries.ContainsKey(key);

    /// <summary>Insert or replace; runtime error Type if <paramref name="key"/> is not a valid map key.</summary>
    public void Set(Value key, Value value)
    {
        MapKeys.Check(key);
        if (_entries.ContainsKey(key)) _entries[key] = value;
        else
        {
            // A full table doubles (entries of key, value and hash links, plus buckets): a large doubling
            // must fit the run's limits before it starts.
            if (_entries.Count == _entries.Capacity) RunBudget.BeforeGrowth(2L * _entries.Capacity * BytesPerEntry);
            _entries.Add(key, value);
            Version++;
        }
    }

    public bool Remove(Value key, out Value value)
    {
        if (!_entries.Remove(key, out value)) return false;
        Version++;
        return true;
    }

    /// <summary>The entry at insertion position <paramref name="index"/>.</summary>
    public KeyValuePair<Value, Value> EntryAt(int index) => _entries.GetAt(index);

    public IEnumerable<KeyValuePair<Value, Value>> Entries => _entries;
}

/// <summary>Hashing and equality for map keys (int, str, bool, tuples of those).</summary>
public sealed class MapKeyComparer : IEqualityComparer<Value>
{
    public static readonly MapKeyComparer Instance = new();

    public bool Equals(Value a, Value b)
    {
        if (a.IsInt) return b.IsInt && a.AsInt == b.AsInt;
        if (a.IsBool) return b.IsBool && a.AsBool == b.AsBool;
        if (a.Is<VeldString>(out var sa)) return b.Is<VeldString>(out var sb) && sa.Text == sb.Text;
        if (a.Is<VeldTuple>(out var ta))
        {
            var proven = new ProvenEqualPairs();
            return b.Is<VeldTuple>(out var tb) && TuplesEqual(ta, tb, ref proven);
        }
        return false;
    }

    /// <summary>Keys hold no floats, so a tuple equals itself; pairs proven equal are not compared again, so
    /// keys with shared parts compare in time linear in their tuples (issue 14).</summary>
    private bool TuplesEqual(VeldTuple ta, VeldTuple tb, ref ProvenEqualPairs proven)
    {
        if (ReferenceEquals(ta, tb)) return true;
        if (ta.Items.Length != tb.Items.Length) return false;
        if (proven.TryGetProven(ta, tb, out _)) return true;
        for (int i = 0; i < ta.Items.Length; i++)
        {
            Value x = ta.Items[i], y = tb.Items[i];
            bool equal = x.Is<VeldTuple>(out var tx) ? y.Is<VeldTuple>(out var ty) && TuplesEqual(tx, ty, ref proven) : Equals(x, y);
            if (!equal) return false;
        }
        proven.RememberEqual(ta, tb, 0);
        return true;
    }

    public int GetHashCode(Value v) => Hash(v, 0);

    /// <summary>Hashes nested tuples only a few levels deep: equal keys still hash alike, and a lookup with an
    /// absurdly nested tuple cannot recurse without bound. (Equals recurses only as deep as a stored key, and
    /// <see cref="MapKeys.Check"/> bounds those.)</summary>
    private static int Hash(Value v, int depth)
    {
        if (v.IsInt) return v.AsInt.GetHashCode();
        if (v.IsBool) return v.AsBool ? 1 : 2;
        if (v.Is<VeldString>(out var s)) return string.GetHashCode(s.Text, StringComparison.Ordinal);
        if (v.Is<VeldTuple>(out var t))
        {
            var h = new HashCode();
            h.Add(t.Items.Length);
            if (depth < MaxHashDepth)
                foreach (var item in t.Items) h.Add(Hash(item, depth + 1));
            return h.ToHashCode();
        }
        return 0;
    }

    private const int MaxHashDepth = 8;
}
