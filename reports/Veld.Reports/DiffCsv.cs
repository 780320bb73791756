using System.Globalization;
using CsvHelper;
using Veld.Runtime;

using Veld.Differential;

namespace Veld.Reports;

/// <summary>One row of <c>veld diff --csv</c>: one program on one tier, with its verdict and metrics.
/// Empty cells are figures the tier does not report (a tree-walker has no code bytes).</summary>
[CsvRecord]
public sealed partial class DiffCsvRow
{
    [CsvColumn("program")] public string Program { get; set; } = "";
    [CsvColumn("tier")] public string Tier { get; set; } = "";
    /// <summary><see cref="OutcomeKind"/> name: Success, CompileError, RuntimeError, LimitExceeded, Unsupported, InternalError.</summary>
    [CsvColumn("outcome")] public string Outcome { get; set; } = "";
    /// <summary>The error's kind (DivisionByZero, Compile, ...), empty after a success.</summary>
    [CsvColumn("errorKind")] public string? ErrorKind { get; set; }
    [CsvColumn("errorLine")] public int? ErrorLine { get; set; }
    [CsvColumn("passed")] public bool Passed { get; set; }
    [CsvColumn("disagreesWithOracle")] public bool DisagreesWithOracle { get; set; }
    [CsvColumn("compileMs")] public double? CompileMs { get; set; }
    [CsvColumn("runMs")] public double RunMs { get; set; }
    [CsvColumn("codeBytes")] public long? CodeBytes { get; set; }
    [CsvColumn("instructions")] public long? Instructions { get; set; }
    [CsvColumn("allocatedBytes")] public long? AllocatedBytes { get; set; }
}

/// <summary>A <see cref="DiffReport"/> as CSV (through CsvHelper, invariant culture): one row per program
/// × tier, programs in path order and tiers in selection order, for spreadsheets and scripts.</summary>
public static class DiffCsv
{
    /// <summary>RFC 4180 quoting with Unix line ends, numbers in the invariant culture.</summary>
    public static readonly CsvWriterOptions Options = new() { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };

    public static IEnumerable<DiffCsvRow> Rows(DiffReport report) =>
        from program in report.Programs
        from run in program.Runs
        select new DiffCsvRow
        {
            Program = program.Program.Path,
            Tier = run.Tier,
            Outcome = run.Outcome.Kind.ToString(),
            ErrorKind = run.Outcome.Error?.Kind,
            ErrorLine = run.Outcome.Error is { Line: > 0 } error ? error.Line : null,
            Passed = run.Verdict == TierVerdict.Passed,
            DisagreesWithOracle = run.Disagrees,
            CompileMs = Round(run.Outcome.Metrics.CompileMs),
            RunMs = Round(run.Outcome.Metrics.RunMs) ?? 0,
            CodeBytes = run.Outcome.Metrics.CodeBytes,
            Instructions = run.Outcome.Metrics.Instructions,
            AllocatedBytes = run.Outcome.Metrics.AllocatedBytes,
        };

    public static void Write(TextWriter output, DiffReport report)
    {
        using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        csv.WriteRecords(Rows(report));
        csv.Flush();
    }

    /// <summary>Write the report to <paramref name="path"/>, creating its directory.</summary>
    public static void Write(string path, DiffReport report) => AtomicFile.WriteText(path, writer => Write(writer, report));

    /// <summary>Microseconds are plenty and keep the file readable.</summary>
    private static double? Round(double? ms) => ms is { } v ? Math.Round(v, 3) : null;
}
