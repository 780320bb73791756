using Veld.Language;
using Veld.Runtime;

namespace Veld.Differential;

/// <summary>One way a run failed its program's expectations: a one-line summary and a readable diff.</summary>
public sealed record ExpectationFailure(string Summary, string Detail = "");

/// <summary>
/// Checks one run against the expectations written in its program (see <see cref="ExpectationParser"/>):
/// <list type="bullet">
/// <item>output: a program with any expectation must print exactly its <c># expect:</c> lines, in order,
/// nothing more;</item>
/// <item>runtime error: the run ends with that kind (and message, if given) on that line; a runtime error
/// nobody expected fails a program that has expectations; running out of fuel is <c>LimitExceeded</c>;</item>
/// <item>compile errors: every expected one is reported (same line and message) and every reported one
/// is expected; a compile error nobody expected always fails, because the program never ran;</item>
/// <item>stack: the error's call stack, innermost frame first;</item>
/// <item>result: the result's display form.</item>
/// </list>
/// The caller decides what to do with time or memory limits, unsupported and crashed runs; this checks only
/// runs that ended in success, a runtime error, running out of fuel or a compile error.
/// </summary>
public static class ExpectationChecker
{
    /// <param name="diagnostics">Every compile diagnostic of the program (the outcome carries only the first).</param>
    public static List<ExpectationFailure> Check(CorpusProgram program, IReadOnlyList<Diagnostic> diagnostics, RunOutcome outcome)
    {
        var failures = new List<ExpectationFailure>();
        foreach (var problem in program.Problems)
            failures.Add(new($"malformed expectation on line {problem.Line}: {problem.Message}"));

        CheckCompileErrors(program, diagnostics, outcome, failures);
        if (program.HasExpectations && !string.Equals(program.ExpectedStdout, outcome.Stdout, StringComparison.Ordinal))
            failures.Add(new("standard output differs from the expectations",
                LineDiff.Unified(program.ExpectedStdout, outcome.Stdout, "expected", "actual")));
        CheckRuntimeError(program, outcome, failures);
        CheckResult(program, outcome, failures);
        return failures;
    }

    private static void CheckCompileErrors(CorpusProgram program, IReadOnlyList<Diagnostic> diagnostics, RunOutcome outcome, List<ExpectationFailure> failures)
    {
        if (program.CompileErrors.Count == 0)
        {
            if (outcome.Kind == OutcomeKind.CompileError)
                failures.Add(new("unexpected compile error", Listing(diagnostics.Count > 0 ? diagnostics : [FromOutcome(outcome)])));
            return;
        }
        if (outcome.Kind != OutcomeKind.CompileError)
        {
            failures.Add(new($"expected compile error(s) but the program compiled and ended in {outcome.Kind}",
                string.Concat(program.CompileErrors.Select(e => $"  line {e.Line}: {e.Message}\n"))));
            return;
        }
        var expected = program.CompileErrors.Select(e => $"line {e.Line}: {e.Message}").ToList();
        var reported = (diagnostics.Count > 0 ? diagnostics : [FromOutcome(outcome)])
            .Select(d => $"line {d.Pos.Line}: {d.Message}").ToList();
        var missing = expected.Except(reported, StringComparer.Ordinal).ToList();
        var unexpected = reported.Except(expected, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && unexpected.Count == 0) return;
        failures.Add(new("compile errors differ from the expectations",
            LineDiff.Unified(Lines(expected.Order(StringComparer.Ordinal)), Lines(reported.Order(StringComparer.Ordinal)), "expected", "reported")));
    }

    private static void CheckRuntimeError(CorpusProgram program, RunOutcome outcome, List<ExpectationFailure> failures)
    {
        if (outcome.Kind == OutcomeKind.CompileError) return; // reported by the compile checks
        var want = program.RuntimeError;
        if (want is null)
        {
            if ((outcome.Kind == OutcomeKind.RuntimeError || outcome.RanOutOfFuel) && program.HasExpectations)
                failures.Add(new($"unexpected runtime error {outcome.Error!.Kind} on line {outcome.Error.Line}: {outcome.Error.Message}"));
            return;
        }
        var got = outcome.Error;
        var rows = new List<SideBySide.Row>
        {
            new("outcome", want.Kind == nameof(ErrorKind.LimitExceeded) ? nameof(OutcomeKind.LimitExceeded) : nameof(OutcomeKind.RuntimeError), outcome.Kind.ToString()),
            new("kind", want.Kind, got?.Kind ?? "-"),
        };
        if (want.Message is not null) rows.Add(new("message", want.Message, got?.Message ?? "-"));
        else if (got is not null) rows.Add(new("message", got.Message, got.Message));
        rows.Add(new("line", want.Line.ToString(), got?.Line.ToString() ?? "-"));
        if (program.Stack is { } stack) rows.Add(new("stack", stack.Frames, got?.Stack is { } s ? string.Join(", ", s.Lines()) : "-"));
        if (rows.Any(r => r.Differs))
            failures.Add(new($"expected runtime error {want.Kind} on line {want.Line}", SideBySide.Render("expected", "actual", rows)));
    }

    private static void CheckResult(CorpusProgram program, RunOutcome outcome, List<ExpectationFailure> failures)
    {
        var want = program.Result;
        // A run that ended in an error has no result; that error is reported by the other checks.
        if (want is null || outcome.Kind != OutcomeKind.Success) return;
        var shown = SafeDisplay.Show(outcome.Result);
        if (!string.Equals(shown, want.Display, StringComparison.Ordinal))
            failures.Add(new("result differs from the expectation",
                SideBySide.Render("expected", "actual", [new("result", want.Display, shown)])));
    }

    private static Diagnostic FromOutcome(RunOutcome outcome) =>
        new(outcome.Error?.Message ?? "", new(outcome.Error?.Line ?? 0, outcome.Error?.Column ?? 0));

    private static string Listing(IEnumerable<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Select(d => $"  line {d.Pos.Line}:{d.Pos.Column}: {d.Message}\n"));

    private static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));
}
