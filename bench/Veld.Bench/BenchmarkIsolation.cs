namespace Veld.Bench;

/// <summary>
/// Where the tiers run while they are measured. Runs in one process disturb each other: .NET compiles a VM's
/// dispatch loop once, with a profile gathered from whatever ran it first, and later programs (and the JIT
/// tier, which shares the register VM's loop) run machine code shaped for that other work (on a quiet machine
/// the register tier ran bounce in 131 ms alone and in 188 ms beside the JIT tier).
/// </summary>
public enum BenchmarkIsolation
{
    /// <summary>Every tier in this process: cheap, and what the in-process tests use.</summary>
    InProcess,

    /// <summary>Every program on every tier in a fresh worker process, which runs its warm-up and measured runs;
    /// the rounds still take the tiers in turn, so drift hits them alike (BenchmarkDotNet isolates each
    /// benchmark in a process of its own for the same reason).</summary>
    WorkerProcess,
}
