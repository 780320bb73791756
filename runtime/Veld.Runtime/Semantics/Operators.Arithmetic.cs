using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// <c>+ - * / % *^</c> and unary minus. Two ints stay int with checked overflow; a float on either side
/// makes both floats. Each operator is an inlinable int fast path plus an out-of-line slow path, so a tier
/// that calls these directly pays no allocation and little more than a type test for ints.
/// </summary>
public static partial class Operators
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Add(Value a, Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt, r = unchecked(x + y);
            // Overflow iff both operands have the same sign and the result's sign differs.
            if (((x ^ r) & (y ^ r)) < 0) throw Fail.Overflow("'+'");
            return Value.FromInt(r);
        }
        return AddSlow(a, b);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Value AddSlow(Value a, Value b)
    {
        if (a.IsNumber && b.IsNumber) return Value.FromFloat(a.AsNumber + b.AsNumber);
        if (a.Is<VeldString>(out var sa))
        {
            if (b.Is<VeldString>(out var sb)) return Value.FromString(Strings.Concat(sa.Text, sb.Text));
            throw Fail.Type($"cannot apply '+' to str and {Display.TypeName(b)} (convert with .to_str())");
        }
        if (b.Kind == ValueKind.Str)
            throw Fail.Type($"cannot apply '+' to {Display.TypeName(a)} and str (convert with .to_str())");
        throw Fail.Binary("+", a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Sub(Value a, Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt, r = unchecked(x - y);
            // Overflow iff the operands have different signs and the result's sign differs from x's.
            if (((x ^ y) & (x ^ r)) < 0) throw Fail.Overflow("'-'");
            return Value.FromInt(r);
        }
        return SubSlow(a, b);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Value SubSlow(Value a, Value b)
    {
        if (a.IsNumber && b.IsNumber) return Value.FromFloat(a.AsNumber - b.AsNumber);
        throw Fail.Binary("-", a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Mul(Value a, Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long high = Math.BigMul(a.AsInt, b.AsInt, out long low);
            // The 128-bit product fits in 64 bits iff the high half is the sign extension of the low half.
            if (high != (low >> 63)) throw Fail.Overflow("'*'");
            return Value.FromInt(low);
        }
        return MulSlow(a, b);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Value MulSlow(Value a, Value b)
    {
        if (a.IsNumber && b.IsNumber) return Value.FromFloat(a.AsNumber * b.AsNumber);
        throw Fail.Binary("*", a, b);
    }

    /// <summary><c>/</c>: ints truncate toward zero; division by zero (int or float) is DivisionByZero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Div(Value a, Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt;
            if (y == 0) throw Fail.DivisionByZero("/");
            if (y == -1)
            {
                if (x == long.MinValue) throw Fail.Overflow("'/'");
                return Value.FromInt(-x);
            }
            return Value.FromInt(x / y);
        }
        return DivSlow(a, b);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Value DivSlow(Value a, Value b)
    {
        if (a.IsNumber && b.IsNumber)
        {
            double y = b.AsNumber;
            if (y == 0.0) throw Fail.DivisionByZero("/");
            return Value.FromFloat(a.AsNumber / y);
        }
        throw Fail.Binary("/", a, b);
    }

    /// <summary><c>%</c>: truncated remainder (sign of the dividend) on ints, fmod on floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Mod(Value a, Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt;
            if (y == 0) throw Fail.DivisionByZero("%");
            // long.MinValue % -1 traps in hardware; the mathematical answer is 0.
            if (y == -1) return Value.FromInt(0);
            return Value.FromInt(x % y);
        }
        return ModSlow(a, b);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Value ModSlow(Value a, Value b)
    {
        if (a.IsNumber && b.IsNumber)
        {
            double y = b.AsNumber;
            if (y == 0.0) throw Fail.DivisionByZero("%");
            return Value.FromFloat(a.AsNumber % y /* C#'s % on doubles is C's fmod */);
        }
        throw Fail.Binary("%", a, b);
    }

    /// <summary>
    /// <c>*^</c>: an int to a non-negative int power is an int (checked); a negative exponent or a float
    /// operand gives a float (IEEE pow: <c>0.0 *^ -1</c> is inf, never an error).
    /// </summary>
    public static Value Pow(Value a, Value b)
    {
        if (a.IsInt && b.IsInt && b.AsInt >= 0) return Value.FromInt(IntPow(a.AsInt, b.AsInt));
        if (a.IsNumber && b.IsNumber) return Value.FromFloat(Math.Pow(a.AsNumber, b.AsNumber));
        throw Fail.Binary("*^", a, b);
    }

    /// <summary>
    /// Exponentiation by squaring with every multiplication checked. The base is squared only while
    /// exponent bits remain, and any remaining bit means the result contains that square as a factor,
    /// so an overflowing square always means an overflowing result (no false alarms).
    /// </summary>
    private static long IntPow(long baseValue, long exponent)
    {
        long result = 1;
        while (true)
        {
            if ((exponent & 1) != 0) result = CheckedMul(result, baseValue);
            exponent >>= 1;
            if (exponent == 0) return result;
            baseValue = CheckedMul(baseValue, baseValue);
        }
    }

    private static long CheckedMul(long x, long y)
    {
        long high = Math.BigMul(x, y, out long low);
        if (high != (low >> 63)) throw Fail.Overflow("'*^'");
        return low;
    }

    /// <summary>Unary <c>-</c>: ints checked (negating i64 min overflows), floats flip sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Negate(Value a)
    {
        if (a.IsInt)
        {
            if (a.AsInt == long.MinValue) throw Fail.Overflow("negation");
            return Value.FromInt(-a.AsInt);
        }
        if (a.IsFloat) return Value.FromFloat(-a.AsFloat);
        throw Fail.Unary("-", a);
    }
}
