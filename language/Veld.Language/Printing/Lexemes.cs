using System.Globalization;
using System.Text;

namespace Veld.Language.Printing;

/// <summary>How single tokens are spelled: literals, identifiers, keywords (docs/SPEC.md section 1).</summary>
public static class Lexemes
{
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "fn", "proc", "let", "mut", "var", "const", "if", "then", "else", "while", "for", "in", "do", "end",
        "return", "break", "continue", "match", "where", "struct", "enum", "impl", "self", "true", "false",
        "and", "or", "as", "import", "pub", "try", "catch", "throw",
    };

    public static bool IsIdentifier(string s)
    {
        if (s.Length == 0 || s == "_" || Keywords.Contains(s)) return false;
        if (!(char.IsAsciiLetter(s[0]) || s[0] == '_')) return false;
        foreach (var c in s)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        return true;
    }

    /// <summary>A non-negative integer literal; negative values are written by the caller as a negation.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A float literal that lexes back to the same double: the shortest round-trip digits, always with a
    /// digit on both sides of a '.', exponent written <c>e-5</c>/<c>e16</c>. Only for finite, non-negative values.
    /// </summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            return "1.0e999"; // the lexer reads an out-of-range float as infinity; NaN cannot be written as a literal
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        int e = text.IndexOfAny(['E', 'e']);
        if (e < 0) return text.Contains('.') ? text : text + ".0";
        var mantissa = text[..e];
        var exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (!mantissa.Contains('.')) mantissa += ".0";
        return $"{mantissa}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A double-quoted string literal with Veld's escapes.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        AppendEscaped(sb, value, escapeBraces: false);
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="value"/> escaped for a string literal; in a format string, braces double.</summary>
    public static void AppendEscaped(StringBuilder sb, string value, bool escapeBraces)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\0': sb.Append("\\0"); break;
                case '{' when escapeBraces: sb.Append("{{"); break;
                case '}' when escapeBraces: sb.Append("}}"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7F || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                        sb.Append("\\u{").Append(rune.Value.ToString("X", CultureInfo.InvariantCulture)).Append('}');
                    else
                        sb.Append(rune.ToString());
                    break;
            }
        }
    }
}
