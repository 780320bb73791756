using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>Int registers, their guards, and deoptimisation back to the interpreter.</summary>
public class DeoptimizationTests
{
    /// <summary>step and x are ints on the first call and floats on the second: each compiled guard fails once
    /// (step's on entry, x's at its add), and each failure recompiles without that assumption.</summary>
    private const string TypeChange = """
        fn run(step)
            var x = 0
            for i in 0..300 do
                x = x + step
            end
            x
        end
        println(run(1))
        println(run(0.5))
        println(run(2))
        """;

    [Fact]
    public void A_register_that_stops_being_an_int_deoptimises_once_and_is_recompiled_without_the_assumption()
    {
        var (outcome, stats) = JitRuns.Run(TypeChange, new RunOptions { JitThreshold = 0 });
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(TypeChange, new RunOptions())), JitRuns.Observed(outcome));
        Assert.Equal(["entry: register not an int (r0)", "result not an int (r1)"], stats.Deoptimizations.Select(d => d.Reason));
        var compilations = stats.Compiled.Where(f => f.Name == "run").Select(f => f.Assumptions).ToList();
        Assert.Equal(3, compilations.Count);
        Assert.Contains("r0:int", compilations[0]);
        Assert.DoesNotContain("r0:", compilations[1]);
        Assert.DoesNotContain("r1:", compilations[2]);
    }

    [Fact]
    public void Overflow_in_int_code_hands_the_instruction_to_the_interpreter_which_raises_it_on_its_line()
    {
        const string source = """
            fn grow()
                var x = 1
                for i in 0..100 do
                    x = x * 3
                end
                x
            end
            grow()
            """;
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { JitThreshold = 0 });
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, new RunOptions())), JitRuns.Observed(outcome));
        Assert.Equal(nameof(ErrorKind.Overflow), outcome.Error!.Kind);
        Assert.Contains(stats.Deoptimizations, d => d.Reason == "int overflow");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Stress_makes_guards_fail_at_the_same_points_in_every_run_and_changes_nothing_observable(int seed)
    {
        const string source = """
            fn sum(n)
                var s = 0
                for i in 0..n do
                    s = s + i % 7
                end
                s
            end
            var total = 0
            for k in 0..50 do
                total = total + sum(k * 10)
            end
            println(total)
            """;
        var options = new RunOptions { JitThreshold = 0, JitStress = seed };
        var (first, stats) = JitRuns.Run(source, options);
        var (_, again) = JitRuns.Run(source, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Register(source, new RunOptions())), JitRuns.Observed(first));
        Assert.NotEmpty(stats.Deoptimizations);
        Assert.All(stats.Deoptimizations, d => Assert.Equal("stress", d.Reason));
        Assert.Equal(stats.Deoptimizations.Select(d => (d.Name, d.Pc)), again.Deoptimizations.Select(d => (d.Name, d.Pc)));
    }

    [Fact]
    public void Without_stress_int_code_never_deoptimises()
    {
        var (_, stats) = JitRuns.Run("fn f()\n    var s = 0\n    for i in 0..1000 do s = s + i end\n    s\nend\nf()", new RunOptions { JitThreshold = 0 });
        Assert.Contains(stats.Compiled, f => f.Name == "f" && f.Assumptions.Contains(":int"));
        Assert.Empty(stats.Deoptimizations);
    }
}
