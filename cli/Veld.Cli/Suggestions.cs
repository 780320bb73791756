namespace Veld.Cli;

/// <summary>"Did you mean": the known word closest to a mistyped one, by edit distance, if it is close enough
/// to be a slip (a different case, or at most a third of the word's length in edits) rather than another word.</summary>
public static class Suggestions
{
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        if (typed.Length == 0) return null;
        int allowed = Math.Max(1, typed.Length / 3);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var word in known)
        {
            if (word == typed) continue; // not a typo
            int distance = Distance(typed.ToLowerInvariant(), word.ToLowerInvariant());
            if (distance <= allowed && distance < bestDistance)
            {
                best = word;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance with adjacent transpositions counted as one edit ("rnu" for "run").</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
