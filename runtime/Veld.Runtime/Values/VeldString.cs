using System.Text;

namespace Veld.Runtime;

/// <summary>
/// An immutable string. Length and indexing count Unicode scalar values, not UTF-16 units, so a
/// string with surrogate pairs is indexed through its scalar offsets (computed once, on demand).
/// </summary>
public sealed class VeldString(string text) : HeapObject
{
    public override ValueKind Kind => ValueKind.Str;
    public string Text { get; } = text;
    private int[]? _scalarOffsets;
    private int _scalarCount = -1;

    public int ScalarCount
    {
        get
        {
            if (_scalarCount < 0) _scalarCount = CountScalars(Text);
            return _scalarCount;
        }
    }

    /// <summary>True when every scalar is one UTF-16 unit, so UTF-16 indices are scalar indices.</summary>
    public bool IsSimple => ScalarCount == Text.Length;

    /// <summary>The scalar at <paramref name="index"/> as a one-scalar string; caller checks the range.</summary>
    public string ScalarAt(int index)
    {
        if (IsSimple) return Text[index].ToString();
        int start = OffsetOf(index);
        return Text.Substring(start, char.IsHighSurrogate(Text[start]) ? 2 : 1);
    }

    /// <summary>UTF-16 offset of scalar <paramref name="index"/> (0..ScalarCount).</summary>
    public int OffsetOf(int index)
    {
        if (IsSimple) return index;
        _scalarOffsets ??= BuildOffsets(Text, ScalarCount);
        return _scalarOffsets[index];
    }

    private static int CountScalars(string s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            n++;
        }
        return n;
    }

    private static int[] BuildOffsets(string s, int count)
    {
        var offsets = new int[count + 1];
        int scalar = 0;
        for (int i = 0; i < s.Length; i++)
        {
            offsets[scalar++] = i;
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
        }
        offsets[count] = s.Length;
        return offsets;
    }

    public IEnumerable<string> Scalars()
    {
        foreach (var rune in Text.EnumerateRunes()) yield return rune.ToString();
    }

    public override string ToString() => Text;
}
