using System.Globalization;

namespace Veld.Reports.Progress;

/// <summary>Wording shared by the Markdown and HTML writers, so both say the same thing.</summary>
public static class ProgressText
{
    public static string Percent(double? percent) => percent is { } p ? p.ToString("0", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Measured(TargetReport t) => t.Measured is { } m ? TargetMeasurer.Format(m) : "–";

    public static string Status(TargetReport t) => t.Status switch
    {
        TargetStatus.Pass => "pass",
        TargetStatus.Fail => t.Previous == TargetStatus.Pass ? "FAIL (regressed)" : "FAIL",
        _ => "unknown",
    };

    /// <summary>"partial 3/4" style state, with the previous run's state when it differs.</summary>
    public static string State(ItemReport item)
    {
        var counted = item.Evidence.Where(e => e.Of is > 0).ToList();
        var text = item.State is ItemState.Partial or ItemState.Regressed && counted.Count == 1
            ? $"{item.State.Label()} {counted[0].Met}/{counted[0].Of}"
            : item.State is ItemState.Partial or ItemState.Regressed ? $"{item.State.Label()} {Percent(100 * item.Fraction)}"
            : item.State.Label();
        return item.Previous is { } before && before != item.State && item.State != ItemState.Regressed ? $"{text} (was {before.Label()})" : text;
    }

    public static string Icon(ItemState state) => state switch
    {
        ItemState.Done => "✅",
        ItemState.Partial => "🟡",
        ItemState.NotStarted => "⬜",
        ItemState.Regressed => "🔴",
        ItemState.NotApplicable => "➖",
        _ => "❔",
    };

    /// <summary>What the item's evidence says, missing things included, in one line.</summary>
    public static string Evidence(ItemReport item) => string.Join("; ", item.Evidence.Select(e =>
        e.Missing.Count == 0 ? e.Description : $"{e.Description} — missing: {string.Join(", ", e.Missing)}"));

    public static string Run(RunKey key) =>
        $"{Short(key.Commit)} on {key.Branch}, {key.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {key.Machine}";

    public static string Short(string commit) => commit.Length > 10 ? commit[..10] : commit;
}
