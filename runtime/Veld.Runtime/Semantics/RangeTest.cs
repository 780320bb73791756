using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// The range pattern <c>lo..hi</c> / <c>lo..=hi</c>: it matches an int inside the range. Range patterns
/// are over ints, like ranges, so a value of any other type (a float too) does not match.
/// </summary>
public static class RangeTest
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Matches(in Value v, long low, long high, bool inclusive) =>
        v.IsInt && v.AsInt >= low && (inclusive ? v.AsInt <= high : v.AsInt < high);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Matches(in Value v, VeldRange range) => Matches(in v, range.Start, range.End, range.Inclusive);
}
