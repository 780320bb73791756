using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// <c>&amp; | ^ &lt;&lt; &gt;&gt;</c>: ints only. Shift counts outside 0..63 are runtime error Value;
/// <c>&lt;&lt;</c> drops bits shifted out (no overflow check), <c>&gt;&gt;</c> is arithmetic (keeps the sign).
/// </summary>
public static partial class Operators
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value BitAnd(Value a, Value b) => FastArithmetic.TryBitAnd(in a, in b, out var r) ? r : BitAndSlow(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value BitAndSlow(Value a, Value b)
    {
        if (a.IsInt && b.IsInt) return Value.FromInt(a.AsInt & b.AsInt);
        throw Fail.Binary("&", a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value BitOr(Value a, Value b) => FastArithmetic.TryBitOr(in a, in b, out var r) ? r : BitOrSlow(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value BitOrSlow(Value a, Value b)
    {
        if (a.IsInt && b.IsInt) return Value.FromInt(a.AsInt | b.AsInt);
        throw Fail.Binary("|", a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value BitXor(Value a, Value b) => FastArithmetic.TryBitXor(in a, in b, out var r) ? r : BitXorSlow(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value BitXorSlow(Value a, Value b)
    {
        if (a.IsInt && b.IsInt) return Value.FromInt(a.AsInt ^ b.AsInt);
        throw Fail.Binary("^", a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Shl(Value a, Value b)
    {
        int count = ShiftCount(a, b, "<<");
        return Value.FromInt(a.AsInt << count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Shr(Value a, Value b)
    {
        int count = ShiftCount(a, b, ">>");
        return Value.FromInt(a.AsInt >> count);
    }

    /// <summary>The shift count of <c>a op b</c>; both operands must be ints.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ShiftCount(Value a, Value b, string op)
    {
        if (!(a.IsInt && b.IsInt)) throw Fail.Binary(op, a, b);
        long count = b.AsInt;
        // C# masks the count to 6 bits; Veld rejects what the mask would silently change.
        if ((ulong)count > 63) throw ShiftCountOutOfRange(count);
        return (int)count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static VeldRuntimeException ShiftCountOutOfRange(long count) => Fail.Value($"shift count {count} outside 0..63");
}
