using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// The inline fast paths of <c>== &lt; &lt;= &gt; &gt;=</c>: int against int (and, for the orderings, float
/// against float, where IEEE order is Veld's order, NaN unordered). They never throw; anything else
/// declines and the caller runs the runtime operator (<see cref="Operators"/>). The <c>bool</c>-returning
/// forms do both in one call; the <c>Immediate</c> forms compare with a small int operand.
/// </summary>
public static class FastComparison
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryEqual(in Value a, in Value b, out bool result)
    {
        bool ints = a.IsInt && b.IsInt;
        result = ints && a.AsInt == b.AsInt;
        return ints;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryLess(in Value a, in Value b, out bool result)
    {
        if (a.IsInt && b.IsInt) { result = a.AsInt < b.AsInt; return true; }
        if (a.IsFloat && b.IsFloat) { result = a.AsFloat < b.AsFloat; return true; }
        result = false;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryLessEqual(in Value a, in Value b, out bool result)
    {
        if (a.IsInt && b.IsInt) { result = a.AsInt <= b.AsInt; return true; }
        if (a.IsFloat && b.IsFloat) { result = a.AsFloat <= b.AsFloat; return true; }
        result = false;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGreater(in Value a, in Value b, out bool result)
    {
        if (a.IsInt && b.IsInt) { result = a.AsInt > b.AsInt; return true; }
        if (a.IsFloat && b.IsFloat) { result = a.AsFloat > b.AsFloat; return true; }
        result = false;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGreaterEqual(in Value a, in Value b, out bool result)
    {
        if (a.IsInt && b.IsInt) { result = a.AsInt >= b.AsInt; return true; }
        if (a.IsFloat && b.IsFloat) { result = a.AsFloat >= b.AsFloat; return true; }
        result = false;
        return false;
    }

    // ---- fast path, else the runtime operator's general case ---------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(in Value a, in Value b) => TryEqual(in a, in b, out bool r) ? r : Operators.EqualSlow(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Less(in Value a, in Value b) => TryLess(in a, in b, out bool r) ? r : Operators.LessSlow(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessEqual(in Value a, in Value b) => TryLessEqual(in a, in b, out bool r) ? r : Operators.LessEqualSlow(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Greater(in Value a, in Value b) => TryGreater(in a, in b, out bool r) ? r : Operators.GreaterSlow(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterEqual(in Value a, in Value b) => TryGreaterEqual(in a, in b, out bool r) ? r : Operators.GreaterEqualSlow(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EqualImmediate(in Value a, int imm) => a.IsInt ? a.AsInt == imm : Operators.EqualSlow(a, Value.FromInt(imm));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessImmediate(in Value a, int imm) => a.IsInt ? a.AsInt < imm : Operators.LessSlow(a, Value.FromInt(imm));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessEqualImmediate(in Value a, int imm) => a.IsInt ? a.AsInt <= imm : Operators.LessEqualSlow(a, Value.FromInt(imm));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterImmediate(in Value a, int imm) => a.IsInt ? a.AsInt > imm : Operators.GreaterSlow(a, Value.FromInt(imm));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterEqualImmediate(in Value a, int imm) => a.IsInt ? a.AsInt >= imm : Operators.GreaterEqualSlow(a, Value.FromInt(imm));
}
