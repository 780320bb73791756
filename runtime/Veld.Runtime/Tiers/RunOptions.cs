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
    /// <summary>Loop iterations before the JIT compiles a function, a call counting 1/100 of one and a self-call a whole one (JIT tier only).</summary>
    public int JitThreshold { get; init; } = 1_000;
    /// <summary>JIT tier only: when set, compiled code's type guards also fail at pseudo-random points chosen
    /// by this seed (deterministically), so every deoptimisation path runs.</summary>
    public int? JitStress { get; init; }
    /// <summary>JIT tier only: compile hot functions on a second thread while the VM goes on interpreting them, and
    /// install the code at the function's next call or loop back-edge. Output and results are the same as compiling
    /// on the VM's thread; which code runs when (and so the JIT's statistics) depends on timing. Ignored with
    /// <see cref="JitThreshold"/> 0 or <see cref="JitStress"/>, which must repeat exactly.</summary>
    public bool JitBackground { get; init; }
    /// <summary>JIT tier, with <see cref="JitBackground"/>: 0 (the default) hands each compilation whole (emission and
    /// .NET's compile) to the second thread; N &gt; 0 emits on the VM's thread and hands over only .NET's compile of a
    /// compilation whose new methods have N IL bytes or more (smaller ones .NET compiles at their first call, on the VM's
    /// thread). <c>--jit-background auto</c> sets it (<c>on</c> leaves 0).</summary>
    public int JitBackgroundIlBytes { get; init; }
    /// <summary>The strings <c>args()</c> returns (given after <c>--</c> on the command line).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];
    public CancellationToken Cancellation { get; init; }
}
