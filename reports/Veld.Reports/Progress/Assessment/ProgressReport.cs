namespace Veld.Reports.Progress;

/// <summary>The result of one piece of evidence: <see cref="Met"/> of <see cref="Of"/> when it counts
/// things, and what is missing (the first few programs, tests or opcodes) when it is not done.</summary>
public sealed record EvidenceResult(string Description, ItemState State, int? Met = null, int? Of = null)
{
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>How much of it holds, 0..1; unknown counts as nothing.</summary>
    public double Fraction => State switch
    {
        ItemState.Done or ItemState.NotApplicable => 1,
        ItemState.Partial when Met is { } met && Of is { } of && of > 0 => (double)met / of,
        _ => 0,
    };
}

public sealed record ItemReport(string Id, string Phase, string Title, ItemState State, double Fraction, IReadOnlyList<EvidenceResult> Evidence)
{
    /// <summary>The state in the run this one is compared with, when there is one.</summary>
    public ItemState? Previous { get; init; }
}

/// <summary>A phase; <see cref="Percent"/> is the mean completion of its applicable items (null when none applies).</summary>
public sealed record PhaseReport(string Id, string Title, double? Percent, IReadOnlyList<ItemReport> Items);

public enum TargetStatus { Pass, Fail, Unknown }

/// <summary>A target with its measurement; <see cref="Note"/> says what was measured over, or why nothing was.</summary>
public sealed record TargetReport(string Id, string Title, TargetMetric Metric, string Tier, string Baseline, string Bound,
    double? Measured, TargetStatus Status, string Note)
{
    public TargetStatus? Previous { get; init; }
}

/// <summary>A risk, with the state of each item or target that bears on it.</summary>
public sealed record RiskReport(string Id, string Title, string Mitigation, string Status, IReadOnlyList<RiskEvidence> Evidence);

public sealed record RiskEvidence(string Id, string Title, string State);

/// <summary>What identifies a run in the history.</summary>
public sealed record RunKey(string Commit, string Branch, DateTimeOffset Time, string Machine);

/// <summary>One recorded run as the trend charts need it.</summary>
public sealed record HistoryRun(long Id, RunKey Key, double? Overall, IReadOnlyDictionary<string, double> Phases, IReadOnlyDictionary<string, double> Figures);

/// <summary>What changed against an earlier run (<c>--since REF</c>, or the previous run).</summary>
public sealed record ChangeSet(RunKey Against, IReadOnlyList<string> NewlyDone, IReadOnlyList<string> Regressed, IReadOnlyList<string> TargetsCrossed);

/// <summary>
/// A whole progress report: the checklist by phase, the targets, the risks, the figures recorded for
/// trends, and (after <see cref="HistoryComparison"/>) the comparison with recorded history.
/// </summary>
public sealed record ProgressReport
{
    public required string Title { get; init; }
    public required RunKey Run { get; init; }
    public required IReadOnlyList<PhaseReport> Phases { get; init; }
    public required IReadOnlyList<TargetReport> Targets { get; init; }
    public required IReadOnlyList<RiskReport> Risks { get; init; }
    /// <summary>Named figures for the trend charts: <c>pass-rate/TIER</c>, <c>speed/TIER</c>, <c>instructions/TIER</c>, <c>code-bytes/TIER</c>.</summary>
    public required IReadOnlyDictionary<string, double> Figures { get; init; }
    /// <summary>Which evidence sources were given; the rest made their items unknown.</summary>
    public required IReadOnlyList<string> Sources { get; init; }
    public IReadOnlyList<HistoryRun> History { get; init; } = [];
    public ChangeSet? Changes { get; init; }

    public IEnumerable<ItemReport> Items => Phases.SelectMany(p => p.Items);

    /// <summary>Mean completion of every applicable item, in percent.</summary>
    public double? Overall => Percent(Items);

    public bool HasRegressions => Items.Any(i => i.State == ItemState.Regressed) || Targets.Any(t => t.Previous == TargetStatus.Pass && t.Status == TargetStatus.Fail);

    internal static double? Percent(IEnumerable<ItemReport> items)
    {
        var applicable = items.Where(i => i.State != ItemState.NotApplicable).ToList();
        return applicable.Count == 0 ? null : 100 * applicable.Average(i => i.Fraction);
    }
}
