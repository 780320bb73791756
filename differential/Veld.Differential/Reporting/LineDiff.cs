using System.Text;

namespace Veld.Differential;

/// <summary>
/// A unified diff of two texts, line by line, as <c>diff -u</c> prints it. Used for standard output:
/// the smallest edit is found with a longest-common-subsequence table over the lines between the common
/// prefix and suffix (outputs that differ wildly beyond <see cref="MaxTableCells"/> are shown as one
/// replaced block instead). Invisible differences are made visible on changed lines: control characters
/// are escaped, trailing spaces show as <c>·</c>, and a missing final newline is noted.
/// </summary>
public static class LineDiff
{
    public const int ContextLines = 3;
    public const int MaxTableCells = 4_000_000;
    /// <summary>Diff lines shown before the rest is summarised.</summary>
    public const int MaxShownLines = 120;

    private readonly record struct Line(string Text, bool Terminated);
    private enum Op { Same, Delete, Insert }
    private readonly record struct Edit(Op Op, int Left, int Right);

    public static string Unified(string left, string right, string leftLabel, string rightLabel)
    {
        var a = SplitLines(left);
        var b = SplitLines(right);
        var edits = Diff(a, b);
        var sb = new StringBuilder();
        sb.Append("--- ").Append(leftLabel).Append('\n');
        sb.Append("+++ ").Append(rightLabel).Append('\n');
        int shown = 0;
        foreach (var (start, end) in Hunks(edits))
        {
            int leftStart = edits[start].Left, rightStart = edits[start].Right;
            int leftCount = 0, rightCount = 0;
            for (int i = start; i < end; i++)
            {
                if (edits[i].Op != Op.Insert) leftCount++;
                if (edits[i].Op != Op.Delete) rightCount++;
            }
            sb.Append("@@ -").Append(Range(leftStart, leftCount)).Append(" +").Append(Range(rightStart, rightCount)).Append(" @@\n");
            for (int i = start; i < end; i++)
            {
                if (++shown > MaxShownLines)
                {
                    sb.Append($"... diff cut after {MaxShownLines} lines\n");
                    return sb.ToString();
                }
                var edit = edits[i];
                var line = edit.Op == Op.Insert ? b[edit.Right] : a[edit.Left];
                char mark = edit.Op switch { Op.Delete => '-', Op.Insert => '+', _ => ' ' };
                sb.Append(mark).Append(edit.Op == Op.Same ? line.Text : Visible(line.Text)).Append('\n');
                if (!line.Terminated) sb.Append("\\ No newline at end of output\n");
            }
        }
        return sb.ToString();
    }

    /// <summary>Lines with their terminator: "a\nb" is a terminated "a" and an unterminated "b"; "" is no lines.</summary>
    private static Line[] SplitLines(string text)
    {
        var parts = text.Split('\n');
        bool endsWithNewline = parts[^1].Length == 0;
        int count = endsWithNewline ? parts.Length - 1 : parts.Length;
        var lines = new Line[count];
        for (int i = 0; i < count; i++) lines[i] = new Line(parts[i], i < count - 1 || endsWithNewline);
        return lines;
    }

    private static List<Edit> Diff(Line[] a, Line[] b)
    {
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;

        var edits = new List<Edit>();
        for (int i = 0; i < prefix; i++) edits.Add(new Edit(Op.Same, i, i));
        int n = a.Length - prefix - suffix, m = b.Length - prefix - suffix;
        if ((long)n * m <= MaxTableCells) Middle(a, b, prefix, n, m, edits);
        else
        {
            for (int i = 0; i < n; i++) edits.Add(new Edit(Op.Delete, prefix + i, prefix));
            for (int j = 0; j < m; j++) edits.Add(new Edit(Op.Insert, prefix + n, prefix + j));
        }
        for (int k = 0; k < suffix; k++) edits.Add(new Edit(Op.Same, prefix + n + k, prefix + m + k));
        return edits;
    }

    /// <summary>The classic LCS table over the differing middle, then a walk from its start.</summary>
    private static void Middle(Line[] a, Line[] b, int offset, int n, int m, List<Edit> edits)
    {
        // lcs[i, j] = length of the LCS of a[i..n) and b[j..m) (relative to offset).
        var lcs = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                lcs[i, j] = a[offset + i] == b[offset + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[offset + x] == b[offset + y]) { edits.Add(new Edit(Op.Same, offset + x, offset + y)); x++; y++; }
            else if (y < m && (x == n || lcs[x, y + 1] > lcs[x + 1, y])) { edits.Add(new Edit(Op.Insert, offset + x, offset + y)); y++; }
            else { edits.Add(new Edit(Op.Delete, offset + x, offset + y)); x++; }
        }
    }

    /// <summary>Index ranges [start, end) of the edits to print: each change with its context, close ones merged.</summary>
    private static IEnumerable<(int Start, int End)> Hunks(List<Edit> edits)
    {
        int i = 0;
        while (i < edits.Count)
        {
            while (i < edits.Count && edits[i].Op == Op.Same) i++;
            if (i == edits.Count) yield break;
            int start = Math.Max(0, i - ContextLines);
            int end = i;
            // Extend over changes while the run of unchanged lines between them is short.
            while (end < edits.Count)
            {
                if (edits[end].Op != Op.Same) { end++; continue; }
                int same = end;
                while (same < edits.Count && edits[same].Op == Op.Same) same++;
                if (same == edits.Count || same - end > 2 * ContextLines) { end = Math.Min(end + ContextLines, same); break; }
                end = same;
            }
            yield return (start, end);
            i = end;
        }
    }

    /// <summary>"start,count" with unified diff's 1-based numbering (an empty range names the line before it).</summary>
    private static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    /// <summary>Control characters escaped and trailing spaces marked, so that lines which only look equal show why they differ.</summary>
    public static string Visible(string text)
    {
        var sb = new StringBuilder(text.Length);
        int trailing = text.Length - text.TrimEnd(' ').Length;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (i >= text.Length - trailing) sb.Append('·');
            else if (c == '\r') sb.Append("\\r");
            else if (c < ' ' && c != '\t') sb.Append($"\\x{(int)c:X2}");
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
