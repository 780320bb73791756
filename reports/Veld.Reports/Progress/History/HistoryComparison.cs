namespace Veld.Reports.Progress;

/// <summary>
/// Compares a fresh report with a recorded run: an item done then and not done now (with evidence, not
/// merely unknown) becomes <see cref="ItemState.Regressed"/>; the change set lists items newly done,
/// items regressed and targets that crossed their bound either way.
/// </summary>
public static class HistoryComparison
{
    public static ProgressReport Apply(ProgressReport report, RunKey against,
        IReadOnlyDictionary<string, ItemState> items, IReadOnlyDictionary<string, TargetStatus> targets)
    {
        var phases = report.Phases.Select(phase =>
        {
            var compared = phase.Items.Select(item => Compare(item, items.TryGetValue(item.Id, out var before) ? before : null)).ToList();
            return phase with { Items = compared };
        }).ToList();
        var measured = report.Targets.Select(t => t with { Previous = targets.TryGetValue(t.Id, out var before) ? before : null }).ToList();
        var all = phases.SelectMany(p => p.Items).ToList();
        var changes = new ChangeSet(against,
            [.. all.Where(i => i.State == ItemState.Done && i.Previous is { } p && p != ItemState.Done).Select(i => i.Id)],
            [.. all.Where(i => i.State == ItemState.Regressed).Select(i => i.Id)],
            [.. measured.Where(t => t.Previous is { } p && p != t.Status && t.Status != TargetStatus.Unknown && p != TargetStatus.Unknown)
                .Select(t => $"{t.Id}: {t.Previous!.Value.ToString().ToLowerInvariant()} → {t.Status.ToString().ToLowerInvariant()}")]);
        return report with { Phases = phases, Targets = measured, Changes = changes };
    }

    private static ItemReport Compare(ItemReport item, ItemState? before)
    {
        var compared = item with { Previous = before };
        bool fellBack = before is ItemState.Done or ItemState.Regressed
                        && item.State is ItemState.Partial or ItemState.NotStarted;
        // Still failing since an earlier regression stays regressed until it is done again.
        return fellBack ? compared with { State = ItemState.Regressed } : compared;
    }
}
