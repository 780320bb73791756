using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// <c>&lt; &lt;= &gt; &gt;=</c> on two numbers or two strings; anything else is runtime error Type.
/// Numbers compare by exact value (an int and a float are never rounded into each other, as in Lua 5.4);
/// NaN is unordered, so every comparison with it is false. Strings compare by Unicode scalar value.
/// </summary>
public static partial class Operators
{
    /// <summary>Result of <see cref="Order"/> when a NaN is involved.</summary>
    private const int Unordered = 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Less(Value a, Value b) => FastComparison.TryLess(in a, in b, out bool r) ? r : LessSlow(a, b);

    public static bool LessSlow(Value a, Value b) => Order(a, b, "<") == -1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessEqual(Value a, Value b) => FastComparison.TryLessEqual(in a, in b, out bool r) ? r : LessEqualSlow(a, b);

    public static bool LessEqualSlow(Value a, Value b) => Order(a, b, "<=") is -1 or 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Greater(Value a, Value b) => FastComparison.TryGreater(in a, in b, out bool r) ? r : GreaterSlow(a, b);

    public static bool GreaterSlow(Value a, Value b) => Order(a, b, ">") == 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterEqual(Value a, Value b) => FastComparison.TryGreaterEqual(in a, in b, out bool r) ? r : GreaterEqualSlow(a, b);

    public static bool GreaterEqualSlow(Value a, Value b) => Order(a, b, ">=") is 0 or 1;

    /// <summary>-1, 0 or 1 for two numbers or two strings, <see cref="Unordered"/> with a NaN; Type error otherwise.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Order(Value a, Value b, string op)
    {
        if (a.IsNumber && b.IsNumber) return CompareNumbers(a, b);
        if (a.Is<VeldString>(out var sa) && b.Is<VeldString>(out var sb)) return Math.Sign(Strings.CompareScalars(sa.Text, sb.Text));
        throw Fail.Binary(op, a, b);
    }

    /// <summary>Exact order of two numbers: -1, 0, 1, or <see cref="Unordered"/> if either is NaN.</summary>
    internal static int CompareNumbers(Value a, Value b)
    {
        if (a.IsInt)
            return b.IsInt ? a.AsInt.CompareTo(b.AsInt) : CompareIntFloat(a.AsInt, b.AsFloat);
        if (b.IsInt)
        {
            int r = CompareIntFloat(b.AsInt, a.AsFloat);
            return r == Unordered ? r : -r;
        }
        double x = a.AsFloat, y = b.AsFloat;
        if (x < y) return -1;
        if (x > y) return 1;
        return x == y ? 0 : Unordered;
    }

    /// <summary>
    /// Compares an int with a float without rounding either: converting the int to double would make
    /// 2^53 + 1 equal 2^53 as a float. Within the int range, compare against floor(f), then its fraction.
    /// </summary>
    private static int CompareIntFloat(long i, double f)
    {
        if (double.IsNaN(f)) return Unordered;
        const double TwoTo63 = 9223372036854775808.0;
        if (f >= TwoTo63) return -1;
        if (f < -TwoTo63) return 1;
        double floor = Math.Floor(f);
        long whole = (long)floor;   // exact: -2^63 <= floor < 2^63
        if (i < whole) return -1;
        if (i > whole) return 1;
        return floor == f ? 0 : -1;
    }
}
