namespace Veld.Runtime;

/// <summary>
/// The memory bound of a run (<see cref="RunOptions.MaxMemory"/>): checked with time and cancellation every few
/// thousand steps, it ends a run that holds too much with a clean, uncatchable LimitExceeded naming memory,
/// long before the process would fail (issue 14: arrays of 10^9 elements ended in OutOfMemoryException after
/// 30-105 s). The figure is the managed heap of the process, which parallel runs share, so the bound is
/// generous rather than exact; an allocation the runtime refuses outright (<see cref="OutOfMemoryException"/>)
/// is reported the same way by <see cref="TierHost"/>.
/// </summary>
public static class MemoryLimit
{
    /// <summary>1 GiB: far above what the corpus, the fuzzer's programs and the benchmarks use (tens of MiB), and
    /// low enough that the growth which would cross it is refused quickly (a doubling past it takes a second).</summary>
    public const long DefaultBytes = 1L << 30;

    /// <summary>The heap, plus <paramref name="bytes"/> about to be allocated, stays within <paramref name="limit"/>.</summary>
    public static void CheckRoom(long limit, long bytes)
    {
        if (GC.GetTotalMemory(forceFullCollection: false) + bytes <= limit) return;
        // Garbage counts until it is collected: fail only if the live heap is still too big after a full collection.
        if (GC.GetTotalMemory(forceFullCollection: true) + bytes <= limit) return;
        throw Exceeded(limit);
    }

    public static VeldRuntimeException Exceeded(long limit) =>
        new(ErrorKind.LimitExceeded, $"memory limit of {Describe(limit)} exceeded");

    /// <summary>"512 MiB", "2 GiB", or bytes when not a whole number of MiB.</summary>
    public static string Describe(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30} GiB" : bytes % (1L << 20) == 0 ? $"{bytes >> 20} MiB" : $"{bytes} bytes";
}
