using Spectre.Console;
using Veld.Differential;

namespace Veld.Cli.Commands;

/// <summary>The console views of a <see cref="DiffReport"/>: the per-tier summary table and, with
/// <c>--verbose</c>, one line per program.</summary>
public static class DiffReportView
{
    public static void WriteSummary(IAnsiConsole console, DiffReport report, bool styled)
    {
        var table = new Table().Border(styled ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("Tier")
            .AddColumn(new TableColumn("Programs").RightAligned())
            .AddColumn(new TableColumn("Passed").RightAligned())
            .AddColumn(new TableColumn("Expectation failures").RightAligned())
            .AddColumn(new TableColumn("Disagreements").RightAligned())
            .AddColumn(new TableColumn("Internal errors").RightAligned())
            .AddColumn(new TableColumn("Inconclusive").RightAligned())
            .AddColumn(new TableColumn("Unsupported").RightAligned());
        bool first = true;
        foreach (var s in report.Summaries)
        {
            table.AddRow(
                Markup.Escape(first ? $"{s.Tier} (oracle)" : s.Tier),
                s.Programs.ToString(),
                Count(s.Passed, "green", styled),
                Count(s.ExpectationFailures, "red", styled),
                Count(s.Disagreements, "red", styled),
                Count(s.InternalErrors, "red", styled),
                Count(s.Inconclusive, "yellow", styled),
                Count(s.Unsupported, "red", styled));
            first = false;
        }
        console.Write(table);

        int failed = report.Programs.Count(p => p.Failed);
        var verdict = failed == 0
            ? $"all {report.Programs.Count} programs passed on {string.Join(", ", report.Tiers)}"
            : $"{failed} of {report.Programs.Count} programs failed on {string.Join(", ", report.Tiers)}";
        console.MarkupLine(styled ? $"[{(failed == 0 ? "green" : "red")}]{Markup.Escape(verdict)}[/]" : Markup.Escape(verdict));
    }

    public static void WriteVerdicts(TextWriter output, DiffReport report)
    {
        foreach (var program in report.Programs)
        {
            var verdicts = string.Join(" ", program.Runs.Select(r => $"{r.Tier}={r.Verdict.ToString().ToLowerInvariant()}"));
            output.Write($"{(program.Failed ? "FAIL" : "ok  ")} {program.Program.Path}  {verdicts}\n");
        }
        output.Write('\n');
    }

    private static string Count(int n, string colour, bool styled) => styled && n > 0 ? $"[{colour}]{n}[/]" : n.ToString();
}
