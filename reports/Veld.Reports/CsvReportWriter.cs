using System.Globalization;
using CsvHelper;

using Veld.Bench;

namespace Veld.Reports;

/// <summary>One row of the CSV report: one program on one tier. Times in milliseconds; speedups are the
/// reference's median over this tier's (empty where either failed or the reference was not run).</summary>
[CsvRecord]
public sealed partial record BenchmarkCsvRow
{
    public required string Program { get; init; }
    public required string Size { get; init; }
    public required string Tier { get; init; }
    public required int Runs { get; init; }
    public double? MedianMs { get; init; }
    public double? MinMs { get; init; }
    public double? MaxMs { get; init; }
    public long? AllocatedBytes { get; init; }
    public long? Instructions { get; init; }
    public double? SpeedupVsStack { get; init; }
    public double? SpeedupVsTree { get; init; }
    public double? SpeedupVsLua { get; init; }
    /// <summary>Every measured time, space-separated, in run order, for anyone who wants other statistics.</summary>
    public required string SamplesMs { get; init; }
    public string? Failure { get; init; }
}

/// <summary>The report as CSV through CsvHelper: one row per program × tier.</summary>
public static class CsvReportWriter
{
    public static IEnumerable<BenchmarkCsvRow> Rows(BenchmarkReport report) =>
        from program in report.Programs
        from t in program.Tiers
        select new BenchmarkCsvRow
        {
            Program = program.Program,
            Size = program.Size,
            Tier = t.Tier,
            Runs = t.Samples.Count,
            MedianMs = t.MedianMs,
            MinMs = t.MinMs,
            MaxMs = t.MaxMs,
            AllocatedBytes = t.MedianAllocatedBytes,
            Instructions = t.Instructions,
            SpeedupVsStack = program.Speedup(t.Tier, BenchmarkReport.StackTier),
            SpeedupVsTree = program.Speedup(t.Tier, BenchmarkReport.TreeTier),
            SpeedupVsLua = program.Speedup(t.Tier, LuaBaseline.TierName),
            SamplesMs = string.Join(' ', t.Samples.Select(s => s.Milliseconds.ToString("R", CultureInfo.InvariantCulture))),
            Failure = t.Failure,
        };

    public static void Write(TextWriter writer, BenchmarkReport report)
    {
        // RFC 4180 quoting, invariant numbers; "\n" line ends like every other file the tools write.
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecords(Rows(report));
    }
}
