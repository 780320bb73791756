using System.Globalization;
using Spectre.Console;
using Veld.Differential;

namespace Veld.Cli.Commands;

/// <summary>The console views of a <see cref="DiffReport"/>: the per-tier summary table and, with
/// <c>--verbose</c>, one line per program.</summary>
public static class DiffReportView
{
    /// <summary>One column per tier (oracle first) and one row per count, so that the table stays narrow
    /// enough for an 80-column terminal however many tiers there are.</summary>
    public static void WriteSummary(IAnsiConsole console, DiffReport report, bool styled)
    {
        var summaries = report.Summaries;
        var table = new Table().Border(styled ? TableBorder.Rounded : TableBorder.Ascii).AddColumn("");
        for (int i = 0; i < summaries.Count; i++)
            table.AddColumn(new TableColumn(Markup.Escape(i == 0 ? $"{summaries[i].Tier} (oracle)" : summaries[i].Tier)).RightAligned());

        void Row(string label, Func<TierSummary, int> count, string? colour) =>
            table.AddRow([label, .. summaries.Select(s => Count(count(s), colour, styled))]);
        Row("programs", s => s.Programs, null);
        Row("passed", s => s.Passed, "green");
        Row("expectation failures", s => s.ExpectationFailures, "red");
        Row("disagreements", s => s.Disagreements, "red");
        Row("internal errors", s => s.InternalErrors, "red");
        Row("inconclusive", s => s.Inconclusive, "yellow");
        Row("unsupported", s => s.Unsupported, "red");
        console.Write(table);

        int failed = report.Programs.Count(p => p.Failed);
        var verdict = failed == 0
            ? $"{(report.Programs.Count == 1 ? "the 1 program" : $"all {report.Programs.Count} programs")} passed on {string.Join(", ", report.Tiers)}"
            : $"{failed} of {Plural.Of(report.Programs.Count, "program")} failed on {string.Join(", ", report.Tiers)}";
        console.MarkupLine(styled ? $"[{(failed == 0 ? "green" : "red")}]{Markup.Escape(verdict)}[/]" : Markup.Escape(verdict));
    }

    /// <summary>The <c>--stats</c> table: one column per tier, code bytes and instructions summed over the
    /// programs every tier ran to success, and each tier's share of the stack VM's when it was selected.</summary>
    public static void WriteFigures(IAnsiConsole console, TierFiguresTable figures, bool styled)
    {
        var table = new Table().Border(styled ? TableBorder.Rounded : TableBorder.Ascii).AddColumn("");
        foreach (var tier in figures.Tiers) table.AddColumn(new TableColumn(Markup.Escape(tier.Tier)).RightAligned());
        void Row(string label, Func<TierFigure, string> cell) => table.AddRow([label, .. figures.Tiers.Select(cell)]);
        Row("code bytes", f => Figure(f.CodeBytes));
        Row("instructions", f => Figure(f.Instructions));
        if (figures.Baseline is { } baseline)
        {
            Row($"code bytes vs {baseline}", f => f.Tier == baseline ? "baseline" : Percent(f.CodeBytesRatio));
            Row($"instructions vs {baseline}", f => f.Tier == baseline ? "baseline" : Percent(f.InstructionsRatio));
        }
        console.WriteLine($"figures over the {Plural.Of(figures.Programs, "program")} that succeeded on every tier:");
        console.Write(table);
    }

    private static string Figure(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a";
    private static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static void WriteVerdicts(TextWriter output, DiffReport report)
    {
        foreach (var program in report.Programs)
        {
            var verdicts = string.Join(" ", program.Runs.Select(r => $"{r.Tier}={r.Verdict.ToString().ToLowerInvariant()}"));
            output.Write($"{(program.Failed ? "FAIL" : "ok  ")} {program.Program.Path}  {verdicts}\n");
        }
        output.Write('\n');
    }

    private static string Count(int n, string? colour, bool styled) => styled && colour is not null && n > 0 ? $"[{colour}]{n}[/]" : n.ToString();
}
