using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>
/// Holds a for loop's <see cref="ForIterator"/> in an operand stack slot (the stack holds Values).
/// Only ITER_NEXT ever sees it; Veld code cannot name it.
/// </summary>
internal sealed class IteratorBox(ForIterator iterator) : HeapObject
{
    public override ValueKind Kind => ValueKind.Uninitialized;
    public ForIterator Iterator { get; } = iterator;
}
