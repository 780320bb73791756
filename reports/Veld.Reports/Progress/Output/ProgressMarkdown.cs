namespace Veld.Reports.Progress;

/// <summary>The report as GitHub-flavoured Markdown, fit for a CI job summary or a pull-request comment.</summary>
public static class ProgressMarkdown
{
    public static void Write(TextWriter w, ProgressReport report)
    {
        w.WriteLine($"## {report.Title}: {ProgressText.Percent(report.Overall)} complete");
        w.WriteLine();
        w.WriteLine($"Run: {ProgressText.Run(report.Run)}. Evidence given: {(report.Sources.Count == 0 ? "none" : string.Join(", ", report.Sources))}. " +
                    "Nothing is ticked by hand: every state follows from that evidence, and an item whose evidence was not given is *unknown*, never done.");
        w.WriteLine();

        Table(w, "| Phase | Complete | Done | Partial | Not started | Regressed | Unknown |", "|---|---:|---:|---:|---:|---:|---:|", report.Phases, phase =>
        {
            int Count(ItemState s) => phase.Items.Count(i => i.State == s);
            return $"| {phase.Title} | {ProgressText.Percent(phase.Percent)} | {Count(ItemState.Done)} | {Count(ItemState.Partial)} | {Count(ItemState.NotStarted)} | {Count(ItemState.Regressed)} | {Count(ItemState.Unknown)} |";
        });

        if (report.Changes is { } changes) WriteChanges(w, changes);

        w.WriteLine("### Performance targets");
        w.WriteLine();
        Table(w, "| Target | Tier vs baseline | Target | Measured | Status | Measured over |", "|---|---|---:|---:|---|---|", report.Targets, t =>
            $"| {Cell(t.Title)} | {t.Tier} vs {t.Baseline} | {t.Bound} | {ProgressText.Measured(t)} | {ProgressText.Status(t)} | {Cell(t.Note)} |");

        w.WriteLine("### Checklist");
        w.WriteLine();
        foreach (var phase in report.Phases)
        {
            w.WriteLine($"#### {phase.Title} — {ProgressText.Percent(phase.Percent)}");
            w.WriteLine();
            Table(w, "| | Item | State | Evidence |", "|---|---|---|---|", phase.Items, item =>
                $"| {ProgressText.Icon(item.State)} | {Cell(item.Title)} | {ProgressText.State(item)} | {Cell(ProgressText.Evidence(item))} |");
        }

        w.WriteLine("### Risks");
        w.WriteLine();
        Table(w, "| Risk | Status | Mitigation | Evidence |", "|---|---|---|---|", report.Risks, r =>
            $"| {Cell(r.Title)} | {r.Status} | {Cell(r.Mitigation)} | {Cell(string.Join("; ", r.Evidence.Select(e => $"{e.Title}: {e.State}")))} |");

        if (report.History.Count > 1)
        {
            w.WriteLine($"### Trend over the last {Math.Min(report.History.Count, MaxTrendRows)} recorded runs");
            w.WriteLine();
            Table(w, "| Run | Commit | Branch | Overall |", "|---:|---|---|---:|", report.History.TakeLast(MaxTrendRows), run =>
                $"| {run.Id} | {ProgressText.Short(run.Key.Commit)} | {Cell(run.Key.Branch)} | {ProgressText.Percent(run.Overall)} |");
        }
    }

    private const int MaxTrendRows = 10;

    private static void WriteChanges(TextWriter w, ChangeSet changes)
    {
        w.WriteLine($"### Since {ProgressText.Run(changes.Against)}");
        w.WriteLine();
        w.WriteLine($"- Newly done: {List(changes.NewlyDone)}");
        w.WriteLine($"- Regressed: {List(changes.Regressed)}");
        w.WriteLine($"- Targets crossed: {List(changes.TargetsCrossed)}");
        w.WriteLine();
    }

    /// <summary>A table: its header row, the rule that sets each column's alignment, a row per item, then a blank line.</summary>
    private static void Table<T>(TextWriter w, string header, string rule, IEnumerable<T> items, Func<T, string> row)
    {
        w.WriteLine(header);
        w.WriteLine(rule);
        foreach (var item in items) w.WriteLine(row(item));
        w.WriteLine();
    }

    private static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids.Select(i => $"`{i}`"));

    /// <summary>A table cell: pipes escaped, no line breaks.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|").ReplaceLineEndings(" ");
}
