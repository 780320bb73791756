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

    [Fact]
    public void Every_compilation_is_planned_first_and_its_planning_time_counted()
    {
        var (_, stats) = JitRuns.Run(Program, new RunOptions { JitThreshold = 0 });
        Assert.Equal(stats.FunctionsCompiled, stats.Plans);
        Assert.True(stats.PlanMs > 0 && stats.PlanMsMax > 0 && stats.PlanMsMax <= stats.PlanMs);
        var (_, none) = JitRuns.Run(Program, new RunOptions { JitThreshold = 1_000_000 });
        Assert.Equal(0, none.Plans);
        Assert.Equal(0, none.PlanMs);
    }

    [Theory]
    // Heat in calls, a back-edge counting TierUp.CallsPerIteration (W): script: its start plus 9 back-edges = 1 + 9W;
    // square: 10 calls; called_twice: 2 calls. A function compiles at threshold × W, unless its loop keeps calling an
    // interpreted function (InterpretedCallees): at 9 the script is hot after its 9th back-edge, but square, called 9
    // times by then, is interpreted, so the script waits, and the run ends first (CostModelTests has loops that get there).
    [InlineData(9, new string[0])]
    [InlineData(10, new string[0])]
    public void A_threshold_counts_back_edges_with_a_call_a_fraction_of_one(int threshold, string[] compiled)
    {
        var (_, stats) = JitRuns.Run(Program, new RunOptions { JitThreshold = threshold });
        Assert.Equal(compiled, stats.Compiled.Select(f => f.Name));
    }

    [Fact]
    public void A_function_only_called_compiles_after_its_weight_times_the_threshold_in_calls()
    {
        // 2W calls of inc: at threshold 2 that is what a function without loops needs; at 3 it would need 3W. Made by
        // straight-line code: from a loop, inc would compile with the loop it holds back (InterpretedCallees.HotCallTree).
        // Longer than CallOnlyFunctions.SmallBodyWords: a smaller inc would wait for its interpreted caller.
        string source = "fn inc(x)\n    let y = x * 3 % 1000 + x % 7 - x % 11 + x % 13 - x % 17\n    y - x * 3 % 1000 - x % 7 + x % 11 - x % 13 + x % 17 + x + 1\nend\nvar s = 0\n"
            + string.Concat(Enumerable.Repeat("s = inc(s)\n", 2 * RegisterVm.TierUp.CallsPerIteration)) + "s\n";
        Assert.Contains("inc", JitRuns.Run(source, new RunOptions { JitThreshold = 2 }).Stats.Compiled.Select(f => f.Name));
        Assert.DoesNotContain("inc", JitRuns.Run(source, new RunOptions { JitThreshold = 3 }).Stats.Compiled.Select(f => f.Name));
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
