using Veld.Fuzzing.Reduction;
using Veld.Runtime;

using Veld.Differential;

namespace Veld.Fuzzing;

/// <summary>One fuzzing run: which programs, on which tiers, with which limits, and where findings go.</summary>
public sealed record FuzzOptions
{
    /// <summary>Run seed: program i is generated from (seed, i) alone, so any program can be regenerated.</summary>
    public ulong Seed { get; init; }
    /// <summary>Programs StartIndex..StartIndex+Count-1 (of which this shard runs its share); null runs until
    /// <see cref="TimeBudget"/> or cancellation.</summary>
    public long? Count { get; init; }
    /// <summary>Index of the first program (with Count 1, exactly one program is rerun).</summary>
    public long StartIndex { get; init; }
    public TimeSpan? TimeBudget { get; init; }
    /// <summary>Generator size (top-level statements).</summary>
    public int Size { get; init; } = 30;
    /// <summary>The first tier is the oracle; every other one is compared with it.</summary>
    public required IReadOnlyList<ITier> Tiers { get; init; }
    public required OutcomeJudge Judge { get; init; }
    /// <summary>This run takes program i when i % <see cref="ShardCount"/> == <see cref="ShardIndex"/>.</summary>
    public int ShardIndex { get; init; }
    public int ShardCount { get; init; } = 1;
    /// <summary>Where findings are written (created if missing); null keeps them in memory only.</summary>
    public string? OutputDirectory { get; init; }
    /// <summary>Limits of each run; the same on every tier.</summary>
    public RunOptions RunOptions { get; init; } = new() { Fuel = 20_000_000, Timeout = TimeSpan.FromSeconds(10) };
    /// <summary>Reduce each finding and save the reduced program beside it.</summary>
    public bool Reduce { get; init; } = true;
    public ReducerOptions ReducerOptions { get; init; } = new() { MaxTests = 3_000, Timeout = TimeSpan.FromMinutes(2) };
    /// <summary>Called after every program.</summary>
    public Action<FuzzProgress>? Progress { get; init; }
    /// <summary>Called when a finding has been written (and again once its reduction is saved).</summary>
    public Action<FuzzFinding>? Finding { get; init; }
    public CancellationToken Cancellation { get; init; }
}

/// <summary>Where a run stands.</summary>
public sealed record FuzzProgress(long Programs, long Disagreements, long Inconclusive, TimeSpan Elapsed)
{
    public double ProgramsPerSecond => Elapsed.TotalSeconds > 0 ? Programs / Elapsed.TotalSeconds : 0;
}
