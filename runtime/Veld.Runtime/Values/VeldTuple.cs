namespace Veld.Runtime;

/// <summary>An immutable tuple of at least one element.</summary>
public sealed class VeldTuple(Value[] items) : HeapObject
{
    public override ValueKind Kind => ValueKind.Tuple;
    public Value[] Items { get; } = items;
}
