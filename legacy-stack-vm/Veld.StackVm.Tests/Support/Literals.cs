using System.Globalization;

namespace Veld.StackVm.Tests;

/// <summary>Veld source text for C# numbers (Veld has no negative literals: a minus is an operator).</summary>
internal static class Literals
{
    public static string Int(long value) => value switch
    {
        long.MinValue => "(-9223372036854775807 - 1)",
        < 0 => $"(-{(-value).ToString(CultureInfo.InvariantCulture)})",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A finite double as a literal that reads back to the same bits.</summary>
    public static string Float(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value));
        if (double.IsNegative(value)) return $"(-{Float(-value)})";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        string mantissa = text, exponent = "";
        int e = text.IndexOf('E');
        if (e >= 0)
        {
            mantissa = text[..e];
            exponent = "e" + int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
        if (!mantissa.Contains('.')) mantissa += ".0";
        return mantissa + exponent;
    }
}
