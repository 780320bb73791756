namespace Veld.Runtime;

/// <summary><c>Start..End</c> or <c>Start..=End</c> over ints.</summary>
public sealed class VeldRange(long start, long end, bool inclusive) : HeapObject
{
    public override ValueKind Kind => ValueKind.Range;
    public long Start { get; } = start;
    public long End { get; } = end;
    public bool Inclusive { get; } = inclusive;
}
