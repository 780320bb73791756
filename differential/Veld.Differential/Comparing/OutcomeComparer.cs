using Veld.Runtime;

namespace Veld.Differential;

public enum ComparisonKind
{
    Agree,
    Disagree,
    /// <summary>A run hit its time or memory limit, or what its tier can nest on the native stack: nothing can be
    /// concluded (never a disagreement). Running out of fuel is deterministic and compared.</summary>
    Inconclusive,
    /// <summary>A run did not produce an observable outcome (Unsupported, InternalError); that run's own failure is reported instead.</summary>
    NotComparable,
}

/// <summary>The verdict on two runs of one program; for a disagreement, what differs and a readable diff.</summary>
public sealed record OutcomeComparison(ComparisonKind Kind, string Summary = "", string Detail = "")
{
    public static readonly OutcomeComparison Agreement = new(ComparisonKind.Agree);
}

/// <summary>
/// Compares two runs of one program by what docs/SPEC.md section 17 makes observable: standard output
/// byte for byte, the result by value and type, and the outcome (success; compile error with message
/// and line:column; runtime error or running out of fuel with kind, message, line:column and call stack).
/// </summary>
public static class OutcomeComparer
{
    public static OutcomeComparison Compare(RunOutcome oracle, RunOutcome other)
    {
        if (IsInconclusive(oracle) || IsInconclusive(other))
            return new(ComparisonKind.Inconclusive, $"{LimitedTier(oracle, other)} hit its limit ({(oracle.Error ?? other.Error)?.Message})");
        if (!IsObservable(oracle) || !IsObservable(other))
            return new(ComparisonKind.NotComparable, $"{(IsObservable(oracle) ? other : oracle).Tier} did not run the program");

        // Output first: when output differs, that is the story (the outcome often differs as a consequence).
        if (!string.Equals(oracle.Stdout, other.Stdout, StringComparison.Ordinal))
        {
            var detail = LineDiff.Unified(oracle.Stdout, other.Stdout, oracle.Tier, other.Tier);
            if (OutcomeRows(oracle, other).Any(r => r.Differs))
                detail += "\n" + SideBySide.Render(oracle.Tier, other.Tier, OutcomeRows(oracle, other));
            return new(ComparisonKind.Disagree, "standard output differs", detail);
        }

        var rows = OutcomeRows(oracle, other);
        if (rows.Any(r => r.Differs))
            return new(ComparisonKind.Disagree, $"{Describe(rows.First(r => r.Differs))} differs", SideBySide.Render(oracle.Tier, other.Tier, rows));

        if (oracle.Kind == OutcomeKind.Success && ValueComparer.Compare(oracle.Result, other.Result) is { } difference)
        {
            var resultRows = new List<SideBySide.Row>
            {
                new("at", difference.Path, difference.Path),
                new("value", difference.Left, difference.Right),
            };
            if (difference.Path != "result")
                resultRows.Add(new("whole", SafeDisplay.Describe(oracle.Result), SafeDisplay.Describe(other.Result)));
            return new(ComparisonKind.Disagree, $"result differs at {difference.Path}: {difference.Reason}",
                SideBySide.Render(oracle.Tier, other.Tier, resultRows));
        }
        return OutcomeComparison.Agreement;
    }

    /// <summary>The outcome facts docs/SPEC.md section 17 compares, one row each, for the side-by-side view.</summary>
    public static List<SideBySide.Row> OutcomeRows(RunOutcome left, RunOutcome right)
    {
        var rows = new List<SideBySide.Row> { new("outcome", left.Kind.ToString(), right.Kind.ToString()) };
        if (left.Error is null && right.Error is null) return rows;
        rows.Add(new("kind", left.Error?.Kind ?? "-", right.Error?.Kind ?? "-"));
        rows.Add(new("message", left.Error?.Message ?? "-", right.Error?.Message ?? "-"));
        rows.Add(new("at", Position(left.Error), Position(right.Error)));
        if (left.Error?.Stack is not null || right.Error?.Stack is not null)
            rows.Add(new("stack", Stack(left.Error), Stack(right.Error)));
        return rows;
    }

    private static string Position(RunError? error) => error is null ? "-" : $"{error.Line}:{error.Column}";

    /// <summary>The call stack on one line, innermost first: <c>f at 3:9 | g at 7:5 | script at 9:1</c>.</summary>
    private static string Stack(RunError? error) => error?.Stack is { } stack ? string.Join(" | ", stack.Lines()) : "-";

    private static string Describe(SideBySide.Row row) => row.Label switch
    {
        "kind" => "error kind",
        "message" => "error message",
        "at" => "error position",
        "stack" => "call stack",
        _ => row.Label,
    };

    private static bool IsObservable(RunOutcome outcome) =>
        outcome.Kind is OutcomeKind.Success or OutcomeKind.CompileError or OutcomeKind.RuntimeError || outcome.RanOutOfFuel;

    /// <summary>Time, memory, cancellation and the native stack depend on the machine or the tier; fuel does not.</summary>
    private static bool IsInconclusive(RunOutcome outcome) =>
        (outcome.Kind == OutcomeKind.LimitExceeded && !outcome.RanOutOfFuel) || outcome.HitTierCapacity;

    private static string LimitedTier(RunOutcome oracle, RunOutcome other) => IsInconclusive(oracle) ? oracle.Tier : other.Tier;
}
