using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class ArithmeticTests
{
    private const long Min = long.MinValue, Max = long.MaxValue;

    private static void IsInt(long expected, Value v)
    {
        Assert.True(v.IsInt, $"expected an int, got {Display.TypeName(v)}");
        Assert.Equal(expected, v.AsInt);
    }

    private static void IsFloat(double expected, Value v)
    {
        Assert.True(v.IsFloat, $"expected a float, got {Display.TypeName(v)}");
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(v.AsFloat));
    }

    [Fact]
    public void Int_operations_stay_int()
    {
        IsInt(5, Operators.Add(I(2), I(3)));
        IsInt(-1, Operators.Sub(I(2), I(3)));
        IsInt(6, Operators.Mul(I(2), I(3)));
        IsInt(3, Operators.Div(I(7), I(2)));
        IsInt(1, Operators.Mod(I(7), I(2)));
    }

    [Fact]
    public void A_float_on_either_side_makes_a_float()
    {
        IsFloat(5.5, Operators.Add(I(2), F(3.5)));
        IsFloat(5.5, Operators.Add(F(3.5), I(2)));
        IsFloat(-1.5, Operators.Sub(I(2), F(3.5)));
        IsFloat(7.0, Operators.Mul(F(3.5), I(2)));
        IsFloat(3.5, Operators.Div(I(7), F(2.0)));
        IsFloat(1.0, Operators.Mod(F(7.0), I(2)));
        IsFloat(4.0, Operators.Add(F(2.0), F(2.0)));
    }

    [Theory]
    [InlineData(7, 2, 3, 1)]
    [InlineData(-7, 2, -3, -1)]
    [InlineData(7, -2, -3, 1)]
    [InlineData(-7, -2, 3, -1)]
    [InlineData(0, 5, 0, 0)]
    [InlineData(Min, 1, Min, 0)]
    [InlineData(Min, 2, Min / 2, 0)]
    [InlineData(Max, -1, -Max, 0)]
    public void Int_division_truncates_toward_zero_and_remainder_has_the_dividends_sign(long a, long b, long quotient, long remainder)
    {
        IsInt(quotient, Operators.Div(I(a), I(b)));
        IsInt(remainder, Operators.Mod(I(a), I(b)));
    }

    [Fact]
    public void Min_divided_by_minus_one_overflows_but_its_remainder_is_zero()
    {
        Raises(ErrorKind.Overflow, "integer overflow in '/'", () => Operators.Div(I(Min), I(-1)));
        IsInt(0, Operators.Mod(I(Min), I(-1)));
    }

    [Fact]
    public void Float_remainder_is_fmod()
    {
        IsFloat(-1.5, Operators.Mod(F(-7.5), F(2.0)));
        IsFloat(1.5, Operators.Mod(F(7.5), F(-2.0)));
        IsFloat(0.5, Operators.Mod(F(5.5), I(1)));
        IsFloat(-0.0, Operators.Mod(F(-4.0), F(2.0)));
    }

    [Fact]
    public void Division_and_remainder_by_zero_are_errors_for_ints_and_floats()
    {
        Raises(ErrorKind.DivisionByZero, "division by zero", () => Operators.Div(I(1), I(0)));
        Raises(ErrorKind.DivisionByZero, "remainder by zero", () => Operators.Mod(I(1), I(0)));
        Raises(ErrorKind.DivisionByZero, "division by zero", () => Operators.Div(F(1.0), F(0.0)));
        Raises(ErrorKind.DivisionByZero, "division by zero", () => Operators.Div(F(1.0), F(-0.0)));
        Raises(ErrorKind.DivisionByZero, "division by zero", () => Operators.Div(I(1), F(0.0)));
        Raises(ErrorKind.DivisionByZero, "division by zero", () => Operators.Div(F(0.0), I(0)));
        Raises(ErrorKind.DivisionByZero, "remainder by zero", () => Operators.Mod(F(1.5), F(0.0)));
        Raises(ErrorKind.DivisionByZero, "remainder by zero", () => Operators.Mod(F(double.NaN), I(0)));
    }

    [Theory]
    [InlineData(Max, 1, '+')]
    [InlineData(Min, -1, '+')]
    [InlineData(Min, 1, '-')]
    [InlineData(Max, -1, '-')]
    [InlineData(0, Min, '-')]
    [InlineData(Max, 2, '*')]
    [InlineData(Min, -1, '*')]
    [InlineData(-1, Min, '*')]
    [InlineData(4294967296, 4294967296, '*')]
    public void Int_overflow_is_an_error(long a, long b, char op)
    {
        Func<Value, Value, Value> f = op switch { '+' => Operators.Add, '-' => Operators.Sub, _ => Operators.Mul };
        Raises(ErrorKind.Overflow, $"integer overflow in '{op}'", () => f(I(a), I(b)));
    }

    [Fact]
    public void Results_at_the_int_boundaries_do_not_overflow()
    {
        IsInt(Max, Operators.Add(I(Max - 1), I(1)));
        IsInt(Min, Operators.Add(I(Min + 1), I(-1)));
        IsInt(Min, Operators.Sub(I(-1), I(Max)));
        IsInt(Max, Operators.Sub(I(Max), I(0)));
        IsInt(Min, Operators.Mul(I(Min), I(1)));
        IsInt(Min, Operators.Mul(I(-4611686018427387904), I(2)));
        IsInt(-Max, Operators.Mul(I(Max), I(-1)));
        IsInt(Max, Operators.Mul(I(-Max), I(-1)));
    }

    [Fact]
    public void Negation_is_checked()
    {
        IsInt(-5, Operators.Negate(I(5)));
        IsInt(Max, Operators.Negate(I(-Max)));
        Raises(ErrorKind.Overflow, "integer overflow in negation", () => Operators.Negate(I(Min)));
        IsFloat(-0.0, Operators.Negate(F(0.0)));
        IsFloat(2.5, Operators.Negate(F(-2.5)));
        Raises(ErrorKind.Type, "cannot apply unary '-' to str", () => Operators.Negate(S("a")));
        Raises(ErrorKind.Type, "cannot apply unary '-' to bool", () => Operators.Negate(B(true)));
    }

    [Fact]
    public void Not_takes_only_bools()
    {
        Assert.Equal(Value.False, Operators.Not(B(true)));
        Assert.Equal(Value.True, Operators.Not(B(false)).AsBool ? Value.True : Value.False);
        Raises(ErrorKind.Type, "cannot apply unary '!' to int", () => Operators.Not(I(0)));
        Raises(ErrorKind.Type, "cannot apply unary '!' to unit", () => Operators.Not(Unit));
    }

    [Theory]
    [InlineData(2, 10, 1024)]
    [InlineData(-2, 3, -8)]
    [InlineData(-2, 63, Min)]
    [InlineData(2, 62, 4611686018427387904)]
    [InlineData(3, 0, 1)]
    [InlineData(0, 0, 1)]
    [InlineData(0, 5, 0)]
    [InlineData(1, Max, 1)]
    [InlineData(-1, Max, -1)]
    [InlineData(-1, Max - 1, 1)]
    [InlineData(3037000499, 2, 9223372030926249001)]
    [InlineData(7, 22, 3909821048582988049)]
    public void Int_power_with_non_negative_exponent_is_an_int(long b, long e, long expected) =>
        IsInt(expected, Operators.Pow(I(b), I(e)));

    [Theory]
    [InlineData(2, 63)]
    [InlineData(2, 64)]
    [InlineData(-2, 64)]
    [InlineData(3037000500, 2)]
    [InlineData(10, 19)]
    [InlineData(2, Max)]
    [InlineData(Min, 2)]
    [InlineData(7, 23)]
    public void Int_power_overflow_is_an_error(long b, long e) =>
        Raises(ErrorKind.Overflow, "integer overflow in '*^'", () => Operators.Pow(I(b), I(e)));

    [Fact]
    public void Power_with_negative_exponent_or_float_is_a_float()
    {
        IsFloat(0.25, Operators.Pow(I(2), I(-2)));
        IsFloat(double.PositiveInfinity, Operators.Pow(I(0), I(-1)));
        IsFloat(8.0, Operators.Pow(F(2.0), I(3)));
        IsFloat(Math.Sqrt(2.0), Operators.Pow(I(2), F(0.5)));
        IsFloat(1e300 * 1e300, Operators.Pow(F(10.0), I(600)));
        Assert.True(double.IsNaN(Operators.Pow(F(-8.0), F(1.0 / 3)).AsFloat));
        Raises(ErrorKind.Type, "cannot apply '*^' to str and int", () => Operators.Pow(S("a"), I(2)));
    }

    [Fact]
    public void Plus_concatenates_strings_and_refuses_mixed_operands_with_a_hint()
    {
        Assert.Equal("ab", Operators.Add(S("a"), S("b")).As<VeldString>().Text);
        Assert.Equal("", Operators.Add(S(""), S("")).As<VeldString>().Text);
        Raises(ErrorKind.Type, "cannot apply '+' to str and int (convert with .to_str())", () => Operators.Add(S("a"), I(1)));
        Raises(ErrorKind.Type, "cannot apply '+' to float and str (convert with .to_str())", () => Operators.Add(F(1), S("a")));
    }

    [Fact]
    public void Other_operand_types_are_type_errors_naming_operator_and_types()
    {
        Raises(ErrorKind.Type, "cannot apply '+' to int and bool", () => Operators.Add(I(1), B(true)));
        Raises(ErrorKind.Type, "cannot apply '-' to str and str", () => Operators.Sub(S("a"), S("b")));
        Raises(ErrorKind.Type, "cannot apply '*' to str and int", () => Operators.Mul(S("a"), I(3)));
        Raises(ErrorKind.Type, "cannot apply '/' to array and int", () => Operators.Div(Arr(), I(3)));
        Raises(ErrorKind.Type, "cannot apply '%' to unit and int", () => Operators.Mod(Unit, I(3)));
        Raises(ErrorKind.Type, "cannot apply '+' to Point and Point", () => Operators.Add(Pt(I(1), I(2)), Pt(I(1), I(2))));
        Raises(ErrorKind.Type, "cannot apply '+' to Shape and int", () => Operators.Add(Circle(1), I(2)));
    }

    [Fact]
    public void Type_errors_are_checked_before_division_by_zero()
    {
        Raises(ErrorKind.Type, () => Operators.Div(B(true), I(0)));
        Raises(ErrorKind.Type, () => Operators.Mod(S("x"), I(0)));
    }

    [Fact]
    public void String_concatenation_past_the_length_limit_is_a_limit_error()
    {
        var big = S(new string('a', RuntimeLimits.MaxStringLength / 2 + 1));
        Raises(ErrorKind.LimitExceeded, () => Operators.Add(big, big));
    }

    [Fact]
    public void Binary_dispatches_every_operator()
    {
        IsInt(5, Operators.Binary(Language.Syntax.BinaryOp.Add, I(2), I(3)));
        IsInt(-1, Operators.Binary(Language.Syntax.BinaryOp.Sub, I(2), I(3)));
        IsInt(6, Operators.Binary(Language.Syntax.BinaryOp.Mul, I(2), I(3)));
        IsInt(2, Operators.Binary(Language.Syntax.BinaryOp.Div, I(7), I(3)));
        IsInt(1, Operators.Binary(Language.Syntax.BinaryOp.Mod, I(7), I(3)));
        IsInt(8, Operators.Binary(Language.Syntax.BinaryOp.Pow, I(2), I(3)));
        IsInt(2, Operators.Binary(Language.Syntax.BinaryOp.BitAnd, I(6), I(3)));
        IsInt(7, Operators.Binary(Language.Syntax.BinaryOp.BitOr, I(6), I(3)));
        IsInt(5, Operators.Binary(Language.Syntax.BinaryOp.BitXor, I(6), I(3)));
        IsInt(48, Operators.Binary(Language.Syntax.BinaryOp.Shl, I(6), I(3)));
        IsInt(0, Operators.Binary(Language.Syntax.BinaryOp.Shr, I(6), I(3)));
        Assert.True(Operators.Binary(Language.Syntax.BinaryOp.Eq, I(1), F(1)).AsBool);
        Assert.False(Operators.Binary(Language.Syntax.BinaryOp.Ne, I(1), F(1)).AsBool);
        Assert.True(Operators.Binary(Language.Syntax.BinaryOp.Lt, I(1), I(2)).AsBool);
        Assert.False(Operators.Binary(Language.Syntax.BinaryOp.Le, I(3), I(2)).AsBool);
        Assert.True(Operators.Binary(Language.Syntax.BinaryOp.Gt, I(3), I(2)).AsBool);
        Assert.True(Operators.Binary(Language.Syntax.BinaryOp.Ge, I(2), I(2)).AsBool);
    }
}
