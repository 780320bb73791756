using Veld.Language.Syntax;

namespace Veld.RegisterVm.Tests;

/// <summary><see cref="CertainErrors"/> says "raises" only where the runtime's operator does raise (so the folder
/// never leaves a foldable operation to run time), and it recognises the errors the corpus's error tests fold.</summary>
public class CertainErrorsTests
{
    private static readonly Value[] Scalars =
    [
        Value.FromInt(0), Value.FromInt(1), Value.FromInt(-1), Value.FromInt(7), Value.FromInt(long.MaxValue), Value.FromInt(long.MinValue),
        Value.FromInt(1L << 32), Value.FromFloat(0.0), Value.FromFloat(-0.0), Value.FromFloat(2.5), Value.FromFloat(double.NaN),
        Value.FromFloat(double.PositiveInfinity), Value.FromBool(true), Value.FromBool(false), Value.FromString(""), Value.FromString("a"), Value.Unit,
    ];

    /// <summary>Whether <paramref name="operation"/> raises a runtime error (shared with <see cref="CertainErrorsExactTests"/>).</summary>
    internal static bool Raises(Func<Value> operation)
    {
        try
        {
            operation();
            return false;
        }
        catch (VeldRuntimeException)
        {
            return true;
        }
    }

    [Fact]
    public void A_binary_operation_it_calls_an_error_raises()
    {
        foreach (var op in Enum.GetValues<BinaryOp>())
            foreach (var a in Scalars)
                foreach (var b in Scalars)
                    if (CertainErrors.OfBinary(op, a, b))
                        Assert.True(Raises(() => Operators.Binary(op, a, b)), $"{Display.ShowNested(a)} {op} {Display.ShowNested(b)}");
    }

    [Fact]
    public void A_unary_operation_it_calls_an_error_raises()
    {
        foreach (var op in Enum.GetValues<UnaryOp>())
            foreach (var a in Scalars)
                if (CertainErrors.OfUnary(op, a))
                    Assert.True(Raises(() => op == UnaryOp.Negate ? Operators.Negate(a) : Operators.Not(a)), $"{op} {Display.ShowNested(a)}");
    }

    [Fact]
    public void It_recognises_the_common_errors()
    {
        Assert.True(CertainErrors.OfBinary(BinaryOp.Add, Value.FromInt(long.MaxValue), Value.FromInt(1)));
        Assert.True(CertainErrors.OfBinary(BinaryOp.Add, Value.FromString("a"), Value.FromInt(1)));
        Assert.True(CertainErrors.OfBinary(BinaryOp.Div, Value.FromInt(1), Value.FromInt(0)));
        Assert.True(CertainErrors.OfBinary(BinaryOp.Mod, Value.FromFloat(1.0), Value.FromFloat(0.0)));
        Assert.True(CertainErrors.OfBinary(BinaryOp.Mul, Value.FromInt(long.MinValue), Value.FromInt(-1)));
        Assert.True(CertainErrors.OfUnary(UnaryOp.Negate, Value.FromInt(long.MinValue)));
        Assert.True(CertainErrors.OfUnary(UnaryOp.Not, Value.FromInt(1)));
        Assert.False(CertainErrors.OfBinary(BinaryOp.Add, Value.FromString("a"), Value.FromString("b")));
        Assert.False(CertainErrors.OfBinary(BinaryOp.Div, Value.FromInt(1), Value.FromFloat(2.0)));
    }
}
