using System.Text;

namespace Veld.Language.Lexing;

/// <summary>Escape sequences of string and char literals: <c>\n \t \r \\ \" \' \0 \u{1F600}</c>.
/// Shared by the lexer and by the format-string parser of the print macros.</summary>
internal static class Escapes
{
    /// <summary>
    /// Decodes the escape whose backslash is at <paramref name="offset"/>, appending its value to
    /// <paramref name="value"/>. Returns an error message for a bad escape (nothing appended) or null.
    /// <paramref name="next"/> is where reading continues; it never skips a line break.
    /// </summary>
    public static string? Decode(string text, int offset, int end, StringBuilder value, out int next)
    {
        next = offset + 1;
        if (next >= end) return "unterminated escape sequence";
        char e = text[next];
        char? simple = e switch
        {
            'n' => '\n', 't' => '\t', 'r' => '\r', '\\' => '\\', '"' => '"', '\'' => '\'', '0' => '\0',
            _ => null,
        };
        if (simple is { } s)
        {
            value.Append(s);
            next = offset + 2;
            return null;
        }
        if (e == 'u') return DecodeUnicode(text, offset, end, value, out next);
        if (e == '\n' || e == '\r') return "unknown escape sequence '\\' at end of line";
        next = offset + 2;
        if (char.IsHighSurrogate(e) && next < end && char.IsLowSurrogate(text[next])) next++;
        return $"unknown escape sequence '\\{text[(offset + 1)..next]}'";
    }

    /// <summary><c>\u{X}</c> with 1 to 6 hex digits naming a Unicode scalar value.</summary>
    private static string? DecodeUnicode(string text, int offset, int end, StringBuilder value, out int next)
    {
        int i = offset + 2;
        next = i;
        if (i >= end || text[i] != '{') return "invalid unicode escape: expected '{' after '\\u'";
        i++;
        int digits = 0;
        int code = 0;
        while (i < end && char.IsAsciiHexDigit(text[i]) && digits < 7)
        {
            code = code * 16 + Convert.ToInt32(text[i].ToString(), 16);
            digits++;
            i++;
        }
        next = i;
        if (digits == 0 || digits > 6 || i >= end || text[i] != '}')
            return "invalid unicode escape: expected 1 to 6 hex digits and '}'";
        next = i + 1;
        if (!Rune.IsValid(code))
            return $"invalid unicode escape: U+{code:X} is not a Unicode scalar value";
        value.Append(new Rune(code).ToString());
        return null;
    }

    /// <summary>Unicode scalar values in <paramref name="text"/>[<paramref name="from"/>..<paramref name="to"/>).</summary>
    public static int CountScalars(string text, int from, int to)
    {
        int count = 0;
        for (int i = from; i < to; i++)
            if (!(char.IsLowSurrogate(text[i]) && i > from && char.IsHighSurrogate(text[i - 1])))
                count++;
        return count;
    }
}
