using Veld.Language.Syntax;

namespace Veld.RegisterVm.Tests;

/// <summary>For the operators whose errors depend on the operands' kinds and values alone (powers, bitwise
/// operators, shifts, orderings, casts of non-strings), <see cref="CertainErrors"/> says "raises" exactly when the
/// runtime's operator raises: the constant folder then never throws and catches a runtime error for them.</summary>
public class CertainErrorsExactTests
{
    private static readonly Value[] Scalars =
    [
        Value.FromInt(0), Value.FromInt(1), Value.FromInt(-1), Value.FromInt(2), Value.FromInt(3), Value.FromInt(7),
        Value.FromInt(62), Value.FromInt(63), Value.FromInt(64), Value.FromInt(-64), Value.FromInt(long.MaxValue), Value.FromInt(long.MinValue),
        Value.FromInt(1L << 32), Value.FromInt(3037000499), Value.FromInt(3037000500), Value.FromFloat(0.0), Value.FromFloat(-0.0),
        Value.FromFloat(2.5), Value.FromFloat(-2.5), Value.FromFloat(1e18), Value.FromFloat(1e19), Value.FromFloat(-9223372036854775808.0),
        Value.FromFloat(9223372036854775808.0), Value.FromFloat(double.NaN), Value.FromFloat(double.PositiveInfinity),
        Value.FromFloat(double.NegativeInfinity), Value.FromBool(true), Value.FromBool(false), Value.FromString(""),
        Value.FromString("a"), Value.Unit,
    ];

    private static readonly BinaryOp[] ExactOperators =
    [
        BinaryOp.Pow, BinaryOp.BitAnd, BinaryOp.BitOr, BinaryOp.BitXor, BinaryOp.Shl, BinaryOp.Shr,
        BinaryOp.Lt, BinaryOp.Le, BinaryOp.Gt, BinaryOp.Ge, BinaryOp.Eq, BinaryOp.Ne,
    ];

    [Fact]
    public void It_says_raises_exactly_where_the_operator_raises()
    {
        foreach (var op in ExactOperators)
            foreach (var a in Scalars)
                foreach (var b in Scalars)
                    Assert.True(CertainErrorsTests.Raises(() => Operators.Binary(op, a, b)) == CertainErrors.OfBinary(op, a, b),
                        $"{Display.ShowNested(a)} {op} {Display.ShowNested(b)}");
    }

    [Fact]
    public void It_says_a_cast_of_a_non_string_raises_exactly_where_the_cast_raises()
    {
        foreach (var target in new[] { CastTarget.Int, CastTarget.Float, CastTarget.Str, CastTarget.Bool })
            foreach (var v in Scalars)
                if (v.Kind != ValueKind.Str)
                    Assert.True(CertainErrorsTests.Raises(() => Operators.Cast(v, target, target.ToString())) == CertainErrors.OfCast(v, target),
                        $"{Display.ShowNested(v)} as {target}");
    }

    [Fact]
    public void A_cast_of_a_string_it_calls_an_error_raises()
    {
        foreach (var target in new[] { CastTarget.Int, CastTarget.Float, CastTarget.Str, CastTarget.Bool })
            foreach (var text in new[] { "", "7", "seven", "2.5", "true" })
                if (CertainErrors.OfCast(Value.FromString(text), target))
                    Assert.True(CertainErrorsTests.Raises(() => Operators.Cast(Value.FromString(text), target, target.ToString())), $"\"{text}\" as {target}");
    }

    [Fact]
    public void It_recognises_the_errors_of_the_corpus_error_tests()
    {
        Assert.True(CertainErrors.OfBinary(BinaryOp.Pow, Value.FromInt(2), Value.FromInt(63)));
        Assert.False(CertainErrors.OfBinary(BinaryOp.Pow, Value.FromInt(2), Value.FromInt(62)));
        Assert.True(CertainErrors.OfBinary(BinaryOp.BitAnd, Value.FromFloat(6.0), Value.FromInt(3)));
        Assert.True(CertainErrors.OfBinary(BinaryOp.Shr, Value.FromInt(8), Value.FromInt(-1)));
        Assert.True(CertainErrors.OfBinary(BinaryOp.Shl, Value.FromInt(1), Value.FromInt(64)));
        Assert.True(CertainErrors.OfBinary(BinaryOp.Lt, Value.FromInt(1), Value.FromString("b")));
        Assert.True(CertainErrors.OfCast(Value.FromFloat(1e19), CastTarget.Int));
        Assert.False(CertainErrors.OfCast(Value.FromFloat(1e18), CastTarget.Int));
    }
}
