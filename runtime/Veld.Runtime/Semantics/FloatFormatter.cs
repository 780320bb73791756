using System.Globalization;
using System.Text;

namespace Veld.Runtime;

/// <summary>
/// Floats exactly as Python's <c>repr(float)</c>: the shortest digits that round-trip, in scientific
/// notation when the decimal exponent is below -4 or at least 16 (<c>1e-05</c>, <c>1.5e+16</c>, exponent with
/// sign and at least two digits), otherwise positional with at least one fractional digit (<c>3.0</c>).
/// .NET's "R" format supplies the shortest round-trip digits (checked, see <see cref="ShortestDigits"/>);
/// their layout is redone here.
/// </summary>
internal static class FloatFormatter
{
    public static string Format(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";

        var (digits, pointPosition) = ShortestDigits(Math.Abs(d));
        var sb = new StringBuilder(digits.Length + 8);
        if (d < 0) sb.Append('-');
        // pointPosition: the value is 0.DIGITS x 10^pointPosition, so the first digit has exponent pointPosition - 1.
        int exponent = pointPosition - 1;
        if (exponent < -4 || exponent >= 16)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (pointPosition <= 0)
        {
            sb.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition < digits.Length)
        {
            sb.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }
        else
        {
            sb.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
        }
        return sb.ToString();
    }

    /// <summary>The shortest round-trip significant digits of a finite positive double (no leading or trailing
    /// zeros) and the position of the decimal point relative to them.</summary>
    private static (string Digits, int PointPosition) ShortestDigits(double positive)
    {
        // "R" yields the shortest digits in forms such as "123.456", "1E+16", "1.5E-05", "0.0001". It treats
        // the rounding interval as symmetric, so just above a power of two (where the gap below is half the gap
        // above) it can pick digits that parse back to a neighbour; those few cases take the exact search.
        string r = positive.ToString("R", CultureInfo.InvariantCulture);
        return Decompose(RoundTrips(r, positive) ? r : ShortestBySearch(positive));
    }

    /// <summary>
    /// For each length p, the correctly rounded p-digit decimal ("E" format is exact) and, if that misses,
    /// its neighbour on the other side of the value, which can still round-trip when the interval is
    /// lopsided. The first length with a hit is the shortest; the rounded candidate is the closer one.
    /// </summary>
    private static string ShortestBySearch(double positive)
    {
        for (int p = 1; p < 17; p++)
        {
            string nearest = positive.ToString("E" + (p - 1), CultureInfo.InvariantCulture);
            if (RoundTrips(nearest, positive)) return nearest;
            var (digits, point) = Decompose(nearest);
            long n = long.Parse(digits.PadRight(p, '0'), CultureInfo.InvariantCulture);
            long other = Parse(nearest) < positive ? n + 1 : n - 1;
            string candidate = $"{other}E{point - p}";
            if (RoundTrips(candidate, positive)) return candidate;
        }
        return positive.ToString("E16", CultureInfo.InvariantCulture);   // 17 digits always round-trip
    }

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    private static bool RoundTrips(string s, double value) => Parse(s) == value;

    /// <summary>Significant digits (no leading or trailing zeros) and decimal point position of a numeric
    /// string such as "123.456", "1E+16", "2.5E-008" or "25E-9".</summary>
    private static (string Digits, int PointPosition) Decompose(string r)
    {
        int e = r.IndexOfAny(['E', 'e']);
        string mantissa = e < 0 ? r : r[..e];
        int exponent = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.');
        string allDigits = dot < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, dot), mantissa.AsSpan(dot + 1));
        int pointPosition = (dot < 0 ? mantissa.Length : dot) + exponent;

        int leadingZeros = 0;
        while (allDigits[leadingZeros] == '0') leadingZeros++;
        int end = allDigits.Length;
        while (allDigits[end - 1] == '0') end--;
        return (allDigits[leadingZeros..end], pointPosition - leadingZeros);
    }
}
