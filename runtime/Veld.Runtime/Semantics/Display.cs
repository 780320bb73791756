namespace Veld.Runtime;

/// <summary>The display form of values (VELD_CORE.md section 11).</summary>
public static class Display
{
    /// <summary>Top-level form: strings raw, containers with quoted strings inside.</summary>
    public static string Show(Value v) => throw Operators.Pending();
    /// <summary>Nested form: strings quoted with escapes (<c>"a\n"</c>), everything else as <see cref="Show"/>.</summary>
    public static string ShowNested(Value v) => throw Operators.Pending();
    /// <summary>A float exactly as Python's <c>repr(float)</c>.</summary>
    public static string FormatFloat(double d) => throw Operators.Pending();
    /// <summary><c>type_of</c>: "int", "float", ..., or the struct/enum name.</summary>
    public static string TypeName(Value v) => throw Operators.Pending();
}
