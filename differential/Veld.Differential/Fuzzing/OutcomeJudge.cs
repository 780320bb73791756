using Veld.Runtime;

namespace Veld.Differential.Fuzzing;

public enum Verdict
{
    Agree,
    /// <summary>A finding: the runs differ in something observable, or a tier crashed.</summary>
    Disagree,
    /// <summary>Nothing can be concluded (a limit was hit, or a tier does not support the program).</summary>
    Inconclusive,
}

/// <summary>Decides whether a run of a program on another tier agrees with the oracle's run.</summary>
public delegate Verdict OutcomeJudge(RunOutcome oracle, RunOutcome other);
