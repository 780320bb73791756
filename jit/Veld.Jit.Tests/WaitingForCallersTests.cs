using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// The cost model's other side (<see cref="InterpretedCallers"/>): a short function whose caller is a loop held back by
/// another hot interpreted callee waits for that caller instead of being compiled and entered from the interpreter at
/// every call; when the caller compiles, the callees that waited for it compile just before it.
/// </summary>
public class WaitingForCallersTests
{
    private static readonly RunOptions Threshold10 = new() { JitThreshold = 10 };

    /// <summary>At threshold 10 a function without loops compiles after 1,000 calls: `tiny` (called every iteration) gets
    /// there at iteration 1,000; `quarter` (every 4th) at iteration 4,000, if the loop runs that long.</summary>
    private static string LoopCalling(int iterations) => $$"""
        fn tiny(x)
            x * 2 % 1000
        end
        fn quarter(x)
            x + 1
        end
        fn work(n)
            var s = 0
            for i in 0..n do
                s = tiny(s)
                if i % 4 == 0 then s = quarter(s) end
            end
            s
        end
        work({{iterations}})
        """;

    [Fact]
    public void A_short_callee_of_a_loop_held_back_by_another_callee_stays_interpreted()
    {
        // `work` waits for `quarter` (hot: called every 4th iteration), which never reaches 1,000 calls; `tiny` does, but
        // compiled it would only ever be entered from the interpreted loop.
        Assert.Empty(CostModelTests.CompiledInOrder(LoopCalling(3000), Threshold10));
    }

    [Fact]
    public void The_waiting_callee_compiles_just_before_its_caller_so_the_caller_links_to_it()
    {
        // `quarter` gets hot at iteration 4,000 and nothing else holds `work` back then: `quarter` compiles, `work`
        // compiles at its next check, and `tiny`, waiting for it, just before it.
        var order = CostModelTests.CompiledInOrder(LoopCalling(8000), Threshold10);
        Assert.Equal(["quarter", "tiny", "work"], order);
    }

    [Fact]
    public void At_threshold_0_nothing_waits_for_its_callers()
    {
        var order = CostModelTests.CompiledInOrder(LoopCalling(3000), new RunOptions { JitThreshold = 0 });
        Assert.Equal(["script", "work", "tiny", "quarter"], order);
    }
}
