using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>Values captured by value (GETCAPT) live in the closure whichever tier made it: a closure made by compiled
/// code is read by the interpreter, and one the interpreter made is read by compiled code.</summary>
public class CapturedValueTests
{
    // make_adder turns hot while the array fills (a call counts 1/100 of a loop iteration), so the first closures come
    // from the interpreter and the later ones from compiled code; they are then called newest first, so the lambda,
    // interpreted until it turns hot, reads the compiled code's closures first and, compiled, the interpreter's last.
    // The lambda's body is longer than CallOnlyFunctions.SmallBodyWords: called from compiled code through a register, a
    // smaller one would stay interpreted.
    private const string Adders = """
        fn make_adder(k) => x => (x + k * 1000) * 3 % 1000003 + k * 7 - x % 5 + k % 11 * 2 - (x + k) % 13 + x * k % 17 - k % 3
        let adders = []
        for i in 0..200 do adders.push(make_adder(i)) end
        var total = 0
        var n = adders.len()
        while n > 0 do
            n -= 1
            total += adders[n](n)
        end
        total
        """;

    [Fact]
    public void ClosuresMadeByEitherTierReadTheirCapturedValuesOnTheOther()
    {
        var options = new RunOptions { JitThreshold = 1 };
        var (jit, stats) = JitRuns.Run(Adders, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(Adders, options)), JitRuns.Observed(jit));
        Assert.Contains(stats.Compiled, f => f.Name == "make_adder");
        Assert.Contains(stats.Compiled, f => f.Name == "lambda@1");
        var program = ProgramCompiler.Compile(JitRuns.Check(Adders));
        var lambda = program.Script.SelfAndDescendants().Single(p => p.Name == "lambda@1");
        Assert.Contains(lambda.Code, w => Instruction.Op(w) == OpCode.GetCapt);
    }
}
