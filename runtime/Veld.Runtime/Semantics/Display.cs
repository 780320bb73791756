using System.Globalization;

namespace Veld.Runtime;

/// <summary>The display form of values (docs/SPEC.md section 14): printing, <c>to_str</c>, interpolation.</summary>
public static class Display
{
    /// <summary>Top-level form: strings raw, containers with quoted strings inside.</summary>
    public static string Show(Value v)
    {
        if (v.IsInt) return v.AsInt.ToString(CultureInfo.InvariantCulture);
        if (v.Is<VeldString>(out var s)) return s.Text;
        return ShowNested(v);
    }

    /// <summary>Nested form: strings quoted with escapes (<c>"a\n"</c>), everything else as <see cref="Show"/>.</summary>
    public static string ShowNested(Value v)
    {
        switch (v.Kind)
        {
            case ValueKind.Int: return v.AsInt.ToString(CultureInfo.InvariantCulture);
            case ValueKind.Float: return FormatFloat(v.AsFloat);
            case ValueKind.Bool: return v.AsBool ? "true" : "false";
            case ValueKind.Unit: return "()";
            case ValueKind.Str: return Strings.Quote(v.As<VeldString>().Text);
            default: return new DisplayPrinter().Print(v);
        }
    }

    /// <summary>A float exactly as Python's <c>repr(float)</c>.</summary>
    public static string FormatFloat(double d) => FloatFormatter.Format(d);

    /// <summary><c>type_of</c>: "int", "float", ..., or the struct/enum name.</summary>
    public static string TypeName(Value v) => v.Kind switch
    {
        ValueKind.Unit => "unit",
        ValueKind.Bool => "bool",
        ValueKind.Int => "int",
        ValueKind.Float => "float",
        ValueKind.Str => "str",
        ValueKind.Array => "array",
        ValueKind.Tuple => "tuple",
        ValueKind.Map => "map",
        ValueKind.Range => "range",
        ValueKind.Function => "fn",
        ValueKind.Struct => v.As<StructInstance>().Type.Name,
        ValueKind.Enum => v.As<EnumInstance>().Type.Name,
        _ => "uninitialized",
    };
}
