using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// A compiled ITERNEXT over an array takes the next element inline (<c>RegisterMachine.ElementStepOf</c>,
/// <c>ForIterator.NextElement</c>): only each loop's first step, its end, and the steps of ranges, maps, strings and
/// changed arrays call the VM (<see cref="JitStatistics.IteratorStepsOutOfLine"/>), with the oracle's results, errors
/// and fuel.
/// </summary>
public class ArrayIterationTests
{
    private const string Program = """
        fn total(xs, passes)
            var s = 0
            for p in 0..passes do
                for x in xs do s += x end
            end
            s
        end
        println(total([1, 2, 3, 4, 5], 4000))
        """;

    [Fact]
    public void An_array_loop_steps_inline_but_for_its_first_step_and_its_end()
    {
        var (outcome, stats) = JitRuns.Run(Program, new RunOptions { JitThreshold = 0 });
        Assert.Equal("60000", outcome.Stdout.Trim());
        // 4,000 loops of five elements: 24,000 steps, two of each loop's six out of line.
        Assert.Equal(8_000, stats.IteratorStepsOutOfLine);
    }

    [Fact]
    public void A_range_loop_steps_out_of_line()
    {
        var (outcome, stats) = JitRuns.Run(Program.Replace("[1, 2, 3, 4, 5]", "1..=5"), new RunOptions { JitThreshold = 0 });
        Assert.Equal("60000", outcome.Stdout.Trim());
        Assert.Equal(24_000, stats.IteratorStepsOutOfLine);
    }

    [Theory]
    [InlineData("xs.push(x)")]
    [InlineData("xs.pop()")]
    public void An_array_resized_by_the_body_raises_the_oracles_error(string change)
    {
        var source = $$"""
            fn run(xs, passes)
                var s = 0
                for p in 0..passes do
                    for x in xs do
                        s += x
                        if p == passes - 1 then {{change}} end
                    end
                end
                s
            end
            println(run([1, 2, 3], 500))
            """;
        var options = new RunOptions { JitThreshold = 0 };
        var (outcome, stats) = JitRuns.Run(source, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, options)), JitRuns.Observed(outcome));
        Assert.Contains("array changed size during iteration", JitRuns.Observed(outcome));
        Assert.True(stats.IteratorStepsOutOfLine < 1_100, $"{stats.IteratorStepsOutOfLine} steps out of line");
    }

    [Fact]
    public void Fuel_runs_out_in_an_inline_array_loop_where_the_register_vm_runs_out()
    {
        JitRuns.AssertFuelRunsOutAsOnRegisterVm(Program, mostFuel: 70);
    }
}
