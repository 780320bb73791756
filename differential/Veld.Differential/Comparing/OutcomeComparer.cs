using Veld.Runtime;

namespace Veld.Differential;

public enum ComparisonKind
{
    Agree,
    Disagree,
    /// <summary>A run hit its fuel or time limit: nothing can be concluded (never a disagreement).</summary>
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
/// and line:column; runtime error with kind, message and line).
/// </summary>
public static class OutcomeComparer
{
    public static OutcomeComparison Compare(RunOutcome oracle, RunOutcome other)
    {
        if (oracle.Kind == OutcomeKind.LimitExceeded || other.Kind == OutcomeKind.LimitExceeded)
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
        bool withColumn = left.Kind == OutcomeKind.CompileError || right.Kind == OutcomeKind.CompileError;
        rows.Add(new(withColumn ? "at" : "line", Position(left.Error, withColumn), Position(right.Error, withColumn)));
        return rows;
    }

    private static string Position(RunError? error, bool withColumn) =>
        error is null ? "-" : withColumn ? $"{error.Line}:{error.Column}" : error.Line.ToString();

    private static string Describe(SideBySide.Row row) => row.Label switch
    {
        "kind" => "error kind",
        "message" => "error message",
        "line" => "error line",
        "at" => "error position",
        _ => row.Label,
    };

    private static bool IsObservable(RunOutcome outcome) =>
        outcome.Kind is OutcomeKind.Success or OutcomeKind.CompileError or OutcomeKind.RuntimeError;

    private static string LimitedTier(RunOutcome oracle, RunOutcome other) =>
        oracle.Kind == OutcomeKind.LimitExceeded ? oracle.Tier : other.Tier;
}
