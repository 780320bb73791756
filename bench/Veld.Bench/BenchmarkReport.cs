namespace Veld.Bench;

/// <summary>A geometric mean of per-program speedups, and over how many programs it was taken
/// (programs where either side failed are left out, and say so).</summary>
public sealed record SpeedupSummary(double GeometricMean, int Programs, int OutOf);

/// <summary>
/// What one <c>veld bench</c> run measured: per program and tier the run times and figures, and the
/// ratios between tiers, all from the same interleaved rounds.
/// </summary>
public sealed record BenchmarkReport(
    BenchmarkEnvironment Environment,
    int Warmup,
    int Iterations,
    IReadOnlyList<string> Tiers,
    IReadOnlyList<ProgramMeasurement> Programs,
    string? LuaVersion,
    double? LuaStartupMs,
    IReadOnlyList<string> Notes)
{
    /// <summary>The tiers speedups are given over, when they are part of the run.</summary>
    public const string StackTier = "stack";
    public const string TreeTier = "tree";

    /// <summary>The references the report has columns for: stack, tree and lua, those that were measured.</summary>
    public IReadOnlyList<string> References =>
        [.. new[] { StackTier, TreeTier, LuaBaseline.TierName }.Where(Tiers.Contains)];

    /// <summary>Whether each tier ran in a worker process of its own.</summary>
    public BenchmarkIsolation Isolation { get; init; } = BenchmarkIsolation.InProcess;

    public bool HasFailures => Programs.Any(p => p.Tiers.Any(t => t.Failure is not null));

    /// <summary>The geometric mean over programs of <paramref name="tier"/>'s speedup over <paramref name="reference"/>;
    /// null when no program has both.</summary>
    public SpeedupSummary? GeometricMeanSpeedup(string tier, string reference)
    {
        var ratios = Programs.Select(p => p.Speedup(tier, reference)).OfType<double>().ToArray();
        return ratios.Length == 0 ? null : new SpeedupSummary(BenchmarkStatistics.GeometricMean(ratios), ratios.Length, Programs.Count);
    }
}
