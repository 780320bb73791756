using System.Text;

namespace Veld.Runtime;

/// <summary>String helpers shared by operators, display and string methods: scalar order, quoting, limits.</summary>
internal static class Strings
{
    /// <summary>
    /// Ordinal comparison by Unicode scalar value. UTF-16 code-unit order agrees with scalar order except
    /// that surrogates (D800-DFFF, which encode scalars above FFFF) sort below E000-FFFF; remapping the
    /// first differing unit so surrogates land above FFFF restores scalar order.
    /// </summary>
    public static int CompareScalars(string a, string b)
    {
        int common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length) return a.Length.CompareTo(b.Length);
        return ScalarOrderKey(a[common]).CompareTo(ScalarOrderKey(b[common]));
    }

    private static int ScalarOrderKey(char c) =>
        c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;

    /// <summary><paramref name="a"/> + <paramref name="b"/>, refusing results past <see cref="RuntimeLimits.MaxStringLength"/>.</summary>
    public static string Concat(string a, string b)
    {
        long length = (long)a.Length + b.Length;
        if (length > RuntimeLimits.MaxStringLength) throw Fail.TooLong("string", length);
        return string.Concat(a, b);
    }

    /// <summary>Appends <paramref name="s"/> in double quotes with escapes, as strings show inside containers.</summary>
    public static void AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (char.IsControl(c)) sb.Append("\\u{").Append(((int)c).ToString("x")).Append('}');
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendQuoted(sb, s);
        return sb.ToString();
    }

    // One-character ASCII strings are shared: indexing and iterating strings would otherwise allocate a
    // VeldString per character. VeldString is immutable, so sharing across runs leaks nothing.
    private static readonly Value[] AsciiStrings = BuildAsciiStrings();

    private static Value[] BuildAsciiStrings()
    {
        var table = new Value[128];
        for (int c = 0; c < table.Length; c++) table[c] = Value.FromString(((char)c).ToString());
        return table;
    }

    /// <summary>A one-scalar string value, shared for ASCII.</summary>
    public static Value OneScalar(string scalar) =>
        scalar.Length == 1 && scalar[0] < 128 ? AsciiStrings[scalar[0]] : Value.FromString(scalar);

    /// <summary>A one-character string value for a BMP character, shared for ASCII.</summary>
    public static Value OneScalar(char c) => c < 128 ? AsciiStrings[c] : Value.FromString(c.ToString());
}
