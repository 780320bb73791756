namespace Veld.Bench;

/// <summary>
/// Where the tiers run while they are measured. Two tiers in one process disturb each other: the register VM
/// and the JIT tier share the register VM's dispatch loop, and .NET compiles that loop once, with a profile
/// gathered from whichever workload ran first, so each tier is measured running the other's machine code (on
/// a quiet machine the register tier ran bounce in 131 ms alone and in 188 ms beside the JIT tier).
/// </summary>
public enum BenchmarkIsolation
{
    /// <summary>Every tier in this process: cheap, and what the in-process tests use.</summary>
    InProcess,

    /// <summary>Every tier in a worker process of its own, started once and kept for the whole run; the
    /// rounds still take the tiers in turn, so drift hits them alike (BenchmarkDotNet isolates the same way).</summary>
    WorkerProcess,
}
