using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// <c>+ - * / % *^</c> and unary minus. Two ints stay int with checked overflow; a float on either side
/// makes both floats.
/// </summary>
public static partial class Operators
{
    // Each operator is the shared inline fast path (FastArithmetic) plus its general case, out of line.
    // The general case stands alone (it computes ints in 128 bits, not by the fast path's overflow
    // tricks), so the property test comparing the two checks one against an independent other.
    // The general cases (XSlow, here and in the other Operators files) are public for a caller that has
    // already tried the fast path, such as the stack VM's dispatch: calling X there would inline the fast
    // path a second time into every slow branch of an already huge method, and that alone cost the stack
    // VM about 12% on call-heavy code (docs/PERFORMANCE.md).

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Add(Value a, Value b) => FastArithmetic.TryAdd(in a, in b, out var r) ? r : AddSlow(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value AddSlow(Value a, Value b)
    {
        if (a.IsInt && b.IsInt) return CheckedInt((Int128)a.AsInt + b.AsInt, "'+'");
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
    public static Value Sub(Value a, Value b) => FastArithmetic.TrySub(in a, in b, out var r) ? r : SubSlow(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value SubSlow(Value a, Value b)
    {
        if (a.IsInt && b.IsInt) return CheckedInt((Int128)a.AsInt - b.AsInt, "'-'");
        if (a.IsNumber && b.IsNumber) return Value.FromFloat(a.AsNumber - b.AsNumber);
        throw Fail.Binary("-", a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Mul(Value a, Value b) => FastArithmetic.TryMul(in a, in b, out var r) ? r : MulSlow(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value MulSlow(Value a, Value b)
    {
        if (a.IsInt && b.IsInt) return CheckedInt((Int128)a.AsInt * b.AsInt, "'*'");
        if (a.IsNumber && b.IsNumber) return Value.FromFloat(a.AsNumber * b.AsNumber);
        throw Fail.Binary("*", a, b);
    }

    /// <summary>An exact int result, or runtime error Overflow if it does not fit in 64 bits.</summary>
    private static Value CheckedInt(Int128 exact, string op)
    {
        if (exact < long.MinValue || exact > long.MaxValue) throw Fail.Overflow(op);
        return Value.FromInt((long)exact);
    }

    /// <summary><c>/</c>: ints truncate toward zero; division by zero (int or float) is DivisionByZero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Div(Value a, Value b) => FastArithmetic.TryDiv(in a, in b, out var r) ? r : DivSlow(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value DivSlow(Value a, Value b) =>
        IntDivision(a, b, "/")
            ? CheckedInt((Int128)a.AsInt / b.AsInt, "'/'")   // only min / -1 does not fit
            : Value.FromFloat(a.AsNumber / b.AsNumber);

    /// <summary><c>%</c>: truncated remainder (sign of the dividend) on ints, fmod on floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Mod(Value a, Value b) => FastArithmetic.TryMod(in a, in b, out var r) ? r : ModSlow(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value ModSlow(Value a, Value b) =>
        IntDivision(a, b, "%")
            ? Value.FromInt((long)((Int128)a.AsInt % b.AsInt))   // in 128 bits min % -1 is simply 0 (in 64 bits it traps)
            : Value.FromFloat(a.AsNumber % b.AsNumber /* C#'s % on doubles is C's fmod */);

    /// <summary>
    /// The checks <c>/</c> and <c>%</c> share: both operands numbers (else Type) and a non-zero divisor, int
    /// or float (else DivisionByZero). True when both are ints, false when the operation is on floats.
    /// </summary>
    private static bool IntDivision(Value a, Value b, string op)
    {
        if (a.IsInt && b.IsInt)
        {
            if (b.AsInt == 0) throw Fail.DivisionByZero(op);
            return true;
        }
        if (a.IsNumber && b.IsNumber)
        {
            if (b.AsNumber == 0.0) throw Fail.DivisionByZero(op);
            return false;
        }
        throw Fail.Binary(op, a, b);
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
    public static Value Negate(Value a) => FastArithmetic.TryNegate(in a, out var r) ? r : NegateSlow(a);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value NegateSlow(Value a)
    {
        if (a.IsInt) return CheckedInt(-(Int128)a.AsInt, "negation");
        if (a.IsFloat) return Value.FromFloat(-a.AsFloat);
        throw Fail.Unary("-", a);
    }
}
