using Veld.Runtime;

namespace Veld.Bench;

/// <summary>How <see cref="BenchmarkRunner"/> measures.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Measured runs per program and tier; the report gives their median and range.</summary>
    public int Iterations { get; init; } = 5;
    /// <summary>Runs per program and tier before measuring (JIT warm-up of the host, caches), not reported.</summary>
    public int Warmup { get; init; } = 1;
    public BenchmarkSize Size { get; init; } = BenchmarkSize.Bench;
    /// <summary>The Lua interpreter to compare with, or null for no baseline.</summary>
    public LuaBaseline? Lua { get; init; }
    /// <summary>Why there is no Lua baseline although one was asked for ("lua5.4 not found on PATH"); shown in the report.</summary>
    public string? LuaUnavailableReason { get; init; }
    /// <summary>Limit of one run; a run that hits it is a failure of that tier on that program.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public int MaxCallDepth { get; init; } = new RunOptions().MaxCallDepth;
    /// <summary>JIT tier: calls and back-edges before a function is compiled.</summary>
    public int JitThreshold { get; init; } = new RunOptions().JitThreshold;
    public int? JitStress { get; init; }
    /// <summary>JIT tier: compile on a second thread (<see cref="RunOptions.JitBackground"/>).</summary>
    public bool JitBackground { get; init; }
    /// <summary>JIT tier: the IL bytes from which only .NET's compile goes to the second thread (<see cref="RunOptions.JitBackgroundIlBytes"/>).</summary>
    public int JitBackgroundIlBytes { get; init; }
    /// <summary>Managed memory one run may hold (<see cref="RunOptions.MaxMemory"/>).</summary>
    public long MaxMemory { get; init; } = MemoryLimit.DefaultBytes;
    public CancellationToken Cancellation { get; init; }
    /// <summary>Where the tiers run while measured; <see cref="BenchmarkIsolation.WorkerProcess"/> needs
    /// <see cref="StartWorker"/>.</summary>
    public BenchmarkIsolation Isolation { get; init; } = BenchmarkIsolation.InProcess;
    /// <summary>How to start the worker process of a tier (given its name) that speaks <see cref="WorkerProtocol"/>
    /// on its standard input and output (the CLI starts itself: <c>veld bench-worker TIER</c>).</summary>
    public Func<string, System.Diagnostics.ProcessStartInfo>? StartWorker { get; init; }

    public int Rounds => Warmup + Iterations;

    /// <summary>The options of one run of a program given <paramref name="args"/>.</summary>
    public RunOptions RunOptionsFor(IReadOnlyList<string> args) => new()
    {
        Args = args,
        MaxCallDepth = MaxCallDepth,
        JitThreshold = JitThreshold,
        JitStress = JitStress,
        JitBackground = JitBackground,
        JitBackgroundIlBytes = JitBackgroundIlBytes,
        MaxMemory = MaxMemory,
        Timeout = RunTimeout,
        Cancellation = Cancellation,
    };

    public void Validate()
    {
        if (Iterations < 1) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "at least one measured iteration");
        if (Warmup < 0) throw new ArgumentOutOfRangeException(nameof(Warmup), Warmup, "warm-up cannot be negative");
        if (Isolation == BenchmarkIsolation.WorkerProcess && StartWorker is null)
            throw new ArgumentException("worker-process isolation needs a way to start the workers", nameof(StartWorker));
    }
}

/// <summary>Where a benchmark run is: reported before each run, and once more when everything is done.</summary>
/// <param name="Round">0-based; rounds below <paramref name="Warmup"/> are warm-up.</param>
/// <param name="RunsDone">Runs finished or skipped so far, out of <paramref name="RunsTotal"/>.</param>
public sealed record BenchmarkProgress(
    string Program, int ProgramIndex, int ProgramCount, string Tier, int Round, int Warmup, int Iterations,
    int RunsDone, int RunsTotal)
{
    public bool IsWarmup => Round < Warmup;

    /// <summary>"fib · stack · run 3/5" or "fib · stack · warm-up 1/1".</summary>
    public string Describe() => IsWarmup
        ? $"{Program} · {Tier} · warm-up {Round + 1}/{Warmup}"
        : $"{Program} · {Tier} · run {Round - Warmup + 1}/{Iterations}";
}
