using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm.Tests;

/// <summary>
/// The verifier rejects a nonzero value in an operand field the VM never reads (<see cref="UnusedOperands"/>):
/// such a value changes nothing at run time, so only this check shows that the compiler wrote a wrong field.
/// </summary>
public class UnusedOperandTests
{
    private const string Source = """
        fn f(a, b)
            let x = a * 2
            x + b
        end
        println(f(1, 2))
        """;

    /// <summary>f's code with <paramref name="first"/> put before it, verified: the message, or "" when accepted.</summary>
    private static string VerifyWithFirst(uint first) =>
        CheckerTests.Verify(CheckerTests.WithCode(Source, "f", code => [first, .. code]));

    [Theory]
    [InlineData(OpCode.LoadUnit, 0, 1, 0, false, "LOADUNIT: operand B")]
    [InlineData(OpCode.LoadTrue, 0, 0, 1, false, "LOADTRUE: operand C")]
    [InlineData(OpCode.Move, 0, 1, 1, false, "MOVE: operand C")]
    [InlineData(OpCode.Move, 0, 1, 0, true, "MOVE: operand k")]
    [InlineData(OpCode.Not, 0, 1, 1, false, "NOT: operand C")]
    [InlineData(OpCode.Return, 0, 0, 1, false, "RETURN: operand C")]
    [InlineData(OpCode.Return, 0, 1, 0, false, "RETURN: operand B")]
    [InlineData(OpCode.ReturnUnit, 1, 0, 0, false, "RETURNUNIT: operand A")]
    [InlineData(OpCode.Close, 0, 1, 0, false, "CLOSE: operand B")]
    [InlineData(OpCode.Add, 0, 0, 1, true, "ADD: operand k")]
    [InlineData(OpCode.Throw, 0, 0, 2, false, "THROW: operand C")]
    public void ANonzeroFieldTheVmNeverReadsIsRejected(OpCode op, int a, int b, int c, bool k, string expected)
    {
        Assert.Contains($"{expected} is not read and must be 0", VerifyWithFirst(ABC(op, a, b, c, k)));
    }

    [Theory]
    [InlineData(OpCode.AddI, 0, 0, 200, false)] // C is the sC immediate
    [InlineData(OpCode.GetPayload, 0, 1, 3, false)] // C is the payload number (GETPAYLOAD only checks its kind at run time)
    [InlineData(OpCode.Close, 1, 0, 0, false)] // A is where closing starts
    [InlineData(OpCode.NewRange, 0, 0, 1, true)] // k: an inclusive range
    [InlineData(OpCode.Call, 0, 1, 2, false)] // B counts the arguments, C is the result register
    public void FieldsTheVmReadsMayHoldAnyValue(OpCode op, int a, int b, int c, bool k)
    {
        Assert.DoesNotContain("must be 0", VerifyWithFirst(ABC(op, a, b, c, k)));
    }

    [Fact]
    public void TheImmediatesOfTheComparisonsWithAnIntAreRead()
    {
        // EQI's B is the sB immediate: accepted with any value (the test's JMP follows it).
        Assert.DoesNotContain("must be 0", CheckerTests.Verify(CheckerTests.WithCode(Source, "f",
            code => [ABC(OpCode.EqI, 0, 250, 0), SJ(OpCode.Jmp, 0), .. code])));
    }
}
