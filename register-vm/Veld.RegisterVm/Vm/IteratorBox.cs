using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>The state of a <c>for</c> loop's iterator, kept in a register the program cannot name.</summary>
internal sealed class IteratorBox(ForIterator iterator) : HeapObject
{
    /// <summary>Never observed: the register holding it is not visible to Veld code.</summary>
    public override ValueKind Kind => ValueKind.Uninitialized;
    public ForIterator Iterator { get; } = iterator;
}
