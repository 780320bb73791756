using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// The inline fast paths of the arithmetic operators, shared by every compiled tier (and a future JIT).
/// Each <c>Try</c> method handles only the int/int and float/float cases whose result is certain and never
/// throws; it declines (returns false) on overflow, a zero divisor, mixed or non-number operands, and the
/// caller then runs the runtime operator (<see cref="Operators"/>), which computes the general case or
/// raises the error. The <c>Value</c>-returning forms do exactly that in one call. A property test checks
/// that every fast path agrees with its slow path.
/// </summary>
public static class FastArithmetic
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryAdd(in Value a, in Value b, out Value result)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt, r = unchecked(x + y);
            // Overflow iff both operands have the same sign and the result's sign differs.
            if (((x ^ r) & (y ^ r)) >= 0) { result = Value.FromInt(r); return true; }
        }
        else if (a.IsFloat && b.IsFloat) { result = Value.FromFloat(a.AsFloat + b.AsFloat); return true; }
        result = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TrySub(in Value a, in Value b, out Value result)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt, r = unchecked(x - y);
            // Overflow iff the operands have different signs and the result's sign differs from x's.
            if (((x ^ y) & (x ^ r)) >= 0) { result = Value.FromInt(r); return true; }
        }
        else if (a.IsFloat && b.IsFloat) { result = Value.FromFloat(a.AsFloat - b.AsFloat); return true; }
        result = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryMul(in Value a, in Value b, out Value result)
    {
        if (a.IsInt && b.IsInt)
        {
            long high = Math.BigMul(a.AsInt, b.AsInt, out long low);
            // The 128-bit product fits in 64 bits iff the high half is the sign extension of the low half.
            if (high == (low >> 63)) { result = Value.FromInt(low); return true; }
        }
        else if (a.IsFloat && b.IsFloat) { result = Value.FromFloat(a.AsFloat * b.AsFloat); return true; }
        result = default;
        return false;
    }

    /// <summary>Ints truncate toward zero; a zero divisor (int or float) and min / -1 decline (they are errors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryDiv(in Value a, in Value b, out Value result)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt;
            if (y != 0 && !(y == -1 && x == long.MinValue)) { result = Value.FromInt(x / y); return true; }
        }
        else if (a.IsFloat && b.IsFloat && b.AsFloat != 0) { result = Value.FromFloat(a.AsFloat / b.AsFloat); return true; }
        result = default;
        return false;
    }

    /// <summary>Truncated remainder (sign of the dividend) of two ints; x % -1 is 0 (min % -1 traps in hardware).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryMod(in Value a, in Value b, out Value result)
    {
        if (a.IsInt && b.IsInt)
        {
            long y = b.AsInt;
            if (y == -1) { result = Value.FromInt(0); return true; }
            if (y != 0) { result = Value.FromInt(a.AsInt % y); return true; }
        }
        result = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryBitAnd(in Value a, in Value b, out Value result)
    {
        bool ints = a.IsInt && b.IsInt;
        result = ints ? Value.FromInt(a.AsInt & b.AsInt) : default;
        return ints;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryBitOr(in Value a, in Value b, out Value result)
    {
        bool ints = a.IsInt && b.IsInt;
        result = ints ? Value.FromInt(a.AsInt | b.AsInt) : default;
        return ints;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryBitXor(in Value a, in Value b, out Value result)
    {
        bool ints = a.IsInt && b.IsInt;
        result = ints ? Value.FromInt(a.AsInt ^ b.AsInt) : default;
        return ints;
    }

    /// <summary>An int plus a small immediate operand (the register VM's ADDI).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryAddImmediate(in Value a, int imm, out Value result)
    {
        if (a.IsInt)
        {
            long x = a.AsInt, r = unchecked(x + imm);
            if (((x ^ r) & (imm ^ r)) >= 0) { result = Value.FromInt(r); return true; }
        }
        result = default;
        return false;
    }

    /// <summary>An int minus a small immediate operand (the register VM's SUBI).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TrySubImmediate(in Value a, int imm, out Value result)
    {
        if (a.IsInt)
        {
            long x = a.AsInt, r = unchecked(x - imm);
            if (((x ^ imm) & (x ^ r)) >= 0) { result = Value.FromInt(r); return true; }
        }
        result = default;
        return false;
    }

    /// <summary>Unary minus: ints except min (whose negation overflows), and floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryNegate(in Value a, out Value result)
    {
        if (a.IsInt && a.AsInt != long.MinValue) { result = Value.FromInt(-a.AsInt); return true; }
        if (a.IsFloat) { result = Value.FromFloat(-a.AsFloat); return true; }
        result = default;
        return false;
    }

    // ---- into a register: registers[slot] = a OP b ------------------------------------------------------------------
    // The register VM's ADD/SUB/MUL/DIV (and their K forms). Each branch stores its own fresh value, whose reference
    // (null for an int, the frozen float tag for a float) the JIT writes without a GC write barrier; the Value-returning
    // forms merge the int, float and slow results into one value of a kind the JIT cannot see, and a store of that is
    // tested again (Value.Store) or is a barrier call. One inline with no result temporary also keeps the dispatch
    // method under the JIT's limit on locals, past which it stops inlining. That limit is also why these repeat the Try
    // forms' int tests instead of sharing an `out long` helper with them: tried in session 11, the helper's temporaries
    // put the dispatch method over it (calls to Closure.Proto and Nullable<long> came back into its listing). Both
    // operands are read before the store (the slot may be one of them).

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddInto(Value[] registers, int slot, in Value a, in Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt, r = unchecked(x + y);
            if (((x ^ r) & (y ^ r)) >= 0) { registers[slot] = Value.FromInt(r); return; }
        }
        else if (a.IsFloat && b.IsFloat) { registers[slot] = Value.FromFloat(a.AsFloat + b.AsFloat); return; }
        registers[slot] = Operators.AddSlow(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubInto(Value[] registers, int slot, in Value a, in Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt, r = unchecked(x - y);
            if (((x ^ y) & (x ^ r)) >= 0) { registers[slot] = Value.FromInt(r); return; }
        }
        else if (a.IsFloat && b.IsFloat) { registers[slot] = Value.FromFloat(a.AsFloat - b.AsFloat); return; }
        registers[slot] = Operators.SubSlow(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MulInto(Value[] registers, int slot, in Value a, in Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long high = Math.BigMul(a.AsInt, b.AsInt, out long low);
            if (high == (low >> 63)) { registers[slot] = Value.FromInt(low); return; }
        }
        else if (a.IsFloat && b.IsFloat) { registers[slot] = Value.FromFloat(a.AsFloat * b.AsFloat); return; }
        registers[slot] = Operators.MulSlow(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DivInto(Value[] registers, int slot, in Value a, in Value b)
    {
        if (a.IsInt && b.IsInt)
        {
            long x = a.AsInt, y = b.AsInt;
            if (y != 0 && !(y == -1 && x == long.MinValue)) { registers[slot] = Value.FromInt(x / y); return; }
        }
        else if (a.IsFloat && b.IsFloat && b.AsFloat != 0) { registers[slot] = Value.FromFloat(a.AsFloat / b.AsFloat); return; }
        registers[slot] = Operators.DivSlow(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ModInto(Value[] registers, int slot, in Value a, in Value b)
    {
        if (TryMod(in a, in b, out var r)) registers[slot] = Value.FromInt(r.AsInt);
        else registers[slot] = Operators.ModSlow(a, b);
    }

    /// <summary>The register VM's ADDI into its register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddImmediateInto(Value[] registers, int slot, in Value a, int imm)
    {
        if (a.IsInt)
        {
            long x = a.AsInt, r = unchecked(x + imm);
            if (((x ^ r) & (imm ^ r)) >= 0) { registers[slot] = Value.FromInt(r); return; }
        }
        registers[slot] = Operators.AddSlow(a, Value.FromInt(imm));
    }

    /// <summary>The register VM's SUBI into its register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubImmediateInto(Value[] registers, int slot, in Value a, int imm)
    {
        if (a.IsInt)
        {
            long x = a.AsInt, r = unchecked(x - imm);
            if (((x ^ imm) & (x ^ r)) >= 0) { registers[slot] = Value.FromInt(r); return; }
        }
        registers[slot] = Operators.SubSlow(a, Value.FromInt(imm));
    }

    // ---- fast path, else the runtime operator's general case ---------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Add(in Value a, in Value b) => TryAdd(in a, in b, out var r) ? r : Operators.AddSlow(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Sub(in Value a, in Value b) => TrySub(in a, in b, out var r) ? r : Operators.SubSlow(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Mul(in Value a, in Value b) => TryMul(in a, in b, out var r) ? r : Operators.MulSlow(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Div(in Value a, in Value b) => TryDiv(in a, in b, out var r) ? r : Operators.DivSlow(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Mod(in Value a, in Value b) => TryMod(in a, in b, out var r) ? r : Operators.ModSlow(a, b);
    public static Value BitAnd(in Value a, in Value b) => TryBitAnd(in a, in b, out var r) ? r : Operators.BitAndSlow(a, b);
    public static Value BitOr(in Value a, in Value b) => TryBitOr(in a, in b, out var r) ? r : Operators.BitOrSlow(a, b);
    public static Value BitXor(in Value a, in Value b) => TryBitXor(in a, in b, out var r) ? r : Operators.BitXorSlow(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value AddImmediate(in Value a, int imm) =>
        TryAddImmediate(in a, imm, out var r) ? r : Operators.AddSlow(a, Value.FromInt(imm));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value SubImmediate(in Value a, int imm) =>
        TrySubImmediate(in a, imm, out var r) ? r : Operators.SubSlow(a, Value.FromInt(imm));
    public static Value Negate(in Value a) => TryNegate(in a, out var r) ? r : Operators.NegateSlow(a);
}
