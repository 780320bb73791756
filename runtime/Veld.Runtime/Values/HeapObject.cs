namespace Veld.Runtime;

/// <summary>Base of every heap-allocated Veld value.</summary>
public abstract class HeapObject
{
    public abstract ValueKind Kind { get; }
}
