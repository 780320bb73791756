using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Veld.Runtime;

/// <summary>
/// A mutable array shared by reference. <see cref="Version"/> changes whenever the length changes,
/// so a <c>for</c> loop can detect that its array grew or shrank under it (runtime error Value).
/// While all its elements are ints, floats or bools of one kind it keeps only their payloads (<see cref="Storage"/>,
/// <see cref="Payloads"/>); the first element of another kind moves it to one <c>Value</c> per element.
/// Capacity grows as a <c>List</c>'s does (4, then doubling), so the growth checks a run meets do not depend on
/// the storage.
/// </summary>
public sealed class VeldArray : HeapObject
{
    private static readonly long[] NoPayloads = [];
    private static readonly Value[] NoValues = [];

    private ArrayStorage _storage;
    /// <summary>Below <see cref="_count"/>, the elements' payloads while the storage is Ints, Floats or Bools.</summary>
    private long[] _payloads = NoPayloads;
    /// <summary>Below <see cref="_count"/>, the elements once the storage is Values.</summary>
    private Value[] _values = NoValues;
    private int _count;

    public override ValueKind Kind => ValueKind.Array;
    public int Version { get; private set; }

    public int Count { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _count; }
    public ArrayStorage Storage { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _storage; }
    /// <summary>The payloads of elements 0..Count-1 while <see cref="Storage"/> is Ints, Floats or Bools (compiled
    /// code reads and writes them directly after testing the storage and the index).</summary>
    public long[] Payloads { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _payloads; }

    public VeldArray() { }
    /// <summary>An array of <paramref name="items"/> with room for <paramref name="capacity"/> elements.</summary>
    private VeldArray(ReadOnlySpan<Value> items, int capacity)
    {
        _storage = StorageOf(items);
        if (capacity > 0)
        {
            if (_storage == ArrayStorage.Values) _values = new Value[capacity];
            else _payloads = new long[capacity];
        }
        for (int i = 0; i < items.Length; i++) Put(i, items[i]);
        _count = items.Length;
    }
    /// <summary>The elements of <paramref name="items"/>, with its capacity.</summary>
    public VeldArray(List<Value> items) : this(CollectionsMarshal.AsSpan(items), items.Capacity) { }
    public VeldArray(IEnumerable<Value> items) : this(new List<Value>(items)) { }
    /// <summary>An array of a copy of <paramref name="items"/>, with no room to spare.</summary>
    public static VeldArray Of(ReadOnlySpan<Value> items) => new(items, items.Length);

    private int Capacity => _storage == ArrayStorage.Values ? _values.Length : _payloads.Length;

    /// <summary>Element <paramref name="index"/>, which must be below <see cref="Count"/> (the caller has checked).
    /// Tests in the order of how common the storages are (a chain of tests beats a jump table here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value Get(int index)
    {
        var storage = _storage;
        if (storage == ArrayStorage.Ints) return Value.FromInt(_payloads[index]);
        if (storage == ArrayStorage.Values) return _values[index];
        if (storage == ArrayStorage.Bools) return Value.FromBool(_payloads[index] != 0);
        return Value.FromFloat(BitConverter.Int64BitsToDouble(_payloads[index]));
    }

    /// <summary><c>into[slot] = Get(index)</c>, the index below <see cref="Count"/>: an int, bool or float storage stores
    /// a fresh value of its kind, whose reference (null, a frozen tag) the JIT writes without a GC write barrier, where
    /// a store of <see cref="Get"/>'s result (a merge of the kinds) is a barrier call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void LoadInto(int index, Value[] into, int slot)
    {
        var storage = _storage;
        if (storage == ArrayStorage.Ints) into[slot] = Value.FromInt(_payloads[index]);
        else if (storage == ArrayStorage.Values) into[slot] = _values[index];
        else if (storage == ArrayStorage.Bools) into[slot] = Value.FromBool(_payloads[index] != 0);
        else into[slot] = Value.FromFloat(BitConverter.Int64BitsToDouble(_payloads[index]));
    }

