using CsvHelper;

using Veld.Bench;

namespace Veld.Reports;

/// <summary>One row of <c>veld bench --compile-time --csv</c>: one program compiled by one tier. The median is in
/// milliseconds and empty where the tier's compiler failed (with the reason in <see cref="Failure"/>).</summary>
[CsvRecord]
public sealed partial record CompileTimeCsvRow
{
    public required string Program { get; init; }
    public required string Tier { get; init; }
    public double? MedianMs { get; init; }
    public required long AllocatedBytes { get; init; }
    public string? Failure { get; init; }
}

/// <summary>The compile-time measurement as CSV through CsvHelper, the evidence <c>veld report --compile-time</c> reads.</summary>
public static class CompileTimeCsv
{
    public static IEnumerable<CompileTimeCsvRow> Rows(CompileTimeReport report) =>
        from program in report.Programs
        from t in Enumerable.Range(0, report.Tiers.Count)
        select new CompileTimeCsvRow
        {
            Program = program.Path,
            Tier = report.Tiers[t],
            MedianMs = program.MedianMs[t] is { } ms ? Math.Round(ms, 6) : null,
            AllocatedBytes = program.AllocatedBytes[t],
            Failure = program.Failures[t],
        };

    public static void Write(TextWriter writer, CompileTimeReport report)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecords(Rows(report));
    }

    /// <summary>Total compile time of <paramref name="tier"/> over <paramref name="baseline"/>'s, over the programs
    /// both compiled; null when there is none or the baseline's total is zero.</summary>
    public static (double? Ratio, int Programs) TotalRatio(IEnumerable<CompileTimeCsvRow> rows, string tier, string baseline)
    {
        double t = 0, b = 0;
        int n = 0;
        foreach (var program in rows.GroupBy(r => r.Program))
        {
            if (program.FirstOrDefault(r => r.Tier == tier)?.MedianMs is not { } tierMs) continue;
            if (program.FirstOrDefault(r => r.Tier == baseline)?.MedianMs is not { } baselineMs) continue;
            t += tierMs;
            b += baselineMs;
            n++;
        }
        return (b > 0 ? t / b : null, n);
    }
}
