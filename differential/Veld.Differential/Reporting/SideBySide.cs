using System.Text;

namespace Veld.Differential;

/// <summary>
/// Two columns of facts about two runs (or an expectation and a run), one row per fact, with the rows
/// that differ marked by <c>!</c>:
/// <code>
///             expected         tree
///   outcome   RuntimeError     RuntimeError
/// ! kind      Index            Key
/// </code>
/// </summary>
public static class SideBySide
{
    public sealed record Row(string Label, string Left, string Right)
    {
        public bool Differs => !string.Equals(Left, Right, StringComparison.Ordinal);
    }

    /// <summary>Values longer than this are cut in the left column, so the right column stays readable.</summary>
    public const int MaxColumnWidth = 48;

    public static string Render(string leftTitle, string rightTitle, IEnumerable<Row> rows)
    {
        var all = rows.ToList();
        int labelWidth = all.Count == 0 ? 0 : all.Max(r => r.Label.Length);
        int leftWidth = Math.Min(MaxColumnWidth, Math.Max(leftTitle.Length, all.Count == 0 ? 0 : all.Max(r => Cell(r.Left).Length)));
        var sb = new StringBuilder();
        sb.Append("  ").Append(' ', labelWidth).Append("  ").Append(leftTitle.PadRight(leftWidth)).Append("  ").Append(rightTitle).Append('\n');
        foreach (var row in all)
        {
            sb.Append(row.Differs ? "! " : "  ").Append(row.Label.PadRight(labelWidth)).Append("  ");
            var left = Cell(row.Left);
            if (left.Length > leftWidth)
            {
                // A long left value gets its own line; the right one goes under it, aligned.
                sb.Append(left).Append('\n').Append(' ', 2 + labelWidth + 2).Append(' ', leftWidth).Append("  ").Append(Cell(row.Right)).Append('\n');
            }
            else sb.Append(left.PadRight(leftWidth)).Append("  ").Append(Cell(row.Right)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>One line per cell: line breaks and control characters shown escaped.</summary>
    private static string Cell(string text) => LineDiff.Visible(text.Replace("\n", "\\n"));
}
