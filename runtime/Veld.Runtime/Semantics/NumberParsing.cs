using System.Globalization;

namespace Veld.Runtime;

/// <summary>
/// String to number for <c>as int</c>, <c>as float</c>, <c>to_int()</c> and <c>to_float()</c>. The accepted
/// forms are strict (no surrounding whitespace, no <c>_</c>, no hex): int is <c>[+-]?[0-9]+</c>; float is a
/// decimal with optional fraction and exponent (<c>1</c>, <c>-2.5</c>, <c>1.</c>, <c>.5</c>, <c>1e-3</c>) or
/// <c>inf</c>/<c>nan</c> with an optional sign, so every float's display form parses back.
/// A malformed string is runtime error Value; an integer outside i64 is Overflow.
/// </summary>
internal static class NumberParsing
{
    public static long ParseInt(string s)
    {
        int i = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (i == s.Length) throw Malformed(s, "int");
        for (int j = i; j < s.Length; j++)
            if (!char.IsAsciiDigit(s[j])) throw Malformed(s, "int");
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)) return value;
        throw new VeldRuntimeException(ErrorKind.Overflow, $"{Strings.Quote(s)} is out of range for int");
    }

    public static double ParseFloat(string s)
    {
        int i = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        var body = s.AsSpan(i);
        if (body.SequenceEqual("inf")) return s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        if (body.SequenceEqual("nan")) return double.NaN;
        if (!IsDecimal(body)) throw Malformed(s, "float");
        // Digits are validated above, so Parse cannot fail; it rounds correctly (IEEE) and overflows to inf.
        return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>digits [. digits] | . digits, then an optional exponent e[+-]digits.</summary>
    private static bool IsDecimal(ReadOnlySpan<char> s)
    {
        int i = 0, intDigits = 0, fracDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; intDigits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; fracDigits++; }
        }
        if (intDigits + fracDigits == 0) return false;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '-' || s[i] == '+')) i++;
            int expDigits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; expDigits++; }
            if (expDigits == 0) return false;
        }
        return i == s.Length;
    }

    private static VeldRuntimeException Malformed(string s, string type) =>
        Fail.Value($"cannot parse {Strings.Quote(s)} as {type}");
}
