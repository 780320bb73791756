namespace Veld.Runtime;

/// <summary>An immutable tuple of at least one element.</summary>
public sealed class VeldTuple(Value[] items) : HeapObject
{
    public override ValueKind Kind => ValueKind.Tuple;
    public Value[] Items { get; } = items;

    /// <summary>Set by <see cref="MapKeys.Check"/> once this tuple is known to be a valid map key: its nesting
    /// height (1 for a tuple of scalars). A tuple never changes, so a shared one is checked once.</summary>
    internal int KeyHeight;
}
