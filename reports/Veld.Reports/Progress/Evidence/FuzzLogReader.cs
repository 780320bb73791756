using System.Text.RegularExpressions;

namespace Veld.Reports.Progress;

/// <summary>
/// Reads what <c>veld fuzz</c> and <c>veld fuzz-regalloc</c> print (the pipeline keeps their output in
/// artifacts/): the campaign's verdict line, and the tiers from its "TIER ms / program" rows.
/// </summary>
public static partial class FuzzLogReader
{
    [GeneratedRegex(@"^(?:no disagreement|(?<findings>\d+) finding\(s\)) in (?<programs>\d+) programs \(seed (?<seed>\d+)\)", RegexOptions.Multiline)]
    private static partial Regex Verdict();

    [GeneratedRegex(@"^\W*(?<tier>[\w-]+) ms / program\b", RegexOptions.Multiline)]
    private static partial Regex TierRow();

    /// <summary>Null when the text holds no verdict line (the campaign did not finish).</summary>
    public static FuzzSummary? ReadFuzz(string text)
    {
        var verdict = Verdict().Matches(text).LastOrDefault();
        if (verdict is null) return null;
        // The table's "generation ms / program" row is the generator's time, not a tier's.
        var tiers = TierRow().Matches(text).Select(m => m.Groups["tier"].Value).Where(t => t != "generation").Distinct().ToList();
        int findings = verdict.Groups["findings"].Success ? int.Parse(verdict.Groups["findings"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new FuzzSummary(long.Parse(verdict.Groups["programs"].Value, System.Globalization.CultureInfo.InvariantCulture), tiers, findings, verdict.Groups["seed"].Value);
    }

    /// <summary>Null when the run printed neither verdict.</summary>
    public static RegallocSummary? ReadRegalloc(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Any(l => l == "no counterexample")) return new RegallocSummary(true, string.Join(" ", lines.Where(l => l != "no counterexample").Take(3)));
        var failure = lines.FirstOrDefault(l => l.StartsWith("counterexample found", StringComparison.Ordinal));
        return failure is null ? null : new RegallocSummary(false, failure);
    }
}
