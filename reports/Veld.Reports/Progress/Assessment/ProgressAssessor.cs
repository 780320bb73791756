namespace Veld.Reports.Progress;

/// <summary>Turns a plan and its evidence into a <see cref="ProgressReport"/> (history not yet applied).</summary>
public static class ProgressAssessor
{
    public static ProgressReport Assess(MigrationPlan plan, EvidenceBundle evidence, RunKey run)
    {
        var targets = plan.Targets.Select(t => TargetMeasurer.Measure(t, plan.Baseline, evidence)).ToList();
        var byId = targets.ToDictionary(t => t.Id);
        var evaluator = new EvidenceEvaluator(evidence, byId);
        var phases = plan.Phases.Select(phase =>
        {
            var items = phase.Items.Select(item => Item(phase.Id, item, evaluator)).ToList();
            return new PhaseReport(phase.Id, phase.Title, ProgressReport.Percent(items), items);
        }).ToList();
        var items = phases.SelectMany(p => p.Items).ToDictionary(i => i.Id);
        var risks = plan.Risks.Select(r => Risk(r, items, byId)).ToList();
        return new ProgressReport
        {
            Title = plan.Title,
            Run = run,
            Phases = phases,
            Targets = targets,
            Risks = risks,
            Figures = TrendFigures.Compute(evidence, plan.Baseline),
            Sources = Sources(evidence),
        };
    }

    /// <summary>An item is done when every piece of its evidence is; unknown when any piece is unknown
    /// (a missing source never lets an item pass); otherwise partial by its mean completion.</summary>
    private static ItemReport Item(string phase, PlanItem item, EvidenceEvaluator evaluator)
    {
        var results = item.Evidence.Select(evaluator.Evaluate).ToList();
        var applicable = results.Where(r => r.State != ItemState.NotApplicable).ToList();
        if (applicable.Count == 0) return new ItemReport(item.Id, phase, item.Title, ItemState.NotApplicable, 1, results);
        double fraction = applicable.Average(r => r.Fraction);
        var state = applicable.Any(r => r.State == ItemState.Unknown) ? ItemState.Unknown
            : applicable.All(r => r.State == ItemState.Done) ? ItemState.Done
            : fraction == 0 ? ItemState.NotStarted
            : ItemState.Partial;
        return new ItemReport(item.Id, phase, item.Title, state, state == ItemState.Unknown ? 0 : fraction, results);
    }

    /// <summary>A risk is "covered" when all its evidence holds, "attention" when some fails, and
    /// "unknown" when some is not known and none fails.</summary>
    private static RiskReport Risk(PlanRisk risk, Dictionary<string, ItemReport> items, Dictionary<string, TargetReport> targets)
    {
        var evidence = risk.Evidence.Select(id => items.TryGetValue(id, out var item)
            ? new RiskEvidence(id, item.Title, item.State.Label())
            : new RiskEvidence(id, targets[id].Title, targets[id].Status.ToString().ToLowerInvariant())).ToList();
        bool Is(params string[] states) => evidence.Any(e => states.Contains(e.State));
        var status = Is("fail", "regressed", "partial", "not started") ? "attention" : Is("unknown") ? "unknown" : "covered";
        return new RiskReport(risk.Id, risk.Title, risk.Mitigation, status, evidence);
    }

    private static List<string> Sources(EvidenceBundle e)
    {
        var sources = new List<string>();
        if (e.Diff is not null) sources.Add("diff");
        if (e.CorpusTags is not null) sources.Add("corpus tags");
        if (e.Tests is not null) sources.Add("test results");
        if (e.Bench is not null) sources.Add("bench");
        if (e.Fuzz is not null) sources.Add("fuzz");
        if (e.Regalloc is not null) sources.Add("fuzz-regalloc");
        if (e.Opcodes is not null) sources.Add("opcode coverage");
        if (e.RepositoryRoot is not null) sources.Add("repository");
        return sources;
    }
}
