using System.Runtime.CompilerServices;
using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// Inline fast paths of the arithmetic instructions. Each handles the int/float cases whose result is
/// certain and hands everything else (overflow, division by zero, other types) to <see cref="Operators"/>,
/// which raises the error or computes the general case. They must agree with the runtime exactly; the
/// differential tests against the tree-walk tier check that they do.
/// </summary>
internal static class Arith
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Add(Value a, Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt, r = unchecked(x + y);
            if (((x ^ r) & (y ^ r)) >= 0) return Value.FromInt(r);
        }
        else if (a.IsFloat && b.IsFloat) return Value.FromFloat(a.AsFloat + b.AsFloat);
        return Operators.Add(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Sub(Value a, Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt, r = unchecked(x - y);
            if (((x ^ y) & (x ^ r)) >= 0) return Value.FromInt(r);
        }
        else if (a.IsFloat && b.IsFloat) return Value.FromFloat(a.AsFloat - b.AsFloat);
        return Operators.Sub(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Mul(Value a, Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long high = Math.BigMul(a.AsInt, b.AsInt, out long low);
            if (high == (low >> 63)) return Value.FromInt(low);
        }
        else if (a.IsFloat && b.IsFloat) return Value.FromFloat(a.AsFloat * b.AsFloat);
        return Operators.Mul(a, b);
    }

    /// <summary>Ints truncate toward zero; zero divisors and min / -1 go to the runtime (errors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Div(Value a, Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt;
            if (y != 0 && !(y == -1 && x == long.MinValue)) return Value.FromInt(x / y);
        }
        else if (a.IsFloat && b.IsFloat && b.AsFloat != 0) return Value.FromFloat(a.AsFloat / b.AsFloat);
        return Operators.Div(a, b);
    }

    /// <summary>Truncated remainder (sign of the dividend); min % -1 is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Mod(Value a, Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long y = b.AsInt;
            if (y == -1) return Value.FromInt(0);
            if (y != 0) return Value.FromInt(a.AsInt % y);
        }
        return Operators.Mod(a, b);
    }

    public static Value BAnd(Value a, Value b) => a.IsInt && b.IsInt ? Value.FromInt(a.AsInt & b.AsInt) : Operators.BitAnd(a, b);
    public static Value BOr(Value a, Value b) => a.IsInt && b.IsInt ? Value.FromInt(a.AsInt | b.AsInt) : Operators.BitOr(a, b);
    public static Value BXor(Value a, Value b) => a.IsInt && b.IsInt ? Value.FromInt(a.AsInt ^ b.AsInt) : Operators.BitXor(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value AddInt(Value a, int imm)
    {
        if (a.IsInt)
        {
            long x = a.AsInt, r = unchecked(x + imm);
            if (((x ^ r) & (imm ^ r)) >= 0) return Value.FromInt(r);
        }
        return Operators.Add(a, Value.FromInt(imm));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value SubInt(Value a, int imm)
    {
        if (a.IsInt)
        {
            long x = a.AsInt, r = unchecked(x - imm);
            if (((x ^ imm) & (x ^ r)) >= 0) return Value.FromInt(r);
        }
        return Operators.Sub(a, Value.FromInt(imm));
    }

    public static Value Negate(Value a)
    {
        if (a.IsInt && a.AsInt != long.MinValue) return Value.FromInt(-a.AsInt);
        if (a.IsFloat) return Value.FromFloat(-a.AsFloat);
        return Operators.Negate(a);
    }
}

/// <summary>Fast paths of the comparison tests: int against int, and ordering of two floats.</summary>
internal static class Compare
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(Value a, Value b) => a.IsInt && b.IsInt ? a.AsInt == b.AsInt : Operators.Equal(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Less(Value a, Value b) =>
        a.IsInt && b.IsInt ? a.AsInt < b.AsInt : a.IsFloat && b.IsFloat ? a.AsFloat < b.AsFloat : Operators.Less(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessEqual(Value a, Value b) =>
        a.IsInt && b.IsInt ? a.AsInt <= b.AsInt : a.IsFloat && b.IsFloat ? a.AsFloat <= b.AsFloat : Operators.LessEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Greater(Value a, Value b) =>
        a.IsInt && b.IsInt ? a.AsInt > b.AsInt : a.IsFloat && b.IsFloat ? a.AsFloat > b.AsFloat : Operators.Greater(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterEqual(Value a, Value b) =>
        a.IsInt && b.IsInt ? a.AsInt >= b.AsInt : a.IsFloat && b.IsFloat ? a.AsFloat >= b.AsFloat : Operators.GreaterEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EqualInt(Value a, int imm) => a.IsInt ? a.AsInt == imm : Operators.Equal(a, Value.FromInt(imm));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessInt(Value a, int imm) => a.IsInt ? a.AsInt < imm : Operators.Less(a, Value.FromInt(imm));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessEqualInt(Value a, int imm) => a.IsInt ? a.AsInt <= imm : Operators.LessEqual(a, Value.FromInt(imm));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterInt(Value a, int imm) => a.IsInt ? a.AsInt > imm : Operators.Greater(a, Value.FromInt(imm));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterEqualInt(Value a, int imm) => a.IsInt ? a.AsInt >= imm : Operators.GreaterEqual(a, Value.FromInt(imm));
}

/// <summary>Fast paths of indexing: an array by an int in range.</summary>
internal static class Access
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value GetIndex(Value target, Value index)
    {
        if (target.AsObject is VeldArray array && index.IsInt && (ulong)index.AsInt < (ulong)array.Count)
            return array[(int)index.AsInt];
        return Operators.GetIndex(target, index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetIndex(Value target, Value index, Value value)
    {
        if (target.AsObject is VeldArray array && index.IsInt && (ulong)index.AsInt < (ulong)array.Count)
            array[(int)index.AsInt] = value;
        else
            Operators.SetIndex(target, index, value);
    }
}

/// <summary>Pattern tests that are not plain equality.</summary>
internal static class Patterns
{
    /// <summary>A range pattern <c>lo..hi</c> / <c>lo..=hi</c> matches an int inside it.</summary>
    public static bool InRange(Value v, VeldRange range) =>
        v.IsInt && v.AsInt >= range.Start && (range.Inclusive ? v.AsInt <= range.End : v.AsInt < range.End);
}
