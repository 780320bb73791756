using Veld.Runtime;

namespace Veld.Jit;

// Compiled code keeps operands on the IL evaluation stack by value, while the runtime's fast paths take
// `in` parameters (a managed address). These by-value entry points let the emitter call the runtime's
// one definition of each operator: each forwards, unchanged, to runtime/Veld.Runtime/FastPaths.

/// <summary>Arithmetic for compiled code: <see cref="FastArithmetic"/> by value.</summary>
internal static class Arith
{
    public static Value Add(Value a, Value b) => FastArithmetic.Add(in a, in b);
    public static Value Sub(Value a, Value b) => FastArithmetic.Sub(in a, in b);
    public static Value Mul(Value a, Value b) => FastArithmetic.Mul(in a, in b);
    public static Value Div(Value a, Value b) => FastArithmetic.Div(in a, in b);
    public static Value Mod(Value a, Value b) => FastArithmetic.Mod(in a, in b);
    public static Value BAnd(Value a, Value b) => FastArithmetic.BitAnd(in a, in b);
    public static Value BOr(Value a, Value b) => FastArithmetic.BitOr(in a, in b);
    public static Value BXor(Value a, Value b) => FastArithmetic.BitXor(in a, in b);
    public static Value AddInt(Value a, int imm) => FastArithmetic.AddImmediate(in a, imm);
    public static Value SubInt(Value a, int imm) => FastArithmetic.SubImmediate(in a, imm);
    public static Value Negate(Value a) => FastArithmetic.Negate(in a);
}

/// <summary>Comparisons for compiled code: <see cref="FastComparison"/> by value.</summary>
internal static class Compare
{
    public static bool Equal(Value a, Value b) => FastComparison.Equal(in a, in b);
    public static bool Less(Value a, Value b) => FastComparison.Less(in a, in b);
    public static bool LessEqual(Value a, Value b) => FastComparison.LessEqual(in a, in b);
    public static bool Greater(Value a, Value b) => FastComparison.Greater(in a, in b);
    public static bool GreaterEqual(Value a, Value b) => FastComparison.GreaterEqual(in a, in b);
    public static bool EqualInt(Value a, int imm) => FastComparison.EqualImmediate(in a, imm);
    public static bool LessInt(Value a, int imm) => FastComparison.LessImmediate(in a, imm);
    public static bool LessEqualInt(Value a, int imm) => FastComparison.LessEqualImmediate(in a, imm);
    public static bool GreaterInt(Value a, int imm) => FastComparison.GreaterImmediate(in a, imm);
    public static bool GreaterEqualInt(Value a, int imm) => FastComparison.GreaterEqualImmediate(in a, imm);
}

/// <summary>Indexing for compiled code: <see cref="FastIndexing"/> by value.</summary>
internal static class Access
{
    public static Value GetIndex(Value target, Value index) => FastIndexing.GetIndex(in target, in index);
    public static void SetIndex(Value target, Value index, Value value) => FastIndexing.SetIndex(in target, in index, in value);

    // An index kept in a typed int register: no boxing to test an array's bounds; anything else (a map, a str,
    // an index out of range) takes the runtime's general case, which raises the error.

    public static Value GetIndexAt(Value target, long index) =>
        target.AsArray is { } array && (ulong)index < (ulong)array.Count
            ? array.Get((int)index)
            : Operators.GetIndexSlow(target, Value.FromInt(index));

    public static void SetIndexAt(Value target, long index, Value value)
    {
        if (target.AsArray is { } array && (ulong)index < (ulong)array.Count) array.Set((int)index, value);
        else Operators.SetIndexSlow(target, Value.FromInt(index), value);
    }
}
