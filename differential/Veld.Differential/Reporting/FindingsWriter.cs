namespace Veld.Differential;

/// <summary>
/// Writes a report's findings as plain text, one entry per finding, stable from run to run:
/// <code>
/// FAIL corpus/ops/div.veld [tree, stack] expectation: standard output differs from the expectations
/// FAIL corpus/ops/add.veld [tree vs jit] disagreement: standard output differs
///     --- expected
///     +++ actual
///     ...
/// </code>
/// </summary>
public static class FindingsWriter
{
    /// <summary>Detail lines shown per finding unless verbose (diffs are already cut by <see cref="LineDiff"/>;
    /// this mostly shortens the stack traces of internal errors).</summary>
    public const int ConciseDetailLines = 40;

    public static void Write(TextWriter output, DiffReport report, bool verbose)
    {
        foreach (var finding in report.Findings) Write(output, finding, verbose);
    }

    public static void Write(TextWriter output, Finding finding, bool verbose)
    {
        // A disagreement is between the oracle and one tier; anything else names every tier it happened on.
        var tiers = string.Join(finding.Kind == FindingKind.Disagreement ? " vs " : ", ", finding.Tiers);
        output.Write($"FAIL {finding.Path} [{tiers}] {Label(finding.Kind)}: {finding.Summary}\n");
        var lines = finding.Detail.TrimEnd('\n').Split('\n');
        if (finding.Detail.Length == 0) lines = [];
        int shown = verbose ? lines.Length : Math.Min(lines.Length, ConciseDetailLines);
        for (int i = 0; i < shown; i++) output.Write($"    {lines[i]}\n");
        if (shown < lines.Length) output.Write($"    ... {lines.Length - shown} more lines (--verbose shows them)\n");
        output.Write('\n');
    }

    public static string Label(FindingKind kind) => kind switch
    {
        FindingKind.ExpectationFailure => "expectation",
        FindingKind.Disagreement => "disagreement",
        FindingKind.InternalError => "internal error",
        FindingKind.Unsupported => "unsupported",
        _ => kind.ToString(),
    };
}
