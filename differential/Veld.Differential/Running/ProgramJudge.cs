using Veld.Language;
using Veld.Runtime;

namespace Veld.Differential;

/// <summary>
/// Turns the outcomes of one program on every selected tier into verdicts and findings: each run is
/// checked against the program's expectations, and each tier after the first is compared with the
/// first (the oracle).
/// </summary>
public static class ProgramJudge
{
    public static ProgramReport Judge(CorpusProgram program, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<RunOutcome> outcomes)
    {
        var oracle = outcomes[0];
        var runs = new List<TierRun>();
        var findings = new List<Finding>();
        for (int i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            switch (outcome.Kind)
            {
                case OutcomeKind.Unsupported:
                    runs.Add(new(outcome.Tier, outcome, TierVerdict.Unsupported, [], null));
                    findings.Add(new(FindingKind.Unsupported, program.Path, [outcome.Tier], outcome.Error?.Message ?? "", ""));
                    continue;
                case OutcomeKind.InternalError:
                    runs.Add(new(outcome.Tier, outcome, TierVerdict.Failed, [], null));
                    findings.Add(new(FindingKind.InternalError, program.Path, [outcome.Tier], "internal error", outcome.Error?.Message ?? ""));
                    continue;
                case OutcomeKind.LimitExceeded when !outcome.RanOutOfFuel: // time and memory: inconclusive
                case OutcomeKind.RuntimeError when outcome.HitTierCapacity: // so is what a tier's thread can nest
                    runs.Add(new(outcome.Tier, outcome, TierVerdict.Inconclusive, [], null));
                    continue;
            }

            var failures = ExpectationChecker.Check(program, diagnostics, outcome);
            foreach (var failure in failures)
                findings.Add(new(FindingKind.ExpectationFailure, program.Path, [outcome.Tier], failure.Summary, failure.Detail));
            var comparison = i == 0 ? null : OutcomeComparer.Compare(oracle, outcome);
            if (comparison?.Kind == ComparisonKind.Disagree)
                findings.Add(new(FindingKind.Disagreement, program.Path, [oracle.Tier, outcome.Tier], comparison.Summary, comparison.Detail));
            runs.Add(new(outcome.Tier, outcome, Verdict(program, i == 0, failures, comparison), failures, comparison));
        }
        return new ProgramReport(program, runs, GroupAcrossTiers(findings));
    }

    /// <summary>A run passes when something was checked and nothing failed: the oracle needs only its
    /// expectations (or, with none, to have run at all); another tier also needs a conclusive agreement,
    /// unless its expectations alone decided.</summary>
    private static TierVerdict Verdict(CorpusProgram program, bool isOracle, List<ExpectationFailure> failures, OutcomeComparison? comparison)
    {
        if (failures.Count > 0 || comparison?.Kind == ComparisonKind.Disagree) return TierVerdict.Failed;
        if (isOracle || comparison!.Kind == ComparisonKind.Agree || program.HasExpectations) return TierVerdict.Passed;
        return TierVerdict.Inconclusive;
    }

    /// <summary>The same finding on several tiers (an expectation every tier misses, a front-end crash) is
    /// one finding naming them all, placed where its first occurrence was. Disagreements name their pair already.</summary>
    private static List<Finding> GroupAcrossTiers(List<Finding> findings) =>
        findings.GroupBy(f => f.Kind == FindingKind.Disagreement ? (f.Kind, f.Summary, f.Detail, Pair: string.Join(",", f.Tiers)) : (f.Kind, f.Summary, f.Detail, Pair: ""))
            .Select(g => g.First() with { Tiers = g.SelectMany(f => f.Tiers).Distinct().ToList() })
            .ToList();
}
