using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// The inline fast paths of <c>a[i]</c> and <c>a[i] = v</c>: an array indexed by an int inside it. Anything
/// else declines and the caller runs <see cref="Operators.GetIndex"/> / <see cref="Operators.SetIndex"/>,
/// which handle maps, strings, tuples and raise the errors.
/// </summary>
public static class FastIndexing
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetIndex(in Value target, in Value index, out Value result)
    {
        if (target.AsArray is { } array && index.IsInt && (ulong)index.AsInt < (ulong)array.Count)
        {
            result = array.Get((int)index.AsInt);
            return true;
        }
        result = default;
        return false;
    }

    /// <summary><c>registers[slot] = target[index]</c> when <see cref="TryGetIndex"/> would succeed (the register VM's
    /// GETINDEX): the element is stored as a fresh value of its storage's kind (<see cref="VeldArray.LoadInto"/>),
    /// without a GC write barrier for an int, float or bool. Reads both operands before it writes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryLoadIndex(in Value target, in Value index, Value[] registers, int slot)
    {
        if (target.AsArray is { } array && index.IsInt && (ulong)index.AsInt < (ulong)array.Count)
        {
            array.LoadInto((int)index.AsInt, registers, slot);
            return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TrySetIndex(in Value target, in Value index, in Value value)
    {
        if (target.AsArray is { } array && index.IsInt && (ulong)index.AsInt < (ulong)array.Count)
        {
            array.Set((int)index.AsInt, value);
            return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value GetIndex(in Value target, in Value index) =>
        TryGetIndex(in target, in index, out var r) ? r : Operators.GetIndexSlow(target, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetIndex(in Value target, in Value index, in Value value)
    {
        if (!TrySetIndex(in target, in index, in value)) Operators.SetIndexSlow(target, index, value);
    }
}
