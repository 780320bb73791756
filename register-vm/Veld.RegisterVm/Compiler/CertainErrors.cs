using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// The constant operations the <see cref="ConstantFolder"/> can tell will raise without running them. A runtime
/// error is a .NET exception, and throwing and catching one costs more than compiling the rest of a small program,
/// while every error test of the corpus folds one (<c>1 + "a"</c>, <c>i64 max + 1</c>). Only cases that certainly
/// raise are listed, read off the operators' own rules (<see cref="Operators"/>, whose fast paths decline exactly
/// on the errors); everything else is left to the operator under the folder's catch, so a case missing here only
/// costs time, never a different result.
/// </summary>
internal static class CertainErrors
{
    public static bool OfBinary(BinaryOp op, Value a, Value b)
    {
        bool ints = a.IsInt && b.IsInt;
        bool numbers = a.IsNumber && b.IsNumber;
        return op switch
        {
            // On two ints each fast path declines only on an error: overflow, a zero divisor, i64 min / -1.
            BinaryOp.Add => ints ? !FastArithmetic.TryAdd(in a, in b, out _)
                : !numbers && !(a.Kind == ValueKind.Str && b.Kind == ValueKind.Str),
            BinaryOp.Sub => ints ? !FastArithmetic.TrySub(in a, in b, out _) : !numbers,
            BinaryOp.Mul => ints ? !FastArithmetic.TryMul(in a, in b, out _) : !numbers,
            BinaryOp.Div => ints ? !FastArithmetic.TryDiv(in a, in b, out _) : !numbers || b.AsNumber == 0.0,
            BinaryOp.Mod => ints ? !FastArithmetic.TryMod(in a, in b, out _) : !numbers || b.AsNumber == 0.0,
            // Ints to a non-negative power are checked at every multiplication; any other pair of numbers is a float power.
            BinaryOp.Pow => ints && b.AsInt >= 0 ? PowOverflows(a.AsInt, b.AsInt) : !numbers,
            BinaryOp.BitAnd or BinaryOp.BitOr or BinaryOp.BitXor => !ints,
            BinaryOp.Shl or BinaryOp.Shr => !ints || (ulong)b.AsInt > 63,
            // Numbers order with numbers and strings with strings; equality never raises.
            BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge =>
                !numbers && !(a.Kind == ValueKind.Str && b.Kind == ValueKind.Str),
            _ => false,
        };
    }

    /// <summary>The casts of a scalar that raise: for its kind, a float out of the int range, a string that is
    /// not an int, a string that holds a character no float has.</summary>
    public static bool OfCast(Value v, CastTarget target) => target switch
    {
        CastTarget.Int => v.IsFloat ? !FitsInt(v.AsFloat)
            : v.Kind == ValueKind.Str ? !IsInt(v.As<VeldString>().Text)
            : !v.IsInt,
        CastTarget.Float => v.Kind == ValueKind.Str ? CannotBeFloat(v.As<VeldString>().Text) : !v.IsNumber,
        CastTarget.Bool => !v.IsBool,
        _ => false,
    };

    /// <summary>The runtime's int form, exactly: an optional sign, then ASCII digits, in the i64 range.</summary>
    private static bool IsInt(string s)
    {
        int start = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (start == s.Length) return false;
        for (int i = start; i < s.Length; i++)
            if (!char.IsAsciiDigit(s[i])) return false;
        return long.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);
    }

    /// <summary>Certainly not one of the runtime's float forms (a decimal with fraction and exponent, or a signed
    /// <c>inf</c> or <c>nan</c>): empty, or a character none of them has. The rest is left to the operator.</summary>
    private static bool CannotBeFloat(string s)
    {
        var body = s.AsSpan(s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0);
        if (body.SequenceEqual("inf") || body.SequenceEqual("nan")) return false;
        if (body.IsEmpty) return true;
        foreach (char c in body)
            if (!char.IsAsciiDigit(c) && c is not ('.' or 'e' or 'E' or '+' or '-')) return true;
        return false;
    }

    /// <summary>A float truncates to an int only when finite and, truncated, inside the i64 range.</summary>
    private static bool FitsInt(double d)
    {
        const double TwoTo63 = 9223372036854775808.0;
        double whole = Math.Truncate(d);
        return double.IsFinite(d) && whole < TwoTo63 && whole >= -TwoTo63;
    }

    /// <summary>Whether <c>x *^ n</c> (n ≥ 0) overflows: the runtime's exponentiation by squaring, each multiplication
    /// checked the same way, answering instead of raising.</summary>
    private static bool PowOverflows(long x, long n)
    {
        long result = 1;
        while (true)
        {
            if ((n & 1) != 0 && !TryMultiply(ref result, x)) return true;
            n >>= 1;
            if (n == 0) return false;
            if (!TryMultiply(ref x, x)) return true;
        }
    }

    private static bool TryMultiply(ref long x, long y)
    {
        long high = Math.BigMul(x, y, out long low);
        x = low;
        return high == (low >> 63);
    }

    public static bool OfUnary(UnaryOp op, Value a) => op == UnaryOp.Negate
        ? !a.IsFloat && !(a.IsInt && a.AsInt != long.MinValue)
        : !a.IsBool;
}
