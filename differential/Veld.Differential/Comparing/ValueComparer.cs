using Veld.Runtime;

namespace Veld.Differential;

/// <summary>
/// Compares program results from two different runs (usually two tiers) by value and type, as
/// docs/SPEC.md section 17 asks: an int and an equal float differ; floats must match bit for bit
/// (any two NaNs match); strings by text; arrays, tuples and maps element by element in order; structs
/// by type name and fields; enums by type, variant and payload; functions by display name. Types are
/// compared by name because each run creates its own type objects.
/// <para>Values may be cyclic (an array holding itself); a pair already being compared further up
/// counts as equal, and structure deeper than <see cref="MaxDepth"/> is not compared.</para>
/// </summary>
public static class ValueComparer
{
    public const int MaxDepth = 256;

    /// <summary>Null when the values are the same; otherwise the path to the first difference and what differs there.</summary>
    public static ValueDifference? Compare(Value left, Value right)
    {
        var walk = new Walk();
        return walk.Compare(left, right, "result", 0);
    }

    private sealed class Walk
    {
        private readonly HashSet<(HeapObject, HeapObject)> _inProgress = [];

        public ValueDifference? Compare(Value a, Value b, string path, int depth)
        {
            if (a.Kind != b.Kind) return Differ(path, a, b, $"{a.Kind} vs {b.Kind}");
            switch (a.Kind)
            {
                case ValueKind.Unit:
                case ValueKind.Uninitialized:
                    return null;
                case ValueKind.Bool:
                    return a.AsBool == b.AsBool ? null : Differ(path, a, b, "different bools");
                case ValueKind.Int:
                    return a.AsInt == b.AsInt ? null : Differ(path, a, b, "different ints");
                case ValueKind.Float:
                    return SameFloat(a.AsFloat, b.AsFloat) ? null : Differ(path, a, b, "different floats (compared bit for bit)");
                case ValueKind.Str:
                    return string.Equals(a.As<VeldString>().Text, b.As<VeldString>().Text, StringComparison.Ordinal)
                        ? null : Differ(path, a, b, "different strings");
                case ValueKind.Range:
                {
                    var (x, y) = (a.As<VeldRange>(), b.As<VeldRange>());
                    return x.Start == y.Start && x.End == y.End && x.Inclusive == y.Inclusive ? null : Differ(path, a, b, "different ranges");
                }
                case ValueKind.Function:
                {
                    var (x, y) = (a.As<FunctionObject>().DisplayName, b.As<FunctionObject>().DisplayName);
                    return x == y ? null : Differ(path, a, b, $"functions {x} vs {y}");
                }
            }

            // Containers: guard against cycles and runaway depth, then compare children.
            if (depth >= MaxDepth) return null;
            var pair = (a.AsObject!, b.AsObject!);
            if (!_inProgress.Add(pair)) return null;
            try
            {
                return CompareContainer(a, b, path, depth + 1);
            }
            finally
            {
                _inProgress.Remove(pair);
            }
        }

        private ValueDifference? CompareContainer(Value a, Value b, string path, int depth)
        {
            switch (a.Kind)
            {
                case ValueKind.Array:
                    return CompareItems(a, b, a.As<VeldArray>().ToArray(), b.As<VeldArray>().ToArray(), path, depth, "array");
                case ValueKind.Tuple:
                    return CompareItems(a, b, a.As<VeldTuple>().Items, b.As<VeldTuple>().Items, path, depth, "tuple");
                case ValueKind.Map:
                {
                    var (x, y) = (a.As<VeldMap>(), b.As<VeldMap>());
                    if (x.Count != y.Count) return Differ(path, a, b, $"maps of {x.Count} and {y.Count} entries");
                    for (int i = 0; i < x.Count; i++)
                    {
                        var (ex, ey) = (x.EntryAt(i), y.EntryAt(i));
                        var keyPath = $"{path}.keys[{i}]";
                        if (Compare(ex.Key, ey.Key, keyPath, depth) is { } keyDiff) return keyDiff;
                        if (Compare(ex.Value, ey.Value, $"{path}[{SafeDisplay.Describe(ex.Key)}]", depth) is { } valueDiff) return valueDiff;
                    }
                    return null;
                }
                case ValueKind.Struct:
                {
                    var (x, y) = (a.As<StructInstance>(), b.As<StructInstance>());
                    if (x.Type.Name != y.Type.Name) return Differ(path, a, b, $"struct {x.Type.Name} vs {y.Type.Name}");
                    if (!x.Type.FieldNames.SequenceEqual(y.Type.FieldNames))
                        return Differ(path, a, b, $"struct {x.Type.Name} with fields ({string.Join(", ", x.Type.FieldNames)}) vs ({string.Join(", ", y.Type.FieldNames)})");
                    for (int i = 0; i < x.Fields.Length; i++)
                        if (Compare(x.Fields[i], y.Fields[i], $"{path}.{x.Type.FieldNames[i]}", depth) is { } diff) return diff;
                    return null;
                }
                case ValueKind.Enum:
                {
                    var (x, y) = (a.As<EnumInstance>(), b.As<EnumInstance>());
                    var (nx, ny) = ($"{x.Type.Name}.{x.VariantName}", $"{y.Type.Name}.{y.VariantName}");
                    if (nx != ny) return Differ(path, a, b, $"{nx} vs {ny}");
                    return CompareItems(a, b, x.Payload, y.Payload, path, depth, "payload");
                }
                default:
                    throw new InvalidOperationException($"unhandled value kind {a.Kind}");
            }
        }

        private ValueDifference? CompareItems(Value a, Value b, IReadOnlyList<Value> x, IReadOnlyList<Value> y, string path, int depth, string what)
        {
            if (x.Count != y.Count) return Differ(path, a, b, $"{what}s of length {x.Count} and {y.Count}");
            for (int i = 0; i < x.Count; i++)
                if (Compare(x[i], y[i], $"{path}[{i}]", depth) is { } diff) return diff;
            return null;
        }

        private static ValueDifference Differ(string path, Value a, Value b, string why) =>
            new(path, why, SafeDisplay.Describe(a), SafeDisplay.Describe(b));
    }

    private static bool SameFloat(double x, double y) =>
        (double.IsNaN(x) && double.IsNaN(y)) || BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);
}

/// <summary>Where two values first differ (<c>result[2].x</c>), why, and each side's display form and type.</summary>
public sealed record ValueDifference(string Path, string Reason, string Left, string Right);
