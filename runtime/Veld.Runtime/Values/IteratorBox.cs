namespace Veld.Runtime;

/// <summary>
/// A <c>for</c> loop's <see cref="ForIterator"/> held in a VM slot (stacks and registers hold Values).
/// Only the VM's iterate instruction ever sees it: Veld code cannot name the slot, so its kind is never observed.
/// </summary>
public sealed class IteratorBox(ForIterator iterator) : HeapObject
{
    public override ValueKind Kind => ValueKind.Uninitialized;
    public ForIterator Iterator { get; } = iterator;
    /// <summary>Set by the first step: a VM whose loop test is at the loop's end charges fuel only for the later ones.</summary>
    public bool Started { get; set; }
}
