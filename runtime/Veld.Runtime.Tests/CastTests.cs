using Veld.Language.Syntax;
using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class CastTests
{
    private static Value AsInt(Value v) => Operators.Cast(v, CastTarget.Int, "int");
    private static Value AsFloat(Value v) => Operators.Cast(v, CastTarget.Float, "f64");

    [Theory]
    [InlineData(2.9, 2)]
    [InlineData(-2.9, -2)]
    [InlineData(-0.5, 0)]
    [InlineData(9.2233720368547748e18, 9223372036854774784)]
    [InlineData(-9.2233720368547758e18, long.MinValue)]
    public void Float_to_int_truncates_toward_zero(double d, long expected)
    {
        var v = AsInt(F(d));
        Assert.True(v.IsInt);
        Assert.Equal(expected, v.AsInt);
    }

    [Fact]
    public void Non_finite_or_out_of_range_floats_overflow()
    {
        Raises(ErrorKind.Overflow, "cannot convert inf to int", () => AsInt(F(double.PositiveInfinity)));
        Raises(ErrorKind.Overflow, "cannot convert -inf to int", () => AsInt(F(double.NegativeInfinity)));
        Raises(ErrorKind.Overflow, "cannot convert nan to int", () => AsInt(F(double.NaN)));
        Raises(ErrorKind.Overflow, "float 9.223372036854776e+18 is out of range for int", () => AsInt(F(9223372036854775808.0)));
        Raises(ErrorKind.Overflow, "float -9.223372036854778e+18 is out of range for int", () => AsInt(F(-9223372036854777856.0)));
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-42", -42)]
    [InlineData("+7", 7)]
    [InlineData("007", 7)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Strings_parse_to_int(string s, long expected) => Assert.Equal(expected, AsInt(S(s)).AsInt);

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1_000")]
    [InlineData("0x10")]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("٣")]
    public void Malformed_int_strings_are_value_errors(string s) =>
        Raises(ErrorKind.Value, $"cannot parse {Display.ShowNested(S(s))} as int", () => AsInt(S(s)));

    [Fact]
    public void Int_strings_outside_i64_overflow()
    {
        Raises(ErrorKind.Overflow, "\"9223372036854775808\" is out of range for int", () => AsInt(S("9223372036854775808")));
        Raises(ErrorKind.Overflow, () => AsInt(S("-99999999999999999999999")));
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-2", -2.0)]
    [InlineData("1e-3", 0.001)]
    [InlineData("1.", 1.0)]
    [InlineData(".5", 0.5)]
    [InlineData("+2.5E+2", 250.0)]
    [InlineData("1e400", double.PositiveInfinity)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("0.1", 0.1)]
    [InlineData("-0.0", -0.0)]
    public void Strings_parse_to_float(string s, double expected)
    {
        var v = AsFloat(S(s));
        Assert.True(v.IsFloat);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(v.AsFloat));
    }

    [Fact]
    public void Nan_string_parses_to_nan() => Assert.True(double.IsNaN(AsFloat(S("nan")).AsFloat));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("e5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData(" 1.0")]
    [InlineData("1,5")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("0x1p3")]
    public void Malformed_float_strings_are_value_errors(string s) =>
        Raises(ErrorKind.Value, $"cannot parse {Display.ShowNested(S(s))} as float", () => AsFloat(S(s)));

    [Fact]
    public void Identity_and_numeric_casts()
    {
        Assert.Equal(5, AsInt(I(5)).AsInt);
        Assert.Equal(5.0, AsFloat(I(5)).AsFloat);
        Assert.Equal(2.5, AsFloat(F(2.5)).AsFloat);
        Assert.True(Operators.Cast(B(true), CastTarget.Bool, "bool").AsBool);
    }

    [Fact]
    public void Cast_to_str_is_the_display_form()
    {
        string Str(Value v) => Operators.Cast(v, CastTarget.Str, "str").As<VeldString>().Text;
        Assert.Equal("1.0", Str(F(1)));
        Assert.Equal("[\"a\", 1]", Str(Arr(S("a"), I(1))));
        Assert.Equal("a\n", Str(S("a\n")));
        Assert.Equal("()", Str(Unit));
    }

    [Fact]
    public void Other_casts_are_type_errors()
    {
        Raises(ErrorKind.Type, "cannot cast bool to int", () => AsInt(B(true)));
        Raises(ErrorKind.Type, "cannot cast bool to f64", () => AsFloat(B(true)));
        Raises(ErrorKind.Type, "cannot cast int to bool", () => Operators.Cast(I(1), CastTarget.Bool, "bool"));
        Raises(ErrorKind.Type, "cannot cast str to bool", () => Operators.Cast(S("true"), CastTarget.Bool, "bool"));
        Raises(ErrorKind.Type, "cannot cast array to int", () => AsInt(Arr()));
        Raises(ErrorKind.Type, "cannot cast int to Point", () => Operators.Cast(I(1), CastTarget.Invalid, "Point"));
        Raises(ErrorKind.Type, "cannot cast str to [i64]", () => Operators.Cast(S("x"), CastTarget.Invalid, "[i64]"));
    }
}
