using System.Text;
using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>Which functions the JIT compiles, and when, is deterministic: counters, never timings.</summary>
public class JitCounterTests
{
    private const string Program = """
        fn square(x)
            x * x
        end
        fn never_called(x)
            x
        end
        fn called_twice(x)
            x + 1
        end
        var s = 0
        for i in 0..10 do
            s = s + square(i)
        end
        called_twice(called_twice(s))
        """;

    [Fact]
    public void Threshold_zero_compiles_every_function_that_runs_before_its_first_instruction()
    {
        var (outcome, stats) = JitRuns.Run(Program, new RunOptions { JitThreshold = 0 });
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.Equal(["script", "square", "called_twice"], stats.Compiled.Select(f => f.Name));
        Assert.Empty(stats.Interpreted);
    }

    [Theory]
    // script: its start plus 9 back-edges of its 10-iteration loop; square: 10 calls; called_twice: 2 calls.
    [InlineData(2, new[] { "script", "square", "called_twice" })]
    [InlineData(10, new[] { "script", "square" })]
    [InlineData(11, new string[0])]
    public void A_threshold_counts_calls_and_back_edges_together(int threshold, string[] compiled)
    {
        var (_, stats) = JitRuns.Run(Program, new RunOptions { JitThreshold = threshold });
        Assert.Equal(compiled, stats.Compiled.Select(f => f.Name));
    }

    [Fact]
    public void A_function_over_the_size_budget_stays_interpreted_and_the_statistics_say_why()
    {
        var body = new StringBuilder("fn huge(x)\n    var y = x\n");
        for (int i = 0; i < 6000; i++) body.Append("    y = y * 3 + ").Append(i).Append('\n');
        body.Append("    y\nend\nhuge(0)\n");
        var (outcome, stats) = JitRuns.Run(body.ToString(), new RunOptions { JitThreshold = 0 });
        Assert.Equal(JitRuns.Observed(JitRuns.Register(body.ToString(), new RunOptions())), JitRuns.Observed(outcome));
        var refused = Assert.Single(stats.Interpreted);
        Assert.Equal("huge", refused.Name);
        Assert.Contains("over the budget", refused.Reason);
    }

    [Fact]
    public void The_disassembly_lists_every_function_with_its_IL()
    {
        var listing = JitDisassembler.Disassemble(RegisterVm.ProgramCompiler.Compile(JitRuns.Check(Program)));
        foreach (var name in new[] { "script", "square", "never_called", "called_twice" })
            Assert.Contains($"function {name} ", listing);
        Assert.Contains("call Arith.Mul", listing);
        Assert.Contains("type assumptions:", listing);
    }
}
