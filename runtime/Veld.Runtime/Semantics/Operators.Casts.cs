using Veld.Language.Syntax;

namespace Veld.Runtime;

/// <summary><c>v as T</c> (docs/SPEC.md section 12).</summary>
public static partial class Operators
{
    /// <summary><c>v as T</c>: to int (float truncates, string parses), to float, to str (display form),
    /// to bool (bools only). Any other cast, including to an unknown type, is runtime error Type.</summary>
    public static Value Cast(Value v, CastTarget target, string typeText)
    {
        switch (target)
        {
            case CastTarget.Int:
                if (v.IsInt) return v;
                if (v.IsFloat) return Value.FromInt(FloatToInt(v.AsFloat));
                if (v.Is<VeldString>(out var si)) return Value.FromInt(NumberParsing.ParseInt(si.Text));
                break;
            case CastTarget.Float:
                if (v.IsFloat) return v;
                if (v.IsInt) return Value.FromFloat(v.AsInt);
                if (v.Is<VeldString>(out var sf)) return Value.FromFloat(NumberParsing.ParseFloat(sf.Text));
                break;
            case CastTarget.Str:
                return v.Kind == ValueKind.Str ? v : Value.FromString(Display.Show(v));
            case CastTarget.Bool:
                if (v.IsBool) return v;
                break;
        }
        throw Fail.Type($"cannot cast {Display.TypeName(v)} to {typeText}");
    }

    /// <summary>Truncation toward zero; NaN, infinities and values outside i64 are Overflow.</summary>
    internal static long FloatToInt(double d)
    {
        if (!double.IsFinite(d)) throw new VeldRuntimeException(ErrorKind.Overflow, $"cannot convert {Display.FormatFloat(d)} to int");
        double whole = Math.Truncate(d);
        const double TwoTo63 = 9223372036854775808.0;
        if (whole >= TwoTo63 || whole < -TwoTo63)
            throw new VeldRuntimeException(ErrorKind.Overflow, $"float {Display.FormatFloat(d)} is out of range for int");
        return (long)whole;
    }
}
