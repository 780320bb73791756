using Veld.Runtime;

namespace Veld.Differential;

/// <summary>One tier's totals over the programs every selected tier ran to success. Null is "n/a": the
/// tier does not report that figure (on at least one of the programs).</summary>
public sealed record TierFigure(string Tier, long? CodeBytes, long? Instructions)
{
    /// <summary>Code bytes as a fraction of the baseline tier's (1.0 = the same), or null when either is n/a or the baseline's is 0.</summary>
    public double? CodeBytesRatio { get; init; }
    /// <summary>Instructions executed as a fraction of the baseline tier's.</summary>
    public double? InstructionsRatio { get; init; }
}

/// <summary>The figures table of <c>veld diff --stats</c>.</summary>
/// <param name="Programs">How many programs ran to success on every selected tier (the ones summed).</param>
/// <param name="Baseline">The tier the ratios are relative to (the registry's <see cref="TierRegistry.Baseline"/>), or null when it was not selected.</param>
public sealed record TierFiguresTable(int Programs, string? Baseline, IReadOnlyList<TierFigure> Tiers);

/// <summary>
/// Deterministic size and work figures per tier: total code bytes and total VM instructions executed,
/// summed over the programs that ran to success on EVERY selected tier, so the sums of different tiers
/// cover the same programs and can be compared. When the baseline (the legacy stack VM) is among the tiers, every tier's
/// totals are also given as a ratio to it: the migration's question is how the register VM and the JIT
/// compare with the machine they replace. Timings are deliberately absent: they vary from run to run.
/// </summary>
public static class TierFigures
{
    public static TierFiguresTable Compute(DiffReport report, string? baseline) =>
        Compute(report.Tiers, report.Programs.Select(p => (IReadOnlyList<RunOutcome>)p.Runs.Select(r => r.Outcome).ToList()), baseline);

    /// <param name="tiers">The selected tiers, in order.</param>
    /// <param name="programs">Per program, its outcome on each tier (matched by <see cref="RunOutcome.Tier"/>).</param>
    /// <param name="baseline">The tier the ratios are relative to; no ratios when it is null or not among <paramref name="tiers"/>.</param>
    public static TierFiguresTable Compute(IReadOnlyList<string> tiers, IEnumerable<IReadOnlyList<RunOutcome>> programs, string? baseline)
    {
        var comparable = programs
            .Where(outcomes => tiers.All(t => outcomes.Any(o => o.Tier == t && o.Kind == OutcomeKind.Success)))
            .ToList();
        var figures = tiers.Select(tier =>
        {
            var metrics = comparable.Select(outcomes => outcomes.First(o => o.Tier == tier && o.Kind == OutcomeKind.Success).Metrics).ToList();
            return new TierFigure(tier, Sum(metrics, m => m.CodeBytes), Sum(metrics, m => m.Instructions));
        }).ToList();

        var reference = figures.FirstOrDefault(f => f.Tier == baseline);
        if (reference is not null)
            figures = figures.Select(f => f with
            {
                CodeBytesRatio = Ratio(f.CodeBytes, reference.CodeBytes),
                InstructionsRatio = Ratio(f.Instructions, reference.Instructions),
            }).ToList();
        return new TierFiguresTable(comparable.Count, reference?.Tier, figures);
    }

    /// <summary>The total, or null if any program lacks the figure (a partial sum would not be comparable)
    /// or there are no programs.</summary>
    private static long? Sum(List<RunMetrics> metrics, Func<RunMetrics, long?> figure)
    {
        if (metrics.Count == 0) return null;
        long total = 0;
        foreach (var m in metrics)
        {
            if (figure(m) is not { } value) return null;
            total += value;
        }
        return total;
    }

    private static double? Ratio(long? value, long? baseline) =>
        value is { } v && baseline is { } b && b != 0 ? (double)v / b : null;
}
