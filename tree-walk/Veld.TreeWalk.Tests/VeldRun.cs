using Veld.Language;
using Veld.Runtime;

namespace Veld.TreeWalk.Tests;

/// <summary>Runs Veld source end to end (front end, tree-walk tier, runtime) and checks outcomes.</summary>
internal static class VeldRun
{
    public static RunOutcome Run(string code, RunOptions? options = null) =>
        TierHost.CompileAndRun(new TreeWalkTier(), new Source("t.veld", code), options ?? new RunOptions());

    /// <summary>Runs and asserts success; returns the outcome.</summary>
    public static RunOutcome Succeeds(string code, RunOptions? options = null)
    {
        var outcome = Run(code, options);
        Assert.True(outcome.Kind == OutcomeKind.Success, Describe(outcome));
        return outcome;
    }

    /// <summary>The display form of the program result.</summary>
    public static string Result(string code) => Display.Show(Succeeds(code).Result);

    public static string Stdout(string code) => Succeeds(code).Stdout;

    /// <summary>Runs and asserts a runtime error of <paramref name="kind"/> on <paramref name="line"/>.</summary>
    public static RunOutcome FailsWith(string code, ErrorKind kind, int line, RunOptions? options = null)
    {
        var outcome = Run(code, options);
        var expected = kind == ErrorKind.LimitExceeded ? OutcomeKind.LimitExceeded : OutcomeKind.RuntimeError;
        Assert.True(outcome.Kind == expected, Describe(outcome));
        Assert.Equal(kind.ToString(), outcome.Error!.Kind);
        Assert.Equal(line, outcome.Error.Line);
        return outcome;
    }

    public static string Describe(RunOutcome o) =>
        $"outcome {o.Kind}, error {o.Error}, result {(o.Kind == OutcomeKind.Success ? Display.Show(o.Result) : "-")}\nstdout:\n{o.Stdout}";
}
