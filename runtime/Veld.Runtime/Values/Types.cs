namespace Veld.Runtime;

/// <summary>
/// A struct or enum type at run time. Created by a tier once per run from the checked program.
/// <see cref="Methods"/> maps method name to a function value (a tier's own closure); a tier fills it
/// before the program body runs and never changes it afterwards.
/// </summary>
public abstract class VeldType(string name)
{
    public string Name { get; } = name;
    public Dictionary<string, Value> Methods { get; } = new(StringComparer.Ordinal);
}

public sealed class StructType(string name, string[] fieldNames) : VeldType(name)
{
    public string[] FieldNames { get; } = fieldNames;

    /// <summary>Index of field <paramref name="name"/>, or -1.</summary>
    public int FieldIndex(string name) => Array.IndexOf(FieldNames, name);

    /// <summary>The built-in <c>Error(kind, message, line)</c> struct that <c>catch</c> binds for runtime errors.
    /// Immutable and method-less, so sharing it between runs leaks nothing.</summary>
    public static readonly StructType Error = new("Error", ["kind", "message", "line"]);
}

public sealed class EnumType(string name, string[] variantNames, int[] payloadArity) : VeldType(name)
{
    public string[] VariantNames { get; } = variantNames;
    public int[] PayloadArity { get; } = payloadArity;
}

/// <summary>A struct value: mutable fields in declaration order, shared by reference.</summary>
public sealed class StructInstance(StructType type, Value[] fields) : HeapObject
{
    public override ValueKind Kind => ValueKind.Struct;
    public StructType Type { get; } = type;
    public Value[] Fields { get; } = fields;
}

/// <summary>An immutable enum value: a variant and its payload (empty for unit variants).</summary>
public sealed class EnumInstance(EnumType type, int variant, Value[] payload) : HeapObject
{
    public override ValueKind Kind => ValueKind.Enum;
    public EnumType Type { get; } = type;
    public int Variant { get; } = variant;
    public Value[] Payload { get; } = payload;
    public string VariantName => Type.VariantNames[Variant];
}