    /// <summary>Element <paramref name="index"/> := <paramref name="value"/>, the index below <see cref="Count"/>:
    /// one test of the storage and one of the value's kind when they agree.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int index, Value value)
    {
        var storage = _storage;
        if (storage == ArrayStorage.Ints)
        {
            if (value.IsInt) { _payloads[index] = value.AsInt; return; }
        }
        else if (storage == ArrayStorage.Values) { Value.Store(_values, index, value); return; }
        else if (storage == ArrayStorage.Bools)
        {
            if (value.IsBool) { _payloads[index] = value.AsBool ? 1 : 0; return; }
        }
        else if (value.IsFloat) { _payloads[index] = BitConverter.DoubleToInt64Bits(value.AsFloat); return; }
        SetOfAnotherKind(index, value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetOfAnotherKind(int index, Value value)
    {
        Generalize();
        Value.Store(_values, index, value);
    }

    public Value this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            return Get(index);
        }
        set
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            Set(index, value);
        }
    }

    public void Add(Value value)
    {
        MakeRoomFor(value);
        Put(_count++, value);
        Version++;
    }

    /// <summary>Append the payload of an element of <paramref name="storage"/> when the array keeps that storage and has
    /// room (what <see cref="Add"/> does then); false, with nothing changed, otherwise. Compiled code's inline push.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAppendPayload(ArrayStorage storage, long payload)
    {
        int count = _count;
        var payloads = _payloads;   // empty while the storage is Values
        if (storage != _storage || (uint)count >= (uint)payloads.Length) return false;
        payloads[count] = payload;
        _count = count + 1;
        Version++;
        return true;
    }

    public void Insert(int index, Value value)
    {
        if ((uint)index > (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        MakeRoomFor(value);
        if (_storage == ArrayStorage.Values) Array.Copy(_values, index, _values, index + 1, _count - index);
        else Array.Copy(_payloads, index, _payloads, index + 1, _count - index);
        Put(index, value);
        _count++;
        Version++;
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        _count--;
        if (_storage == ArrayStorage.Values)
        {
            Array.Copy(_values, index + 1, _values, index, _count - index);
            _values[_count] = default;   // let the GC have what the last slot held
        }
        else Array.Copy(_payloads, index + 1, _payloads, index, _count - index);
        Version++;
    }

    /// <summary>A new array of elements <paramref name="start"/>..<paramref name="end"/>-1, in this array's storage.</summary>
    public VeldArray Slice(int start, int end)
    {
        var slice = new VeldArray { _storage = _storage };
        int n = end - start;
        if (n == 0) return slice;
        if (_storage == ArrayStorage.Values) slice._values = _values.AsSpan(start, n).ToArray();
        else slice._payloads = _payloads.AsSpan(start, n).ToArray();
        slice._count = n;
        return slice;
    }

    /// <summary>The elements, copied.</summary>
    public Value[] ToArray()
    {
        var items = new Value[_count];
        for (int i = 0; i < _count; i++) items[i] = Get(i);
        return items;
    }

    /// <summary>Store <paramref name="value"/>, which fits the storage, at <paramref name="index"/> of the backing store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(int index, in Value value)
    {
        switch (_storage)
        {
            case ArrayStorage.Ints: _payloads[index] = value.AsInt; break;
            case ArrayStorage.Values: Value.Store(_values, index, value); break;
            case ArrayStorage.Floats: _payloads[index] = BitConverter.DoubleToInt64Bits(value.AsFloat); break;
            default: _payloads[index] = value.AsBool ? 1 : 0; break;
        }
    }

    /// <summary>Before an element is added: a full store grows, an empty array takes the new element's kind, and
    /// an element of another kind moves the array to Values.</summary>
    private void MakeRoomFor(in Value value)
    {
        // An empty array's kind first, so that its first growth allocates the store it keeps; a refused growth
        // leaves the array as it was, so it comes before a move to Values.
        var wanted = StorageFor(value);
        if (wanted != _storage && _count == 0) Become(wanted);
        if (_count == Capacity) Grow();
        if (wanted != _storage && _storage != ArrayStorage.Values) Generalize();
    }

    /// <summary>A full store doubles (4 at first), as a <c>List</c> would. A large doubling must fit the run's limits
    /// before it starts; it is charged as <c>Value</c>s whatever the storage, so the limits a program meets do not
    /// depend on the kinds of its elements.</summary>
    private void Grow()
    {
        int capacity = Capacity;
        RunBudget.BeforeGrowth(2L * capacity * Unsafe.SizeOf<Value>());
        int larger = capacity == 0 ? 4 : (int)Math.Min(2L * capacity, Array.MaxLength);
        if (_storage == ArrayStorage.Values) Array.Resize(ref _values, larger);
        else Array.Resize(ref _payloads, larger);
    }

    /// <summary>An empty array takes <paramref name="storage"/>, with the same capacity.</summary>
    private void Become(ArrayStorage storage)
    {
        int capacity = Capacity;
        if (storage == ArrayStorage.Values)
        {
            _values = capacity == 0 ? NoValues : new Value[capacity];
            _payloads = NoPayloads;
        }
        else if (_storage == ArrayStorage.Values)
        {
            _payloads = capacity == 0 ? NoPayloads : new long[capacity];
            _values = NoValues;
        }
        _storage = storage;
    }

    /// <summary>From payloads to one <c>Value</c> per element, for good: an element of another kind arrives.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Generalize()
    {
        RunBudget.BeforeGrowth((long)_payloads.Length * Unsafe.SizeOf<Value>());
        var values = _payloads.Length == 0 ? NoValues : new Value[_payloads.Length];
        for (int i = 0; i < _count; i++) values[i] = Get(i);
        _values = values;
        _payloads = NoPayloads;
        _storage = ArrayStorage.Values;
    }

    /// <summary>The storage that holds <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ArrayStorage StorageFor(in Value value) =>
        value.IsInt ? ArrayStorage.Ints : value.IsFloat ? ArrayStorage.Floats : value.IsBool ? ArrayStorage.Bools : ArrayStorage.Values;

    /// <summary>The storage that holds all of <paramref name="items"/> (Ints for none).</summary>
    private static ArrayStorage StorageOf(ReadOnlySpan<Value> items)
    {
        if (items.IsEmpty) return ArrayStorage.Ints;
        var storage = StorageFor(items[0]);
        if (storage == ArrayStorage.Values) return storage;
        foreach (var item in items)
            if (StorageFor(item) != storage) return ArrayStorage.Values;
        return storage;
    }
}
