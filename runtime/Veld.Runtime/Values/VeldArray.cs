using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// A mutable array shared by reference. <see cref="Version"/> changes whenever the length changes,
/// so a <c>for</c> loop can detect that its array grew or shrank under it (runtime error Value).
/// </summary>
public sealed class VeldArray : HeapObject
{
    public override ValueKind Kind => ValueKind.Array;
    public List<Value> Items { get; }
    public int Version { get; private set; }

    public VeldArray() => Items = [];
    public VeldArray(List<Value> items) => Items = items;
    public VeldArray(IEnumerable<Value> items) => Items = [.. items];

    public int Count => Items.Count;
    public Value this[int index] { get => Items[index]; set => Items[index] = value; }

    public void Add(Value v) { BeforeAdding(); Items.Add(v); Version++; }
    public void Insert(int index, Value v) { BeforeAdding(); Items.Insert(index, v); Version++; }
    public void RemoveAt(int index) { Items.RemoveAt(index); Version++; }
    /// <summary>Call after any other change of length made through <see cref="Items"/>.</summary>
    public void LengthChanged() => Version++;

    /// <summary>A full backing array doubles: a large doubling must fit the run's limits before it starts.</summary>
    private void BeforeAdding()
    {
        if (Items.Count == Items.Capacity) RunBudget.BeforeGrowth(2L * Items.Capacity * Unsafe.SizeOf<Value>());
    }
}
