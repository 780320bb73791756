using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm.Tests;

/// <summary>
/// A test whose JMP is taken runs that JMP in its own dispatch. When the JMP goes back, its tick can run out of
/// fuel: the error is reported at the JMP word (on a line of its own here) and counted as the test alone. The
/// dispatch loop keeps pc in a register and hands its handlers the pc of the raise in a separate local, which the
/// JMP sets for this case; the compiler emits no backward JMP after a test, so the corpus never reaches it and
/// the function is made by hand.
/// </summary>
public class FusedBackwardJumpErrorTests
{
    private const string Source = "fn f(a)\n    a\nend\nf(0)";

    /// <summary>f(0) loops for ever: r1 = 0, then r1 += 1 and "if a == 0, JMP back" (one dispatch per test and its JMP).</summary>
    private static RegisterProgram EndlessLoop() => CheckerTests.WithCode(Source, "f", _ =>
        [
            AsBx(OpCode.LoadI, 1, 0),
            ABC(OpCode.AddI, 1, 1, 1 + OffsetSC),
            ABC(OpCode.EqI, 0, OffsetSC, 0, k: true),
            SJ(OpCode.Jmp, -3),
            ABC(OpCode.Return, 1, 0, 0),
        ],
        maxStack: 2, lines: [10, 11, 12, 13, 14]);

    private static RunOutcome RunWithFuel(long fuel) =>
        TierHost.Execute("register", RegisterVmTier.Load(EndlessLoop()), new RunOptions { Fuel = fuel }, null);

    [Fact]
    public void RunningOutAtTheJumpOfATestIsReportedAtTheJumpAndCountedWithTheTest()
    {
        Assert.Empty(RegisterChecker.Check(EndlessLoop()));
        var outcome = RunWithFuel(100);
        Assert.Equal(OutcomeKind.LimitExceeded, outcome.Kind);
        Assert.Equal("fuel exhausted", outcome.Error!.Message);
        Assert.Equal(13, outcome.Error.Line);

        // Each unit of fuel more is one more turn of the loop: ADDI and the test (its JMP is not counted).
        long count = outcome.Metrics.Instructions!.Value;
        Assert.Equal(count + 2, RunWithFuel(101).Metrics.Instructions);
        // The script's instructions up to its call, f's LOADI, then ADDI and the test per turn, the last test too.
        Assert.Equal(2 + 1 + 2 * 100, count);
    }
}
