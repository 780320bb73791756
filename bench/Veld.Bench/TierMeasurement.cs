namespace Veld.Bench;

/// <summary>One measured run: its time, and the figures the tier reports (null where it has none).</summary>
public sealed record RunSample(double Milliseconds, long? AllocatedBytes, long? Instructions);

/// <summary>
/// Everything measured for one program on one tier (or on the Lua baseline): the measured runs, and the
/// failure that stopped the tier on this program, if any. A failed run is reported, never timed.
/// </summary>
public sealed record TierMeasurement(string Tier, IReadOnlyList<RunSample> Samples, string? Failure)
{
    public bool Succeeded => Failure is null && Samples.Count > 0;
    public double? MedianMs => Samples.Count > 0 ? BenchmarkStatistics.Median(Samples.Select(s => s.Milliseconds).ToArray()) : null;
    public double? MinMs => Samples.Count > 0 ? Samples.Min(s => s.Milliseconds) : null;
    public double? MaxMs => Samples.Count > 0 ? Samples.Max(s => s.Milliseconds) : null;
    public long? MedianAllocatedBytes => BenchmarkStatistics.Median(Samples.Select(s => s.AllocatedBytes).ToArray());
    /// <summary>Instructions executed per run. Programs are deterministic, so every run reports the same count.</summary>
    public long? Instructions => BenchmarkStatistics.Median(Samples.Select(s => s.Instructions).ToArray());
}

/// <summary>One program's results on every tier of the run, in the run's tier order (the Lua baseline last).</summary>
public sealed record ProgramMeasurement(string Program, string Size, IReadOnlyList<TierMeasurement> Tiers)
{
    public TierMeasurement? Find(string tier) => Tiers.FirstOrDefault(t => t.Tier == tier);

    /// <summary>Speedup of <paramref name="tier"/> over <paramref name="reference"/> on this program, from the
    /// medians of the same run; null if either failed or is absent.</summary>
    public double? Speedup(string tier, string reference) =>
        Find(tier) is { Succeeded: true, MedianMs: { } measured } && Find(reference) is { Succeeded: true, MedianMs: { } baseline }
            ? BenchmarkStatistics.Speedup(baseline, measured)
            : null;
}
