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
    /// there at iteration 1,000; `q0` to `q3` (each every 4th iteration) at about iteration 4,000, if the loop runs that
    /// long. Five hot callees are more than a held loop compiles with (<see cref="InterpretedCallees.MostCompiledWith"/>).</summary>
    private static string LoopCalling(int iterations) => $$"""
        fn tiny(x)
            x * 2 % 1000
        end
        fn q0(x) => x + 1
        fn q1(x) => x + 2
        fn q2(x) => x + 3
        fn q3(x) => x + 4
        fn work(n)
            var s = 0
            for i in 0..n do
                s = tiny(s)
                if i % 4 == 0 then s = q0(s) else if i % 4 == 1 then s = q1(s) else if i % 4 == 2 then s = q2(s) else s = q3(s) end
            end
            s
        end
        work({{iterations}})
        """;

    [Fact]
    public void A_short_callee_of_a_loop_held_back_by_another_callee_stays_interpreted()
    {
        // `work` waits for `q0` to `q3` (hot: each called every 4th iteration), which never reach 1,000 calls; `tiny` does,
        // but compiled it would only ever be entered from the interpreted loop.
        Assert.Empty(CostModelTests.CompiledInOrder(LoopCalling(3000), Threshold10));
    }

    [Fact]
    public void The_waiting_callees_compile_just_before_their_caller_so_the_caller_links_to_them()
    {
        // `q0` to `q3` get hot at about iteration 4,000 and wait for `work` (small, without loops: CallOnlyFunctions);
        // then nothing holds `work` back, and it compiles at its next check, the callees that waited for it (`tiny`
        // first, it waited longest) just before it.
        var order = CostModelTests.CompiledInOrder(LoopCalling(8000), Threshold10);
        Assert.Equal(["tiny", "q0", "q1", "q2", "q3", "work"], order);
    }

    [Fact]
    public void At_threshold_0_nothing_waits_for_its_callers()
    {
        var order = CostModelTests.CompiledInOrder(LoopCalling(3000), new RunOptions { JitThreshold = 0 });
        Assert.Equal(["script", "work", "tiny", "q0", "q1", "q2", "q3"], order);
    }
}
