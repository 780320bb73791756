using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class ComparisonTests
{
    private static (bool Lt, bool Le, bool Gt, bool Ge) All(Value a, Value b) =>
        (Operators.Less(a, b), Operators.LessEqual(a, b), Operators.Greater(a, b), Operators.GreaterEqual(a, b));

    [Fact]
    public void Ints_floats_and_mixed_numbers_compare_by_value()
    {
        Assert.Equal((true, true, false, false), All(I(1), I(2)));
        Assert.Equal((false, true, false, true), All(I(2), I(2)));
        Assert.Equal((false, false, true, true), All(F(2.5), F(-1)));
        Assert.Equal((true, true, false, false), All(I(1), F(1.5)));
        Assert.Equal((false, true, false, true), All(F(3.0), I(3)));
        Assert.Equal((false, false, true, true), All(I(-1), F(-1.5)));
    }

    [Fact]
    public void Int_float_comparison_is_exact_beyond_2_to_53()
    {
        const long big = (1L << 53) + 1;            // not representable as a double
        double nearest = 9007199254740992.0;       // 2^53
        Assert.True(Operators.Greater(I(big), F(nearest)));
        Assert.False(Operators.Equal(I(big), F(nearest)));
        Assert.True(Operators.Equal(I(1L << 53), F(nearest)));
        Assert.True(Operators.Less(I(long.MaxValue), F(9223372036854775808.0)));
        Assert.True(Operators.Equal(I(long.MinValue), F(-9223372036854775808.0)));
        Assert.True(Operators.Greater(I(long.MinValue), F(-9223372036854777856.0)));
        Assert.True(Operators.Less(I(5), F(double.PositiveInfinity)));
        Assert.True(Operators.Greater(I(5), F(double.NegativeInfinity)));
        Assert.True(Operators.Less(I(-3), F(-2.5)));
        Assert.True(Operators.Greater(I(-2), F(-2.5)));
    }

    [Fact]
    public void NaN_is_unordered()
    {
        var nan = F(double.NaN);
        Assert.Equal((false, false, false, false), All(nan, F(1)));
        Assert.Equal((false, false, false, false), All(I(1), nan));
        Assert.Equal((false, false, false, false), All(nan, I(1)));
        Assert.Equal((false, false, false, false), All(nan, nan));
    }

    [Fact]
    public void Strings_compare_by_unicode_scalar_value()
    {
        Assert.Equal((true, true, false, false), All(S("abc"), S("abd")));
        Assert.Equal((true, true, false, false), All(S("ab"), S("abc")));
        Assert.Equal((false, true, false, true), All(S(""), S("")));
        Assert.True(Operators.Less(S("B"), S("a")));
        // U+FF5E (one UTF-16 unit, above the surrogates) is below U+1F600 (a surrogate pair),
        // although UTF-16 unit order says the opposite.
        Assert.True(Operators.Less(S("\uFF5E"), S("\U0001F600")));
        Assert.True(Operators.Greater(S("\U0001F600"), S("\uFFFF")));
        Assert.True(Operators.Less(S("\U0001F600"), S("\U0001F601")));
        Assert.True(Operators.Less(S("\uD7FF"), S("\U00010000")));
    }

    [Fact]
    public void Anything_else_is_a_type_error()
    {
        Raises(ErrorKind.Type, "cannot apply '<' to int and str", () => Operators.Less(I(1), S("a")));
        Raises(ErrorKind.Type, "cannot apply '<=' to bool and bool", () => Operators.LessEqual(B(true), B(false)));
        Raises(ErrorKind.Type, "cannot apply '>' to array and array", () => Operators.Greater(Arr(), Arr()));
        Raises(ErrorKind.Type, "cannot apply '>=' to tuple and tuple", () => Operators.GreaterEqual(Tup(I(1)), Tup(I(1))));
        Raises(ErrorKind.Type, "cannot apply '<' to unit and unit", () => Operators.Less(Unit, Unit));
    }

    [Fact]
    public void Truth_accepts_only_bools_and_names_what_it_checked()
    {
        Assert.True(Operators.Truth(B(true), "condition"));
        Assert.False(Operators.Truth(B(false), "condition"));
        Raises(ErrorKind.Type, "condition must be a bool, got int", () => Operators.Truth(I(1), "condition"));
        Raises(ErrorKind.Type, "operand of 'and' must be a bool, got unit", () => Operators.Truth(Unit, "operand of 'and'"));
    }

    [Fact]
    public void Ranges_need_two_ints()
    {
        var r = Operators.MakeRange(I(1), I(5), inclusive: true).As<VeldRange>();
        Assert.Equal((1, 5, true), (r.Start, r.End, r.Inclusive));
        Raises(ErrorKind.Type, "cannot apply '..' to int and float", () => Operators.MakeRange(I(1), F(2), false));
        Raises(ErrorKind.Type, "cannot apply '..=' to str and int", () => Operators.MakeRange(S("a"), I(2), true));
    }
}
