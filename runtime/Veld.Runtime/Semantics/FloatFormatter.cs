using System.Globalization;
using System.Text;

namespace Veld.Runtime;

/// <summary>
/// Floats exactly as Python's <c>repr(float)</c>: the shortest digits that round-trip, in scientific
/// notation when the decimal exponent is below -4 or at least 16 (<c>1e-05</c>, <c>1.5e+16</c>, exponent with
/// sign and at least two digits), otherwise positional with at least one fractional digit (<c>3.0</c>).
/// .NET's "R" format supplies the shortest round-trip digits; only their layout is redone here.
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
        // "R" yields forms such as "123.456", "1E+16", "1.5E-05", "0.0001".
        string r = positive.ToString("R", CultureInfo.InvariantCulture);
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
