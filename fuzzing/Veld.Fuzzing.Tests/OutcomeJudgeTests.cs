using Veld.Fuzzing;
using Veld.Runtime;

namespace Veld.Fuzzing.Tests;

/// <summary>How the fuzzer reads the harness comparer's verdicts.</summary>
public class OutcomeJudgeTests
{
    private static RunOutcome Outcome(string tier, OutcomeKind kind, string stdout = "1\n", Value? result = null, RunError? error = null) =>
        new() { Tier = tier, Kind = kind, Stdout = stdout, Result = result ?? Value.FromInt(1), Error = error };

    private static Verdict Judge(RunOutcome other) =>
        OutcomeJudges.Standard(Outcome("tree", OutcomeKind.Success), other).Verdict;

    [Fact]
    public void SameOutputAndResultAgree() => Assert.Equal(Verdict.Agree, Judge(Outcome("stack", OutcomeKind.Success)));

    [Fact]
    public void DifferentOutputOrResultDisagree()
    {
        Assert.Equal(Verdict.Disagree, Judge(Outcome("stack", OutcomeKind.Success, stdout: "2\n")));
        Assert.Equal(Verdict.Disagree, Judge(Outcome("stack", OutcomeKind.Success, result: Value.FromFloat(1.5))));
        Assert.Equal(Verdict.Disagree, Judge(Outcome("stack", OutcomeKind.RuntimeError, error: new RunError("Type", "bad", 3))));
    }

    [Fact]
    public void LimitsAndUnsupportedConstructsAreInconclusive()
    {
        Assert.Equal(Verdict.Inconclusive, Judge(Outcome("stack", OutcomeKind.LimitExceeded, error: new RunError("LimitExceeded", "time limit exceeded", 0))));
        Assert.Equal(Verdict.Inconclusive, Judge(Outcome("stack", OutcomeKind.Unsupported, error: new RunError("Unsupported", "closures", 0))));
    }

    [Fact]
    public void ACrashIsAFinding() =>
        Assert.Equal(Verdict.Disagree, Judge(Outcome("stack", OutcomeKind.InternalError, error: new RunError("Internal", "NullReferenceException", 0))));
}
