using System.Globalization;
using Veld.Differential;
using Veld.Runtime;

namespace Veld.Reports.Progress;

/// <summary>
/// Measures a target's ratio from the evidence: speed and memory from the benchmark CSV (geometric means
/// over the programs both tiers ran), instructions and code bytes from the diff CSV (totals over the programs
/// that succeeded on every tier, as <c>veld diff --stats</c> sums them), compile time from the compile-time CSV
/// (totals of the warm medians over the programs both tiers compiled) or, without one, from the diff CSV's
/// single cold compiles, which the note says.
/// </summary>
public static class TargetMeasurer
{
    public static TargetReport Measure(PlanTarget target, string planBaseline, EvidenceBundle evidence)
    {
        var baseline = target.Baseline ?? planBaseline;
        var bound = target.AtLeast is { } least ? $"≥ {Format(least)}" : $"≤ {Format(target.AtMost!.Value)}";
        var (measured, note) = target.Metric switch
        {
            TargetMetric.Speed => FromBench(evidence, target.Tier, baseline, r => r.MedianMs, inverse: true),
            TargetMetric.Memory => FromBench(evidence, target.Tier, baseline, r => r.AllocatedBytes, inverse: false),
            TargetMetric.CompileTime when evidence.CompileTime is { } rows => FromCompileTime(rows, target.Tier, baseline),
            _ => FromDiff(evidence, target.Metric, target.Tier, baseline),
        };
        var status = measured is not { } m ? TargetStatus.Unknown
            : (target.AtLeast is { } min ? m >= min : m <= target.AtMost!.Value) ? TargetStatus.Pass : TargetStatus.Fail;
        return new TargetReport(target.Id, target.Title, target.Metric, target.Tier, baseline, bound, measured, status, note);
    }

    public static string Format(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    /// <summary>Geometric mean over programs of tier/baseline (or baseline/tier for speed, so above 1 is faster).</summary>
    private static (double?, string) FromBench(EvidenceBundle evidence, string tier, string baseline, Func<BenchmarkCsvRow, double?> figure, bool inverse)
    {
        if (evidence.Bench is not { } rows) return (null, "no benchmark results given");
        var ratios = new List<double>();
        foreach (var program in rows.GroupBy(r => (r.Program, r.Size)))
        {
            var t = program.FirstOrDefault(r => r.Tier == tier && string.IsNullOrEmpty(r.Failure));
            var b = program.FirstOrDefault(r => r.Tier == baseline && string.IsNullOrEmpty(r.Failure));
            if (t is null || b is null || figure(t) is not { } tv || figure(b) is not { } bv || tv <= 0 || bv <= 0) continue;
            ratios.Add(inverse ? bv / tv : tv / bv);
        }
        if (ratios.Count == 0)
            return (null, rows.Any(r => r.Tier == tier) ? $"no benchmark both {tier} and {baseline} ran" : $"{tier} is not in the benchmark results");
        return (Math.Exp(ratios.Average(Math.Log)), $"geometric mean over {ratios.Count} benchmark programs");
    }

    private static (double?, string) FromCompileTime(IReadOnlyList<CompileTimeCsvRow> rows, string tier, string baseline)
    {
        var (ratio, programs) = CompileTimeCsv.TotalRatio(rows, tier, baseline);
        if (ratio is null)
            return (null, rows.Any(r => r.Tier == tier) ? $"no program both {tier} and {baseline} compiled" : $"{tier} is not in the compile-time results");
        return (ratio, $"total warm compile time (veld bench --compile-time) over the {programs} programs both tiers compiled");
    }

    private static (double?, string) FromDiff(EvidenceBundle evidence, TargetMetric metric, string tier, string baseline)
    {
        if (evidence.Diff is not { } rows) return (null, "no diff results given");
        var tiers = rows.Select(r => r.Tier).Distinct().ToList();
        if (!tiers.Contains(tier)) return (null, $"{tier} is not in the diff results");
        if (!tiers.Contains(baseline)) return (null, $"{baseline} is not in the diff results");
        var programs = rows.GroupBy(r => r.Program).Select(g => (IReadOnlyList<RunOutcome>)[.. g.Select(Outcome)]).ToList();
        if (metric == TargetMetric.CompileTime) return CompileTime(programs, tiers, tier, baseline);

        var table = TierFigures.Compute(tiers, programs, baseline);
        var figure = table.Tiers.First(f => f.Tier == tier);
        var ratio = metric == TargetMetric.Instructions ? figure.InstructionsRatio : figure.CodeBytesRatio;
        return (ratio, ratio is null ? $"{tier} reports no {Name(metric)}" : $"total {Name(metric)} over the {table.Programs} programs every tier ran");
    }

    private static (double?, string) CompileTime(List<IReadOnlyList<RunOutcome>> programs, List<string> tiers, string tier, string baseline)
    {
        double t = 0, b = 0;
        int n = 0;
        foreach (var outcomes in programs.Where(o => tiers.All(name => o.Any(r => r.Tier == name && r.Kind == OutcomeKind.Success))))
        {
            t += outcomes.First(o => o.Tier == tier).Metrics.CompileMs ?? 0;
            b += outcomes.First(o => o.Tier == baseline).Metrics.CompileMs ?? 0;
            n++;
        }
        return b > 0
            ? (t / b, $"total cold compile time (one compile per program in veld diff; give --compile-time for the warm measurement) over the {n} programs every tier ran")
            : (null, $"{baseline} reports no compile time");
    }

    private static string Name(TargetMetric metric) => metric == TargetMetric.Instructions ? "instructions executed" : "code bytes";

    /// <summary>A CSV row as the outcome <see cref="TierFigures"/> sums (only kind and metrics matter).</summary>
    internal static RunOutcome Outcome(DiffCsvRow row) => new()
    {
        Tier = row.Tier,
        Kind = Enum.TryParse<OutcomeKind>(row.Outcome, out var kind) ? kind : OutcomeKind.InternalError,
        Stdout = "",
        Metrics = new RunMetrics { CodeBytes = row.CodeBytes, Instructions = row.Instructions, CompileMs = row.CompileMs },
    };
}
