using Veld.Differential;

namespace Veld.Reports.Progress;

/// <summary>The figures recorded with every run for the trend charts: each tier's corpus pass rate (%),
/// its speed against the baseline (bench), and its instruction and code-size ratios (diff).</summary>
public static class TrendFigures
{
    public const string PassRate = "pass-rate";
    public const string Speed = "speed";
    public const string Instructions = "instructions";
    public const string CodeBytes = "code-bytes";

    public static string Key(string figure, string tier) => $"{figure}/{tier}";

    public static IReadOnlyDictionary<string, double> Compute(EvidenceBundle evidence, string baseline)
    {
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (evidence.Diff is { Count: > 0 } rows)
        {
            foreach (var tier in rows.GroupBy(r => r.Tier))
                figures[Key(PassRate, tier.Key)] = 100.0 * tier.Count(r => r.Passed) / tier.Count();
            var tiers = rows.Select(r => r.Tier).Distinct().ToList();
            var programs = rows.GroupBy(r => r.Program).Select(g => (IReadOnlyList<Veld.Runtime.RunOutcome>)[.. g.Select(TargetMeasurer.Outcome)]);
            foreach (var f in TierFigures.Compute(tiers, programs, baseline).Tiers)
            {
                if (f.InstructionsRatio is { } i) figures[Key(Instructions, f.Tier)] = i;
                if (f.CodeBytesRatio is { } c) figures[Key(CodeBytes, f.Tier)] = c;
            }
        }
        if (evidence.Bench is { } bench)
        {
            foreach (var tier in bench.Select(r => r.Tier).Distinct())
            {
                var speed = TargetMeasurer.Measure(new PlanTarget { Metric = TargetMetric.Speed, Tier = tier, Baseline = baseline, AtLeast = 0 }, baseline, evidence);
                if (speed.Measured is { } s) figures[Key(Speed, tier)] = s;
            }
        }
        return figures;
    }
}
