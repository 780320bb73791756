using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm.Tests;

/// <summary>
/// The verifier checks each prototype in one pass: a jump is judged before the pass reaches its target (a
/// word starts an instruction unless it is an EXTRAARG), and counts that live in the program are checked
/// before register ranges. The constant pool keys each kind by its plain value.
/// </summary>
public class OnePassVerifierTests
{
    private const string Source = """
        fn f(a, b)
            let x = a * 2
            x + b
        end
        f(1, 2)
        """;

    private static string Verify(Func<uint[], uint[]> edit, int? maxStack = null) =>
        CheckerTests.Verify(CheckerTests.WithCode(Source, "f", edit, maxStack));

    [Fact]
    public void ABackwardJumpIntoAnExtraArgIsRejected()
    {
        // LOADKX + EXTRAARG at 0-1, then a JMP back to 1 (offset -3 from the next instruction).
        string error = Verify(code => [ABC(OpCode.LoadKX, 0, 0, 0), Ax(OpCode.ExtraArg, 0), SJ(OpCode.Jmp, -2), .. code]);
        Assert.Contains("pc 2: jump to 1, the middle of an instruction", error);
    }

    [Fact]
    public void AForwardJumpOverAnExtraArgToAnInstructionIsAccepted()
    {
        // JMP over LOADKX + EXTRAARG lands on the first instruction of the original code.
        string error = Verify(code => [SJ(OpCode.Jmp, 2), ABC(OpCode.LoadKX, 0, 0, 0), Ax(OpCode.ExtraArg, 0), .. code]);
        Assert.Equal("", error);
    }

    [Fact]
    public void AnExtraArgWordWhereAnInstructionStartsIsRejected()
    {
        Assert.Contains("pc 0: EXTRAARG where an instruction is expected", Verify(code => [Ax(OpCode.ExtraArg, 0), .. code]));
    }

    [Fact]
    public void ACallSiteConstantThatIsNotOneIsReportedBeforeAnyRegisterRange()
    {
        // METHODCALL reads R[B] out of the frame and names K[0], which is not a (name, count) tuple: the
        // constant is reported (the register count depends on it).
        string error = Verify(code => [ABC(OpCode.MethodCall, 0, 200, 0), .. code]);
        Assert.Contains("METHODCALL needs a (name, argument count) call-site constant", error);
    }

    [Fact]
    public void ConstantsOfDifferentKindsOrBitsStayApart()
    {
        var pool = new ConstantPool();
        int one = pool.Int(1);
        int oneFloat = pool.Float(1.0);
        int zero = pool.Float(0.0);
        int negativeZero = pool.Float(-0.0);
        int text = pool.String("1");
        int yes = pool.Bool(true);
        Assert.Equal(6, new[] { one, oneFloat, zero, negativeZero, text, yes }.Distinct().Count());
        Assert.Equal(one, pool.Of(Value.FromInt(1)));
        Assert.Equal(negativeZero, pool.Of(Value.FromFloat(-0.0)));
        Assert.Equal(text, pool.Of(Value.FromString("1")));
        Assert.Equal(yes, pool.Bool(true));
        Assert.Equal(6, pool.Count);
    }

    [Fact]
    public void TuplesOfScalarsAreKeyedByKindAndValueOfEachItem()
    {
        var pool = new ConstantPool();
        Value Tuple(params Value[] items) => Value.FromObject(new VeldTuple(items));
        int ints = pool.Of(Tuple(Value.FromInt(1), Value.FromInt(2)));
        int floats = pool.Of(Tuple(Value.FromFloat(1.0), Value.FromInt(2)));
        int texts = pool.Of(Tuple(Value.FromString("1"), Value.FromInt(2)));
        int nested = pool.Of(Tuple(Tuple(Value.FromInt(1)), Value.FromInt(2)));
        Assert.Equal(4, new[] { ints, floats, texts, nested }.Distinct().Count());
        Assert.Equal(ints, pool.Of(Tuple(Value.FromInt(1), Value.FromInt(2))));
        Assert.Equal(nested, pool.Of(Tuple(Tuple(Value.FromInt(1)), Value.FromInt(2))));
        Assert.NotEqual(ints, pool.Of(Tuple(Value.FromInt(2), Value.FromInt(1))));
        // A method call site is a (str, int) tuple too, but in a table of its own.
        Assert.NotEqual(texts, pool.MethodSite("1", 2));
    }
}
