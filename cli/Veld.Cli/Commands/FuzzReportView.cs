using System.Globalization;
using Spectre.Console;
using Veld.Fuzzing;
using Veld.Fuzzing.Generation;

namespace Veld.Cli.Commands;

/// <summary>The console views of a <see cref="FuzzReport"/>: the summary, the list of findings, and with
/// <c>--stats</c> the feature coverage table (a feature no program used is a hole in the fuzzing).</summary>
public static class FuzzReportView
{
    public static void WriteSummary(CliConsole console, FuzzReport report, FuzzOptions options)
    {
        var ansi = console.CreateAnsiConsole();
        bool styled = console.Interactive;
        var s = report.Statistics;
        var table = new Table().Border(styled ? TableBorder.Rounded : TableBorder.Ascii).AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.HideHeaders();
        table.AddRow("programs", s.Programs.ToString(CultureInfo.InvariantCulture));
        table.AddRow("programs per second", report.ProgramsPerSecond.ToString("0.0", CultureInfo.InvariantCulture));
        table.AddRow("disagreements", Count(s.Disagreements, styled));
        table.AddRow("crashes", Count(s.Crashes, styled));
        table.AddRow("rejected by the front end", Count(s.CompileErrors, styled));
        table.AddRow("inconclusive", s.Inconclusive.ToString(CultureInfo.InvariantCulture));
        table.AddRow("generation ms / program", PerProgram(s.GenerationMilliseconds, s.Programs));
        foreach (var tier in options.Tiers)
            table.AddRow($"{tier.Name} ms / program", PerProgram(s.TierMilliseconds.GetValueOrDefault(tier.Name), s.Programs));
        ansi.Write(table);

        foreach (var f in report.Findings)
        {
            console.Out.Write($"{f.Kind.ToString().ToLowerInvariant()}: program {f.Index}: {f.Summary}\n");
            if (f.Path is not null) console.Out.Write($"  saved   {f.Path}\n");
            if (f.ReducedPath is not null) console.Out.Write($"  reduced {f.ReducedPath} ({f.Reduction!.Summary})\n");
        }
        var verdict = report.Findings.Count == 0
            ? $"no disagreement in {Plural.Of(s.Programs, "program")} (seed {options.Seed})"
            : $"{Plural.Of(report.Findings.Count, "finding")} in {Plural.Of(s.Programs, "program")} (seed {options.Seed})";
        console.Out.Write(verdict + "\n");
    }

    /// <summary>How many programs used each feature, and how the oracle's runs ended.</summary>
    public static void WriteStatistics(CliConsole console, FuzzReport report)
    {
        var ansi = console.CreateAnsiConsole();
        bool styled = console.Interactive;
        var s = report.Statistics;
        var features = new Table().Border(styled ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("feature").AddColumn(new TableColumn("programs").RightAligned()).AddColumn(new TableColumn("%").RightAligned());
        var names = Features.All.Concat(s.Features.Keys.Where(k => !Features.All.Contains(k)).Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            long n = s.Features.GetValueOrDefault(name);
            var label = styled && n == 0 ? $"[red]{Markup.Escape(name)}[/]" : Markup.Escape(name);
            features.AddRow(label, n.ToString(CultureInfo.InvariantCulture), Percent(n, s.Programs));
        }
        ansi.Write(features);

        var outcomes = new Table().Border(styled ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("oracle outcome").AddColumn(new TableColumn("programs").RightAligned()).AddColumn(new TableColumn("%").RightAligned());
        foreach (var (outcome, n) in s.OracleOutcomes.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            outcomes.AddRow(Markup.Escape(outcome), n.ToString(CultureInfo.InvariantCulture), Percent(n, s.Programs));
        ansi.Write(outcomes);
    }

    private static string Count(long n, bool styled) =>
        styled && n > 0 ? $"[red]{n}[/]" : n.ToString(CultureInfo.InvariantCulture);

    private static string Percent(long n, long total) =>
        total == 0 ? "-" : (100.0 * n / total).ToString("0.0", CultureInfo.InvariantCulture);

    private static string PerProgram(double ms, long programs) =>
        programs == 0 ? "-" : (ms / programs).ToString("0.00", CultureInfo.InvariantCulture);
}
