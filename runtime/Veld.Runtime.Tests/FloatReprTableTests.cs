using System.Globalization;

namespace Veld.Runtime.Tests;

/// <summary>Display.FormatFloat against Python's repr(float) for every double in Data/float_repr.txt.</summary>
public class FloatReprTableTests
{
    private static IEnumerable<(double Value, string Repr)> Table()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "float_repr.txt");
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            int space = line.IndexOf(' ');
            long bits = unchecked((long)ulong.Parse(line.AsSpan(0, space), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            yield return (BitConverter.Int64BitsToDouble(bits), line[(space + 1)..]);
        }
    }

    [Fact]
    public void Matches_python_repr_for_every_double_in_the_table()
    {
        var table = Table().ToList();
        Assert.True(table.Count > 10_000, $"table has only {table.Count} rows");
        var mismatches = table
            .Where(row => Display.FormatFloat(row.Value) != row.Repr)
            .Take(20)
            .Select(row => $"{BitConverter.DoubleToInt64Bits(row.Value):x16}: python {row.Repr}, veld {Display.FormatFloat(row.Value)}")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Every_finite_table_entry_parses_back_through_veld_to_float()
    {
        foreach (var (value, repr) in Table())
        {
            var parsed = Operators.Cast(Value.FromString(repr), Language.Syntax.CastTarget.Float, "float").AsFloat;
            if (double.IsNaN(value)) Assert.True(double.IsNaN(parsed));
            else Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(parsed));
        }
    }
}
