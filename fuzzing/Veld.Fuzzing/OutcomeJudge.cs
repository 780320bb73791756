using Veld.Runtime;

namespace Veld.Fuzzing;

public enum Verdict
{
    Agree,
    /// <summary>A finding: the runs differ in something observable, or a tier crashed.</summary>
    Disagree,
    /// <summary>Nothing can be concluded (a limit was hit, or a tier does not support the program).</summary>
    Inconclusive,
}

/// <summary>A verdict with a one-line reason (empty when the runs agree).</summary>
public sealed record Judgement(Verdict Verdict, string Summary = "")
{
    public static readonly Judgement Agreement = new(Verdict.Agree);
}

/// <summary>Decides whether a run of a program on another tier agrees with the oracle's run.</summary>
public delegate Judgement OutcomeJudge(RunOutcome oracle, RunOutcome other);
