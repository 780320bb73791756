using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// The dispatch loop reports a frame start or a loop back-edge to the JIT only when the function's countdown runs out
/// (<c>TierUp.CallCountdown</c>, <c>TierUp.LoopCountdown</c>): a function that stays interpreted costs about what it
/// costs on the register tier, and what compiles, and when, is as when every event was reported.
/// </summary>
public class HeatCountdownTests
{
    /// <summary>`f` (small, no loops) is called <paramref name="calls"/> less 2,000 times from compiled `work` through a
    /// register, first after `work` compiled (so its site links nothing, <see cref="ClosureCalls"/>): it never compiles
    /// (<see cref="CallOnlyFunctions"/>), and without the countdowns each of its calls would be a report.</summary>
    private static string Program(int calls) => $$"""
        fn f(x) => x * 2 % 1000 + 1
        fn work(n, g)
            var s = 0
            for i in 0..n do
                if i >= 2000 then s = g(s) end
            end
            s
        end
        println(work({{calls}}, f))
        """;

    /// <summary>Its first 100,000 calls (the default threshold's) include the profile's sampling quarter, 25,000 calls all
    /// reported; after that it waits, sampled no more, and 200,000 further calls make few reports.</summary>
    [Fact]
    public void A_function_that_stays_interpreted_is_reported_on_few_of_its_calls()
    {
        Assert.Equal(["work"], CostModelTests.CompiledInOrder(Program(200_000), new RunOptions()));
        long first = JitRuns.Run(Program(200_000), new RunOptions()).Stats.HeatReports;
        long more = JitRuns.Run(Program(400_000), new RunOptions()).Stats.HeatReports;
        Assert.InRange(first, 25_000, 100_000 / 2);
        Assert.InRange(more - first, 1, 200_000 / 50);
    }

    /// <summary>
    /// A loop compiles at the same back-edge whether the dispatch loop reports each one or the countdown lets some pass:
    /// `work` at threshold 1,000 compiles at its 1,000th back-edge, so the VM interprets exactly its first 1,000 iterations
    /// (the counts of a run without countdowns, taken before they were added). Its back-edges in the profile's sampling
    /// quarter (the last 250) are all reported.
    /// </summary>
    [Fact]
    public void A_loop_compiles_at_the_same_back_edge_as_when_every_one_is_reported()
    {
        const string loop = """
            fn work(n)
                var s = 0
                for i in 0..n do s = (s + i * 7) % 1000003 end
                s
            end
            println(work(100000))
            """;
        var (outcome, stats) = JitRuns.Run(loop, new RunOptions { JitBackground = false });
        Assert.Equal(["work"], stats.Compiled.Select(f => f.Name));
        Assert.Equal(ExpectedInterpreted, outcome.Metrics.Instructions);
        Assert.InRange(stats.HeatReports, 250, 250 + 50);
    }

    /// <summary>Interpreted instructions of that run on the build before the countdowns (`veld run --tier jit --stats
    /// --jit-background off`): four per iteration, 1,000 iterations, and the script's few.</summary>
    private const long ExpectedInterpreted = 4_008;
}
