using Veld.Fuzzing.Generation;
using Veld.Fuzzing.Reduction;
using Veld.Runtime;

using Veld.Differential;

namespace Veld.Fuzzing;

public enum FindingKind
{
    /// <summary>A tier's observable behaviour differs from the oracle's.</summary>
    Disagreement,
    /// <summary>A tier crashed (a .NET exception that is not a Veld error).</summary>
    Crash,
    /// <summary>The front end rejected a generated program: a generator bug or a front-end bug.</summary>
    CompileError,
}

/// <summary>One program worth a look, as written to the output directory.</summary>
public sealed record FuzzFinding
{
    public required FindingKind Kind { get; init; }
    /// <summary>Index of the program in the run (regenerate it with the run seed and this index).</summary>
    public required long Index { get; init; }
    public required GeneratedProgram Program { get; init; }
    /// <summary>One run per tier, oracle first (empty for a compile error).</summary>
    public required IReadOnlyList<RunOutcome> Outcomes { get; init; }
    /// <summary>One line: which tier, what differs.</summary>
    public required string Summary { get; init; }
    /// <summary>The tiers that disagreed with the oracle or crashed.</summary>
    public required IReadOnlyList<string> Culprits { get; init; }
    public string? Path { get; init; }
    public string? ReducedPath { get; init; }
    public ReductionResult? Reduction { get; init; }
}

/// <summary>Counts over a run: programs, the oracle's outcomes, features, time per tier.</summary>
public sealed class FuzzStatistics
{
    public long Programs { get; internal set; }
    public long Disagreements { get; internal set; }
    public long Crashes { get; internal set; }
    public long CompileErrors { get; internal set; }
    /// <summary>Programs where a comparison was inconclusive (a limit was hit, a tier does not support it).</summary>
    public long Inconclusive { get; internal set; }
    /// <summary>Programs that used each feature (<see cref="Features"/>).</summary>
    public Dictionary<string, long> Features { get; } = new(StringComparer.Ordinal);
    /// <summary>The oracle's outcome per program: <c>success</c>, <c>runtime error: Kind</c>, <c>limit</c>.</summary>
    public Dictionary<string, long> OracleOutcomes { get; } = new(StringComparer.Ordinal);
    /// <summary>Total run time (compile + run) per tier, in milliseconds.</summary>
    public Dictionary<string, double> TierMilliseconds { get; } = new(StringComparer.Ordinal);
    /// <summary>Time spent generating programs, in milliseconds.</summary>
    public double GenerationMilliseconds { get; internal set; }

    internal static void Add<TKey>(Dictionary<TKey, long> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}

/// <summary>Everything a fuzzing run found and measured.</summary>
public sealed record FuzzReport
{
    public required FuzzStatistics Statistics { get; init; }
    public required IReadOnlyList<FuzzFinding> Findings { get; init; }
    public required TimeSpan Elapsed { get; init; }
    /// <summary>The run ended on cancellation rather than on its count or time budget.</summary>
    public required bool Cancelled { get; init; }
    public double ProgramsPerSecond => Elapsed.TotalSeconds > 0 ? Statistics.Programs / Elapsed.TotalSeconds : 0;
}
