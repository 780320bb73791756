namespace Veld.RegisterVm.Tests;

/// <summary>
/// The count of instructions executed stays exact when an instruction raises: the dispatch loop derives the
/// count from pc, so every word it reads without dispatching (an EXTRAARG, the JMP after a test) must be left
/// out, also when the instruction that read it raises. Each program runs straight down the script to the
/// instruction that raises, so the count is that instruction's place among the dispatched words.
/// </summary>
public class InstructionCountOnErrorTests
{
    /// <summary>Ops that would make the script's code before the raising instruction not run straight down.</summary>
    private static readonly HashSet<OpCode> ChangesFlow =
    [
        OpCode.Jmp, OpCode.Eq, OpCode.Lt, OpCode.Le, OpCode.Gt, OpCode.Ge, OpCode.EqK, OpCode.EqI, OpCode.LtI,
        OpCode.LeI, OpCode.GtI, OpCode.GeI, OpCode.Test, OpCode.TestTuple, OpCode.TestVariant, OpCode.TestRange,
        OpCode.Call, OpCode.CallG, OpCode.CallR, OpCode.MethodCall, OpCode.ForPrep, OpCode.ForPrepInc,
        OpCode.ForLoop, OpCode.IterPrep, OpCode.IterNext, OpCode.Try,
    ];

    /// <summary>Run <paramref name="source"/>, which must raise at the last instruction of the script whose op is
    /// in <paramref name="raising"/>, and check the count: the dispatched words up to and including it.</summary>
    private static void AssertCountedUpToTheRaise(string source, params OpCode[] raising)
    {
        var code = CompileRegister(source).Script.Code;
        int at = Array.FindLastIndex(code, w => raising.Contains(Instruction.Op(w)));
        Assert.True(at >= 0, "no raising instruction in the script");
        var before = code.Take(at).Select(Instruction.Op).ToList();
        Assert.DoesNotContain(before, ChangesFlow.Contains);
        long dispatched = before.Count(op => op != OpCode.ExtraArg) + 1;

        var outcome = Run(source);
        Assert.Equal(OutcomeKind.RuntimeError, outcome.Kind);
        Assert.Equal(dispatched, outcome.Metrics.Instructions);
    }

    [Fact]
    public void ARaisingArithmeticInstructionIsCounted() =>
        AssertCountedUpToTheRaise("var s = 1\nvar t = s * 2\nt - \"x\"", OpCode.Sub, OpCode.SubK);

    [Fact]
    public void ARaisingTestIsCountedWithoutItsJump() =>
        AssertCountedUpToTheRaise("var s = 0\nif s < \"a\" then 1 else 2 end", OpCode.Lt, OpCode.Gt, OpCode.Le, OpCode.Ge);

    [Fact]
    public void ARaisingCastIsCountedWithoutItsExtraArg() =>
        AssertCountedUpToTheRaise("var s = \"x\"\nvar n = s as int\nn", OpCode.Cast);

    [Fact]
    public void ARaisingFieldReadPastTheShortConstantsIsCountedWithoutItsExtraArg()
    {
        // 300 float constants first, so the field names' constants need an EXTRAARG.
        string floats = string.Join(", ", Enumerable.Range(0, 300).Select(n => $"s + {n}.5"));
        string source = $"struct P\n    x,\n    y\nend\nvar s = 1\nlet xs = [{floats}]\nlet p = P(x: 1, y: 2)\np.x + p.y + p.z";
        var code = CompileRegister(source).Script.Code;
        Assert.Contains(code, w => Instruction.Op(w) == OpCode.ExtraArg);
        AssertCountedUpToTheRaise(source, OpCode.GetField);
    }

    [Fact]
    public void CaughtErrorsKeepTheCountLinear()
    {
        // Each iteration raises in g, is caught and goes on: the same instructions every time.
        const string loop = """
            struct P
                x
            end
            fn g(p, i) if i < 0 then 0 else p.y end end
            var t = 0
            for i in 0..N do t += try g(P(x: i), i) catch e 1 end end
            t
            """;
        long Count(int n)
        {
            var outcome = Run(loop.Replace("N", n.ToString()));
            Assert.Equal(OutcomeKind.Success, outcome.Kind);
            return outcome.Metrics.Instructions!.Value;
        }
        long perIteration = Count(11) - Count(10);
        Assert.True(perIteration > 0);
        Assert.Equal(90 * perIteration, Count(100) - Count(10));
        Assert.Equal(10 * perIteration, Count(10) - Count(0));
    }
}
