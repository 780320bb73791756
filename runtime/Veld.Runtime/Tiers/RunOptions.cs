namespace Veld.Runtime;

/// <summary>Parameters of one run. The same options mean the same limits on every tier.</summary>
public sealed record RunOptions
{
    /// <summary>Where the program's output goes as it is written; null captures it into <see cref="RunOutcome.Stdout"/> only.</summary>
    public TextWriter? Output { get; init; }
    /// <summary>Nested non-tail calls allowed; one more raises StackOverflow.</summary>
    public int MaxCallDepth { get; init; } = 10_000;
    /// <summary>Steps allowed (loop iterations plus calls, counted by <see cref="ExecutionContext.Tick"/>); null = unlimited.</summary>
    public long? Fuel { get; init; }
    /// <summary>Wall-clock limit; null = none.</summary>
    public TimeSpan? Timeout { get; init; }
    /// <summary>Managed heap allowed, in bytes; past it the run ends with LimitExceeded (<see cref="MemoryLimit"/>).</summary>
    public long MaxMemory { get; init; } = MemoryLimit.DefaultBytes;
    /// <summary>Calls or loop iterations before the JIT compiles a function (JIT tier only).</summary>
    public int JitThreshold { get; init; } = 1_000;
    /// <summary>JIT tier only: when set, compiled code's type guards also fail at pseudo-random points chosen
    /// by this seed (deterministically), so every deoptimisation path runs.</summary>
    public int? JitStress { get; init; }
    /// <summary>The strings <c>args()</c> returns (given after <c>--</c> on the command line).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];
    public CancellationToken Cancellation { get; init; }
}
