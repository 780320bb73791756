using Veld.Runtime;

using Veld.Differential;

namespace Veld.Fuzzing;

/// <summary>The judges the fuzzer and the reducer use.</summary>
public static class OutcomeJudges
{
    /// <summary>
    /// The harness's comparison (<see cref="OutcomeComparer"/>, what <c>veld diff</c> uses): output, result by
    /// value and type, outcome. A crash is a finding (the fuzzer reports it before judging); a tier that
    /// does not support the program, or a limit, is inconclusive.
    /// </summary>
    public static Judgement Standard(RunOutcome oracle, RunOutcome other)
    {
        var comparison = OutcomeComparer.Compare(oracle, other);
        return comparison.Kind switch
        {
            ComparisonKind.Agree => Judgement.Agreement,
            ComparisonKind.Disagree => new Judgement(Verdict.Disagree, comparison.Summary),
            _ when oracle.Kind == OutcomeKind.InternalError || other.Kind == OutcomeKind.InternalError =>
                new Judgement(Verdict.Disagree, comparison.Summary),
            _ => new Judgement(Verdict.Inconclusive, comparison.Summary),
        };
    }
}
