using Veld.Bench;

namespace Veld.Reports;

/// <summary>
/// <c>veld bench --compile-time</c> as Markdown: how it was measured, each tier's total and its ratios to the
/// first tier named, then the programs where the ratio to the first tier is largest (where to look first).
/// </summary>
public static class CompileTimeReportWriter
{
    /// <summary>How many programs the "largest ratio" table lists.</summary>
    public const int WorstProgramsShown = 10;

    public static void Write(TextWriter w, CompileTimeReport report)
    {
        var common = report.Common;
        w.WriteLine("## Veld compile time");
        w.WriteLine();
        w.WriteLine($"- **Method:** the front end once per program, then {ReportFormat.Plural(report.Warmup, "warm-up round")} and {ReportFormat.Plural(report.Iterations, "measured round")}; " +
                    "in every round each tier compiles each program in turn (the tiers' order rotates from round to round), all in one process. " +
                    "Times are per-program medians of the measured rounds.");
        w.WriteLine("- **Measured:** the tier's whole compile step (for the register tier: compiler and bytecode verifier, plus the register-allocation checker with `--check-registers`).");
        w.WriteLine($"- **Programs:** {common.Count} compiled by every tier" +
                    (report.FrontEndFailures.Count > 0 ? $"; {report.FrontEndFailures.Count} left out because the front end rejects them (error programs)" : "") +
                    (report.Programs.Count > common.Count ? $"; {report.Programs.Count - common.Count} left out because a tier's compiler failed" : "") + ".");
        w.WriteLine();
        if (common.Count == 0)
        {
            w.WriteLine("No program was compiled by every tier.");
            return;
        }

        var reference = report.Tiers[0];
        w.WriteLine($"| Tier | Total ms | × {reference} (totals) | × {reference} (geometric mean per program) | × {reference} (median per program) | Allocated |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (int t = 0; t < report.Tiers.Count; t++)
        {
            var ratio = report.Ratio(t, 0);
            w.WriteLine($"| {report.Tiers[t]} | {ReportFormat.Milliseconds(report.TotalMs(t))} | {ReportFormat.Ratio(ratio?.OfTotals)} | " +
                        $"{ReportFormat.Ratio(ratio?.GeometricMean)} | {ReportFormat.Ratio(ratio?.Median)} | {ReportFormat.Bytes(report.TotalAllocatedBytes(t))} |");
        }
        w.WriteLine();
        w.WriteLine($"Above 1× a tier takes longer to compile than {reference}. Allocated: the bytes one compile of every program allocates, summed.");

        if (report.Tiers.Count < 2) return;
        w.WriteLine();
        w.WriteLine($"### The {Math.Min(WorstProgramsShown, common.Count)} programs with the largest {report.Tiers[1]} / {reference} ratio");
        w.WriteLine();
        w.WriteLine("| Program | " + string.Join(" | ", report.Tiers.Select(t => $"{t} ms")) + $" | {report.Tiers[1]} / {reference} |");
        w.WriteLine("|---|" + string.Concat(report.Tiers.Select(_ => "---:|")) + "---:|");
        foreach (var p in common.OrderByDescending(p => p.MedianMs[1]!.Value / p.MedianMs[0]!.Value).Take(WorstProgramsShown))
            w.WriteLine($"| {p.Path} | " + string.Join(" | ", p.MedianMs.Select(m => ReportFormat.Milliseconds(m!.Value))) +
                        $" | {ReportFormat.Ratio(p.MedianMs[1]!.Value / p.MedianMs[0]!.Value)} |");

        var failed = report.Programs.Where(p => p.Failures.Any(f => f is not null)).ToList();
        if (failed.Count == 0) return;
        w.WriteLine();
        w.WriteLine("### Compiler failures");
        w.WriteLine();
        foreach (var p in failed)
            for (int t = 0; t < report.Tiers.Count; t++)
                if (p.Failures[t] is { } why) w.WriteLine($"- {p.Path} on {report.Tiers[t]}: {why}");
    }
}
