namespace Veld.Fuzzing.Generation;

/// <summary>
/// The generator's static type of a value. Veld itself is dynamic; the generator tracks types so
/// that every operation it writes is applied to operands it accepts, and programs run to the end.
/// Two types are equal when their <see cref="Key"/>s are.
/// </summary>
public abstract class VType : IEquatable<VType>
{
    public static readonly VType Int = new PrimType("int", "i64");
    public static readonly VType Float = new PrimType("float", "f64");
    public static readonly VType Bool = new PrimType("bool", "bool");
    public static readonly VType Str = new PrimType("str", "str");
    public static readonly VType Unit = new PrimType("unit", "()");

    /// <summary>Canonical spelling; equality of types is equality of keys.</summary>
    public abstract string Key { get; }
    /// <summary>A Veld type annotation for this type.</summary>
    public abstract string Annotation { get; }

    public bool IsNumber => Equals(Int) || Equals(Float);
    /// <summary>Values <c>&lt;</c> and <c>sort</c> accept.</summary>
    public bool IsOrdered => IsNumber || Equals(Str);

    public bool Equals(VType? other) => other is not null && Key == other.Key;
    public override bool Equals(object? obj) => obj is VType t && Equals(t);
    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Key;
}

public sealed class PrimType(string key, string annotation) : VType
{
    public override string Key => key;
    public override string Annotation => annotation;
}

/// <summary>Every array the generator stores in a variable, field, element or map value is non-empty
/// (literals have an element; nothing shrinks an array below one), so <c>a[i % a.len()]</c>, <c>first</c>
/// and <c>last</c> never fail by accident.</summary>
public sealed class ArrayType(VType element) : VType
{
    public VType Element { get; } = element;
    public override string Key => $"[{Element.Key}]";
    public override string Annotation => $"[{Element.Annotation}]";
}

public sealed class TupleType(IReadOnlyList<VType> elements) : VType
{
    public IReadOnlyList<VType> Elements { get; } = elements;
    public override string Key => $"({string.Join(",", Elements.Select(e => e.Key))}{(Elements.Count == 1 ? "," : "")})";
    // The parser keeps a one-element tuple type as "(T)" (annotations are never checked).
    public override string Annotation => $"({string.Join(", ", Elements.Select(e => e.Annotation))})";
}

/// <summary>
/// A map with str or int keys. <see cref="RequiredKeys"/> are present in every map of this type (they come
/// from its literal and are never removed), so <c>m[k]</c> on them never fails; other keys are only
/// read through <c>get(k, default)</c> or <c>contains_key</c>.
/// </summary>
public sealed class MapType(bool intKeys, VType value, IReadOnlyList<object> requiredKeys) : VType
{
    public bool IntKeys { get; } = intKeys;
    public VType Value { get; } = value;
    /// <summary>Strings for str-keyed maps, longs for int-keyed maps.</summary>
    public IReadOnlyList<object> RequiredKeys { get; } = requiredKeys;
    public VType KeyType => IntKeys ? Int : Str;
    public override string Key => $"{{{(IntKeys ? "int" : "str")}:{Value.Key}|{string.Join(",", RequiredKeys)}}}";
    public override string Annotation => $"Map<{KeyType.Annotation}, {Value.Annotation}>";
}

public sealed class StructType(StructInfo info) : VType
{
    public StructInfo Info { get; } = info;
    public override string Key => Info.Name;
    public override string Annotation => Info.Name;
}

public sealed class EnumType(EnumInfo info) : VType
{
    public EnumInfo Info { get; } = info;
    public override string Key => Info.Name;
    public override string Annotation => Info.Name;
}

public sealed class FnType(IReadOnlyList<VType> parameters, VType result) : VType
{
    public IReadOnlyList<VType> Parameters { get; } = parameters;
    public VType Result { get; } = result;
    public override string Key => $"fn({string.Join(",", Parameters.Select(p => p.Key))})->{Result.Key}";
    public override string Annotation => $"fn({string.Join(", ", Parameters.Select(p => p.Annotation))}) -> {Result.Annotation}";
}

public sealed record FieldInfo(string Name, VType Type);

public sealed class StructInfo(string name)
{
    public string Name { get; } = name;
    public List<FieldInfo> Fields { get; } = [];
    public List<MethodInfo> Methods { get; } = [];
    public StructType Type => _type ??= new StructType(this);
    private StructType? _type;
}

public sealed record VariantInfo(string Name, IReadOnlyList<VType> Payload);

public sealed class EnumInfo(string name)
{
    public string Name { get; } = name;
    public List<VariantInfo> Variants { get; } = [];
    public List<MethodInfo> Methods { get; } = [];
    public EnumType Type => _type ??= new EnumType(this);
    private EnumType? _type;
}

public enum RecursionShape { None, Linear, Tree, Tail }

/// <summary>A callable the generator wrote: a top-level function, a nested one, or a method.</summary>
public class CallableInfo(string name, IReadOnlyList<VType> parameters, VType result)
{
    public string Name { get; } = name;
    /// <summary>Parameter types, without <c>self</c>.</summary>
    public IReadOnlyList<VType> Parameters { get; } = parameters;
    public VType Result { get; } = result;
    /// <summary>Estimated steps one call costs, to keep nested calls inside loops from exploding.</summary>
    public long Cost { get; set; } = 1;
    /// <summary>The body changes the length of some array or map; never called inside a loop that iterates one.</summary>
    public bool Resizes { get; set; }
    /// <summary>The first parameter is a recursion bound: callers pass a small non-negative int.</summary>
    public bool BoundedFirstParameter { get; init; }
    /// <summary>Largest value a caller may pass for the bound.</summary>
    public int MaxBound { get; init; }
    /// <summary>How a call's cost grows with the bound (<see cref="Cost"/> is then the cost of one level).</summary>
    public RecursionShape Recursion { get; init; }
    public FnType Type => new(Parameters, Result);
}

public sealed class FunctionInfo(string name, IReadOnlyList<VType> parameters, VType result) : CallableInfo(name, parameters, result)
{
    public bool IsProc { get; init; }
}

public sealed class MethodInfo(string name, IReadOnlyList<VType> parameters, VType result, bool hasSelf)
    : CallableInfo(name, parameters, result)
{
    public bool HasSelf { get; } = hasSelf;
}
