using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class BitwiseTests
{
    [Fact]
    public void And_or_xor_on_ints()
    {
        Assert.Equal(0b1000, Operators.BitAnd(I(0b1100), I(0b1010)).AsInt);
        Assert.Equal(0b1110, Operators.BitOr(I(0b1100), I(0b1010)).AsInt);
        Assert.Equal(0b0110, Operators.BitXor(I(0b1100), I(0b1010)).AsInt);
        Assert.Equal(-1, Operators.BitOr(I(long.MinValue), I(long.MaxValue)).AsInt);
    }

    [Fact]
    public void Shifts_take_counts_0_to_63()
    {
        Assert.Equal(long.MinValue, Operators.Shl(I(1), I(63)).AsInt);
        Assert.Equal(5, Operators.Shl(I(5), I(0)).AsInt);
        Assert.Equal(0, Operators.Shl(I(2), I(63)).AsInt);   // bits shifted out are dropped, no overflow
        Assert.Equal(-1, Operators.Shr(I(long.MinValue), I(63)).AsInt);   // arithmetic: keeps the sign
        Assert.Equal(-4, Operators.Shr(I(-7), I(1)).AsInt);
        Assert.Equal(3, Operators.Shr(I(7), I(1)).AsInt);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Shift_counts_outside_0_to_63_are_value_errors(long count)
    {
        Raises(ErrorKind.Value, $"shift count {count} outside 0..63", () => Operators.Shl(I(1), I(count)));
        Raises(ErrorKind.Value, $"shift count {count} outside 0..63", () => Operators.Shr(I(1), I(count)));
    }

    [Fact]
    public void Bitwise_operators_take_only_ints()
    {
        Raises(ErrorKind.Type, "cannot apply '&' to int and float", () => Operators.BitAnd(I(1), F(1)));
        Raises(ErrorKind.Type, "cannot apply '|' to bool and bool", () => Operators.BitOr(B(true), B(false)));
        Raises(ErrorKind.Type, "cannot apply '^' to str and int", () => Operators.BitXor(S("a"), I(1)));
        Raises(ErrorKind.Type, "cannot apply '<<' to float and int", () => Operators.Shl(F(1), I(1)));
        Raises(ErrorKind.Type, "cannot apply '>>' to int and float", () => Operators.Shr(I(1), F(1)));
    }
}
