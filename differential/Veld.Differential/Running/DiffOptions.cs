namespace Veld.Differential;

/// <summary>How <see cref="DiffRunner"/> runs each program. The limits are the same for every tier.</summary>
public sealed record DiffOptions
{
    /// <summary>Wall-clock limit of one run of one program on one tier. Hitting it is inconclusive.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Steps per run (<see cref="Veld.Runtime.ExecutionContext.Tick"/>). Unlike the timeout it cuts
    /// every tier at the same point, so a runaway program is stopped the same way everywhere.</summary>
    public long? Fuel { get; init; } = 200_000_000;
    /// <summary>Nested non-tail calls allowed (docs/SPEC.md section 6).</summary>
    public int MaxCallDepth { get; init; } = 10_000;
    /// <summary>JIT tier: calls and back-edges before a function is compiled (<see cref="Veld.Runtime.RunOptions.JitThreshold"/>).</summary>
    public int JitThreshold { get; init; } = new Veld.Runtime.RunOptions().JitThreshold;
    /// <summary>JIT tier: the stress seed that makes guards fail at pseudo-random points (<see cref="Veld.Runtime.RunOptions.JitStress"/>).</summary>
    public int? JitStress { get; init; }
    /// <summary>JIT tier: compile on a second thread (<see cref="Veld.Runtime.RunOptions.JitBackground"/>); outputs must not change.</summary>
    public bool JitBackground { get; init; }
    /// <summary>JIT tier: <see cref="Veld.Runtime.RunOptions.JitBackgroundIlBytes"/>.</summary>
    public int JitBackgroundIlBytes { get; init; }
    /// <summary>Managed memory one run may hold (<see cref="Veld.Runtime.RunOptions.MaxMemory"/>); the runs in parallel share the heap.</summary>
    public long MaxMemory { get; init; } = Veld.Runtime.MemoryLimit.DefaultBytes;
    /// <summary>Programs run at once (each runs its tiers one after another).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>
    /// Extra time a run gets beyond <see cref="Timeout"/> before the harness stops waiting for it. A tier
    /// checks its limits at loop back-edges and calls; one that still runs after this grace ignored them,
    /// which is reported as an internal error (the run's thread is left behind as a background thread).
    /// </summary>
    public TimeSpan HangGrace { get; init; } = TimeSpan.FromSeconds(5);
}
