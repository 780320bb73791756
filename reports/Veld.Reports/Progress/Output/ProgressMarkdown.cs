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

        w.WriteLine("| Phase | Complete | Done | Partial | Not started | Regressed | Unknown |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in report.Phases)
        {
            int Count(ItemState s) => phase.Items.Count(i => i.State == s);
            w.WriteLine($"| {phase.Title} | {ProgressText.Percent(phase.Percent)} | {Count(ItemState.Done)} | {Count(ItemState.Partial)} | {Count(ItemState.NotStarted)} | {Count(ItemState.Regressed)} | {Count(ItemState.Unknown)} |");
        }
        w.WriteLine();

        if (report.Changes is { } changes) WriteChanges(w, changes);

        w.WriteLine("### Performance targets");
        w.WriteLine();
        w.WriteLine("| Target | Tier vs baseline | Target | Measured | Status | Measured over |");
        w.WriteLine("|---|---|---:|---:|---|---|");
        foreach (var t in report.Targets)
            w.WriteLine($"| {Cell(t.Title)} | {t.Tier} vs {t.Baseline} | {t.Bound} | {ProgressText.Measured(t)} | {ProgressText.Status(t)} | {Cell(t.Note)} |");
        w.WriteLine();

        w.WriteLine("### Checklist");
        w.WriteLine();
        foreach (var phase in report.Phases)
        {
            w.WriteLine($"#### {phase.Title} — {ProgressText.Percent(phase.Percent)}");
            w.WriteLine();
            w.WriteLine("| | Item | State | Evidence |");
            w.WriteLine("|---|---|---|---|");
            foreach (var item in phase.Items)
                w.WriteLine($"| {ProgressText.Icon(item.State)} | {Cell(item.Title)} | {ProgressText.State(item)} | {Cell(ProgressText.Evidence(item))} |");
            w.WriteLine();
        }

        w.WriteLine("### Risks");
        w.WriteLine();
        w.WriteLine("| Risk | Status | Mitigation | Evidence |");
        w.WriteLine("|---|---|---|---|");
        foreach (var r in report.Risks)
            w.WriteLine($"| {Cell(r.Title)} | {r.Status} | {Cell(r.Mitigation)} | {Cell(string.Join("; ", r.Evidence.Select(e => $"{e.Title}: {e.State}")))} |");
        w.WriteLine();

        if (report.History.Count > 1)
        {
            w.WriteLine($"### Trend over the last {Math.Min(report.History.Count, MaxTrendRows)} recorded runs");
            w.WriteLine();
            w.WriteLine("| Run | Commit | Branch | Overall |");
            w.WriteLine("|---:|---|---|---:|");
            foreach (var run in report.History.TakeLast(MaxTrendRows))
                w.WriteLine($"| {run.Id} | {ProgressText.Short(run.Key.Commit)} | {Cell(run.Key.Branch)} | {ProgressText.Percent(run.Overall)} |");
            w.WriteLine();
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

    private static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids.Select(i => $"`{i}`"));

    /// <summary>A table cell: pipes escaped, no line breaks.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|").ReplaceLineEndings(" ");
}
