using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// <c>==</c> / <c>!=</c>. Never a Type error: values of different kinds are simply unequal. Numbers compare
/// by exact value (<c>1 == 1.0</c>); strings, tuples, arrays, maps, structs, enums and ranges structurally;
/// functions by identity. There is deliberately no identity shortcut for containers, so an array holding
/// NaN is unequal to itself and comparing a cyclic value always ends in the depth error, on every tier.
/// Shared parts are compared once (<see cref="ProvenEqualPairs"/>), so the time is linear in the containers.
/// </summary>
public static partial class Operators
{
    /// <summary><c>==</c>: never fails, except runtime error Value past 1000 levels of nesting (a cycle).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(Value a, Value b) => FastComparison.TryEqual(in a, in b, out bool r) ? r : EqualSlow(a, b);

    public static bool EqualSlow(Value a, Value b)
    {
        var proven = new ProvenEqualPairs();
        return EqualAt(a, b, 0, ref proven);
    }

    /// <summary><paramref name="depth"/> is the number of containers entered above this comparison.</summary>
    private static bool EqualAt(Value a, Value b, int depth, ref ProvenEqualPairs proven)
    {
        if (a.IsNumber) return b.IsNumber && CompareNumbers(a, b) == 0;
        if (a.IsBool) return b.IsBool && a.AsBool == b.AsBool;
        if (a.IsUnit) return b.IsUnit;
        HeapObject? x = a.AsObject, y = b.AsObject;
        if (x is null || y is null || x.Kind != y.Kind) return false;

        switch (x)
        {
            case VeldString sx:
                return string.Equals(sx.Text, ((VeldString)y).Text, StringComparison.Ordinal);
            case FunctionObject:
                return ReferenceEquals(x, y);
            case VeldRange rx:
                var ry = (VeldRange)y;
                return rx.Start == ry.Start && rx.End == ry.End && rx.Inclusive == ry.Inclusive;
        }

        if (depth >= RuntimeLimits.MaxCompareDepth) throw TooDeep();
        if (proven.TryGetProven(x, y, out int height))
        {
            // The unfolded comparison would go through the same containers again, as deep below this one.
            if (depth + height >= RuntimeLimits.MaxCompareDepth) throw TooDeep();
            proven.Deepest = Math.Max(proven.Deepest, depth + height);
            return true;
        }
        // The depth bound keeps this far from the end of a run thread's stack; this guards callers that
        // arrive with little stack left (the runtime's recursion must never crash the process).
        NativeStack.Ensure();

        int deepestOutside = proven.Deepest;
        proven.Deepest = depth;
        bool equal = ContainersEqual(x, y, depth + 1, ref proven);
        if (equal) proven.RememberEqual(x, y, proven.Deepest - depth);
        proven.Deepest = Math.Max(deepestOutside, proven.Deepest);
        return equal;
    }

    private static VeldRuntimeException TooDeep() =>
        Fail.Value($"comparison nested deeper than {RuntimeLimits.MaxCompareDepth} levels (a cyclic value?)");

    /// <summary>Two containers of the same kind; <paramref name="depth"/> counts this one.</summary>
    private static bool ContainersEqual(HeapObject x, HeapObject y, int depth, ref ProvenEqualPairs proven)
    {
        switch (x)
        {
            case VeldArray ax:
            {
                var ay = (VeldArray)y;
                if (ax.Count != ay.Count) return false;
                for (int i = 0; i < ax.Count; i++)
                    if (!EqualAt(ax[i], ay[i], depth, ref proven)) return false;
                return true;
            }
            case VeldTuple tx:
                return ItemsEqual(tx.Items, ((VeldTuple)y).Items, depth, ref proven);
            case VeldMap mx:
            {
                // Same key set and equal values; insertion order does not matter.
                var my = (VeldMap)y;
                if (mx.Count != my.Count) return false;
                for (int i = 0; i < mx.Count; i++)
                {
                    var (key, value) = mx.EntryAt(i);
                    if (!my.TryGet(key, out var other) || !EqualAt(value, other, depth, ref proven)) return false;
                }
                return true;
            }
            case StructInstance sx:
            {
                var sy = (StructInstance)y;
                return sx.Type.Name == sy.Type.Name && ItemsEqual(sx.Fields, sy.Fields, depth, ref proven);
            }
            case EnumInstance ex:
            {
                var ey = (EnumInstance)y;
                return ex.Type.Name == ey.Type.Name && ex.Variant == ey.Variant && ItemsEqual(ex.Payload, ey.Payload, depth, ref proven);
            }
            default:
                return ReferenceEquals(x, y);
        }
    }

    private static bool ItemsEqual(Value[] xs, Value[] ys, int depth, ref ProvenEqualPairs proven)
    {
        if (xs.Length != ys.Length) return false;
        for (int i = 0; i < xs.Length; i++)
            if (!EqualAt(xs[i], ys[i], depth, ref proven)) return false;
        return true;
    }
}
