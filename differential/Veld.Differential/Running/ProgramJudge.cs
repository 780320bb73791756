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
                    findings.Add(new(FindingKind.Unsupported, program.Path, [outcome.Tier], $"unsupported: {outcome.Error?.Message}", ""));
                    continue;
                case OutcomeKind.InternalError:
                    runs.Add(new(outcome.Tier, outcome, TierVerdict.Failed, [], null));
                    findings.Add(new(FindingKind.InternalError, program.Path, [outcome.Tier], "internal error", outcome.Error?.Message ?? ""));
                    continue;
                case OutcomeKind.LimitExceeded:
                    runs.Add(new(outcome.Tier, outcome, TierVerdict.Inconclusive, [], null));
                    continue;
            }

            var failures = ExpectationChecker.Check(program, diagnostics, outcome);
            var comparison = i == 0 ? null : OutcomeComparer.Compare(oracle, outcome);
            if (comparison?.Kind == ComparisonKind.Disagree)
                findings.Add(new(FindingKind.Disagreement, program.Path, [oracle.Tier, outcome.Tier],
                    $"{outcome.Tier} disagrees with {oracle.Tier}: {comparison.Summary}", comparison.Detail));
            runs.Add(new(outcome.Tier, outcome, Verdict(program, i == 0, failures, comparison), failures, comparison));
        }
        findings.InsertRange(0, GroupExpectationFailures(program.Path, runs));
        return new ProgramReport(program, runs, findings);
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

    /// <summary>The same expectation failure on several tiers is one finding naming them all.</summary>
    private static IEnumerable<Finding> GroupExpectationFailures(string path, List<TierRun> runs) =>
        runs.SelectMany(r => r.ExpectationFailures.Select(f => (r.Tier, Failure: f)))
            .GroupBy(x => x.Failure)
            .Select(g => new Finding(FindingKind.ExpectationFailure, path, g.Select(x => x.Tier).ToList(), g.Key.Summary, g.Key.Detail));
}
