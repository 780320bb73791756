using Veld.Bench;

namespace Veld.Reports;

/// <summary>
/// The report as GitHub Markdown: how and where it was measured, one row per program and tier, the
/// geometric-mean speedups, then failures and notes. Everything needed to judge the numbers is in it.
/// </summary>
public static class MarkdownReportWriter
{
    public static void Write(TextWriter w, BenchmarkReport report)
    {
        var references = report.References;
        var env = report.Environment;
        w.WriteLine("## Veld benchmarks");
        w.WriteLine();
        w.WriteLine($"- **Machine:** {env.Os}; {env.Cpu}, {env.Cores} cores; {env.Runtime}, {env.Gc} GC; measured {env.When:yyyy-MM-dd HH:mm} UTC.");
        w.WriteLine($"- **Method:** {ReportFormat.Plural(report.Warmup, "warm-up run")} + {ReportFormat.Plural(report.Iterations, "measured run")} of each program on each tier, " +
                    (report.Isolation == BenchmarkIsolation.WorkerProcess
                        ? "each program on each tier in a fresh worker process. "
                        : "all in one process. ") +
                    "The tiers take turns within every round (round-robin), so drift affects them alike; " +
                    "each program is compiled once per tier, and the heap is collected before every run. Times are medians of the measured runs.");
        w.WriteLine("- **Measured:** for a Veld tier, the run of the already compiled program (front end and tier compile excluded)." +
                    (report.LuaVersion is { } version
                        ? $" For lua, the wall time of the whole `lua5.4 FILE SIZE` process from start to exit, start-up included " +
                          $"(an empty script takes {ReportFormat.Milliseconds(report.LuaStartupMs ?? double.NaN)} ms); {version}."
                        : ""));
        if (references.Count > 0)
            w.WriteLine($"- **Ratios:** a `× REF` column ({string.Join(", ", references.Select(r => $"`× {r}`"))}) is REF's median time divided by the tier's: " +
                        "how many times as fast as REF the tier is (above 1 is faster). Allocated is the median of the bytes a run allocated; " +
                        "instructions are the VM instructions a run executed.");
        w.WriteLine();

        WriteTableHead(w, "| Program | Size | Tier | Median ms | Min–max ms | Allocated | Instructions |", "|---|---:|---|---:|---:|---:|---:|", references);
        foreach (var program in report.Programs)
        {
            foreach (var t in program.Tiers)
            {
                w.Write($"| {program.Program} | {program.Size} | {t.Tier} |");
                if (t.Succeeded)
                {
                    w.Write($" {ReportFormat.Milliseconds(t.MedianMs!.Value)} | {ReportFormat.Milliseconds(t.MinMs!.Value)}–{ReportFormat.Milliseconds(t.MaxMs!.Value)} |");
                    w.Write($" {ReportFormat.Bytes(t.MedianAllocatedBytes)} | {ReportFormat.Count(t.Instructions)} |");
                }
                else w.Write(" FAILED | | | |");
                foreach (var r in references) w.Write($" {ReportFormat.Ratio(program.Speedup(t.Tier, r))} |");
                w.WriteLine();
            }
        }
        w.WriteLine();

        if (references.Count > 0)
        {
            w.WriteLine("### Geometric mean of the speedups over all programs");
            w.WriteLine();
            WriteTableHead(w, "| Tier |", "|---|", references);
            foreach (var tier in report.Tiers)
            {
                w.Write($"| {tier} |");
                foreach (var r in references) w.Write($" {Summary(report.GeometricMeanSpeedup(tier, r))} |");
                w.WriteLine();
            }
            w.WriteLine();
            foreach (var sentence in Readings(report)) w.WriteLine($"- {sentence}");
            w.WriteLine();
        }

        var failures = report.Programs.SelectMany(p => p.Tiers.Where(t => t.Failure is not null).Select(t => (p.Program, t.Tier, t.Failure))).ToList();
        if (failures.Count > 0)
        {
            w.WriteLine("### Failures (not timed)");
            w.WriteLine();
            foreach (var (program, tier, failure) in failures) w.WriteLine($"- **{program}** on **{tier}**: {failure}");
            w.WriteLine();
        }
        if (report.Notes.Count > 0)
        {
            w.WriteLine("### Notes");
            w.WriteLine();
            foreach (var note in report.Notes) w.WriteLine($"- {note}");
            w.WriteLine();
        }
    }

    /// <summary>The summary in words, once per pair of a tier and a reference: "register is 2.10× as fast as stack".</summary>
    public static IEnumerable<string> Readings(BenchmarkReport report)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var tier in report.Tiers)
        {
            foreach (var reference in report.References)
            {
                if (tier == reference || !seen.Add((tier, reference)) || !seen.Add((reference, tier))) continue;
                if (report.GeometricMeanSpeedup(tier, reference) is not { } s) continue;
                var over = s.Programs == s.OutOf ? $"all {s.Programs} programs" : $"{s.Programs} of {s.OutOf} programs";
                yield return s.GeometricMean >= 1
                    ? $"{tier} is {s.GeometricMean.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}× as fast as {reference} (geometric mean over {over})."
                    : $"{reference} is {(1 / s.GeometricMean).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}× as fast as {tier} (geometric mean over {over}).";
            }
        }
    }

    private static string Summary(SpeedupSummary? s) => s is null ? "–"
        : s.Programs == s.OutOf ? ReportFormat.Ratio(s.GeometricMean)
        : $"{ReportFormat.Ratio(s.GeometricMean)} ({s.Programs}/{s.OutOf})";

    /// <summary>A table's header and alignment rows, followed by one right-aligned <c>× REF</c> column per reference tier.</summary>
    private static void WriteTableHead(TextWriter w, string header, string alignment, IEnumerable<string> references)
    {
        w.Write(header);
        foreach (var r in references) w.Write($" × {r} |");
        w.WriteLine();
        w.Write(alignment);
        foreach (var _ in references) w.Write("---:|");
        w.WriteLine();
    }

}
