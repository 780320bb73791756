using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// <c>x[i]</c>, <c>x.name</c>, <c>t.0</c> and their assignments (docs/SPEC.md section 4.7). Arrays, strings
/// and tuples take an int index in 0..length-1 (else Index); strings index by Unicode scalar. Maps take a
/// valid key (else Type) and report a missing key as Key.
/// </summary>
public static partial class Operators
{
    /// <summary><c>target[index]</c>: array/str/tuple by int (Index error out of range), map by key (Key error).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value GetIndex(Value target, Value index) =>
        FastIndexing.TryGetIndex(in target, in index, out var r) ? r : GetIndexSlow(target, index);

    /// <summary>The general case of <see cref="GetIndex"/>, everything its fast path declines.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value GetIndexSlow(Value target, Value index)
    {
        switch (target.AsObject)
        {
            case VeldArray array:
                return array[CheckIndex(index, array.Count, "array")];
            case VeldString str:
                return Strings.OneScalar(str.ScalarAt(CheckIndex(index, str.ScalarCount, "str")));
            case VeldTuple tuple:
                return tuple.Items[CheckIndex(index, tuple.Items.Length, "tuple")];
            case VeldMap map:
                MapKeys.Check(index);
                if (map.TryGet(index, out var value)) return value;
                throw Fail.MissingKey(index);
            default:
                throw NotIndexable(target);
        }
    }

    /// <summary><c>target[index] = value</c>: arrays (existing index) and maps (insert or replace).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetIndex(Value target, Value index, Value value)
    {
        if (!FastIndexing.TrySetIndex(in target, in index, in value)) SetIndexSlow(target, index, value);
    }

    /// <summary>The general case of <see cref="SetIndex"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SetIndexSlow(Value target, Value index, Value value)
    {
        switch (target.AsObject)
        {
            case VeldArray array:
                array[CheckIndex(index, array.Count, "array")] = value;
                return;
            case VeldMap map:
                map.Set(index, value);   // Set checks the key
                return;
            case VeldString:
                throw Fail.Type("cannot assign into a str: strings are immutable");
            case VeldTuple:
                throw Fail.Type("cannot assign into a tuple: tuples are immutable");
            default:
                throw NotIndexable(target);
        }
    }

    /// <summary>The index as an int in 0..length-1: Type error for a non-int, Index error out of range.</summary>
    internal static int CheckIndex(Value index, int length, string container)
    {
        if (!index.IsInt) throw Fail.Type($"{container} index must be an int, got {Display.TypeName(index)}");
        long i = index.AsInt;
        if ((ulong)i >= (ulong)length) throw Fail.IndexOutOfRange(i, length, container);
        return (int)i;
    }

    private static VeldRuntimeException NotIndexable(Value target) =>
        Fail.Type($"cannot index a value of type {Display.TypeName(target)}");

    /// <summary><c>target.name</c>: struct field, Error field, or map key "name"; else Field (Key for a missing map key).</summary>
    public static Value GetField(Value target, string name)
    {
        switch (target.AsObject)
        {
            case StructInstance instance:
            {
                int i = instance.Type.FieldIndex(name);
                if (i < 0) throw UnknownField(instance.Type, name);
                return instance.Fields[i];
            }
            case VeldMap map:
            {
                var key = Value.FromString(name);
                if (map.TryGet(key, out var value)) return value;
                throw Fail.MissingKey(key);
            }
            default:
                throw NoField(target, name);
        }
    }

    /// <summary><c>target.name = value</c>: struct field or map key.</summary>
    public static void SetField(Value target, string name, Value value)
    {
        switch (target.AsObject)
        {
            case StructInstance instance:
            {
                int i = instance.Type.FieldIndex(name);
                if (i < 0) throw UnknownField(instance.Type, name);
                instance.Fields[i] = value;
                return;
            }
            case VeldMap map:
                map.Set(Value.FromString(name), value);
                return;
            default:
                throw NoField(target, name);
        }
    }

    /// <summary><c>target.0</c>: tuples only; Index error out of range, Type error for a non-tuple.</summary>
    public static Value TupleIndex(Value target, int index)
    {
        if (target.AsObject is VeldTuple tuple)
        {
            if ((uint)index >= (uint)tuple.Items.Length) throw Fail.IndexOutOfRange(index, tuple.Items.Length, "tuple");
            return tuple.Items[index];
        }
        throw Fail.Type($"cannot use '.{index}' on a value of type {Display.TypeName(target)}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static VeldRuntimeException UnknownField(StructType type, string name) =>
        new(ErrorKind.Field, $"unknown field '{name}' for struct '{type.Name}'");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static VeldRuntimeException NoField(Value target, string name) =>
        new(ErrorKind.Field, $"no field '{name}' on {Display.TypeName(target)}");
}
