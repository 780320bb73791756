namespace Veld.Runtime;

/// <summary>
/// What may be a map key: int, str, bool, or a tuple of those (docs/SPEC.md section 2). Floats are refused because
/// 1 == 1.0 would make two keys equal with different hashes; mutable containers because their hash
/// could change under the map. <see cref="VeldMap.Set"/> checks every key it stores.
/// </summary>
public static class MapKeys
{
    /// <summary>Type error unless <paramref name="key"/> is a valid map key.</summary>
    public static void Check(Value key)
    {
        if (key.IsInt || key.IsBool || key.Kind == ValueKind.Str) return;
        CheckSlow(key, 0);
    }

    /// <summary>Checks <paramref name="key"/> at nesting <paramref name="depth"/>; returns its tuple nesting height
    /// (0 for a scalar). A tuple checked before is not walked again (<see cref="VeldTuple.KeyHeight"/>), so a
    /// key built as <c>t = (t, t)</c> sixty times costs sixty steps, not 2^60 (issue 14).</summary>
    private static int CheckSlow(Value key, int depth)
    {
        if (key.IsInt || key.IsBool || key.Kind == ValueKind.Str) return 0;
        if (key.AsObject is VeldTuple tuple)
        {
            // Tuples are immutable, so they cannot cycle, but a program can still nest them absurdly deep.
            if (depth >= RuntimeLimits.MaxCompareDepth || depth + tuple.KeyHeight > RuntimeLimits.MaxCompareDepth)
                throw Fail.Value($"map key nested deeper than {RuntimeLimits.MaxCompareDepth} levels");
            if (tuple.KeyHeight > 0) return tuple.KeyHeight;
            int below = 0;
            foreach (var item in tuple.Items) below = Math.Max(below, CheckSlow(item, depth + 1));
            return tuple.KeyHeight = below + 1;
        }
        throw Fail.Type(depth == 0
            ? $"map key must be an int, str, bool or a tuple of those, got {Display.TypeName(key)}"
            : $"map key must be an int, str, bool or a tuple of those, got a tuple containing {Display.TypeName(key)}");
    }
}
