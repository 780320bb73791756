using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// A small function without loops that gets hot after its caller compiled (<see cref="CallOnlyFunctions.CallerToRecompile"/>):
/// the compiled caller calls it through a CALLG or METHODCALL site that was not linked to it (it was not compiled then),
/// so the caller is compiled again, once, with the callee just before it, and its site calls the callee directly.
/// </summary>
public class CallerRecompiledTests
{
    private static readonly RunOptions Threshold10 = new() { JitThreshold = 10, JitBackground = false };

    /// <summary>`work` compiles after 10 iterations, before its loop first calls `f` (from iteration 200); `f` gets hot
    /// (1,000 calls at threshold 10) in compiled code's general calls, and `late` (called from iteration 2,000) after that.</summary>
    private static string Loop(bool withLate) => $$"""
        fn f(x) => x * 2 % 1000 + 1
        fn late(x) => x * 3 % 1000 + 2
        fn work(n)
            var s = 0
            for i in 0..n do
                if i >= 200 then s = f(s) else s += 1 end
                {{(withLate ? "if i >= 2000 then s = late(s) end" : "")}}
            end
            s
        end
        println(work(3600))
        """;

    [Fact]
    public void A_compiled_caller_is_compiled_again_with_a_small_global_callee_that_got_hot_after_it()
    {
        var (outcome, stats) = JitRuns.Run(Loop(withLate: false), Threshold10);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(Loop(false), Threshold10)), JitRuns.Observed(outcome));
        Assert.Equal(["work", "f", "work"], stats.Compiled.Select(c => c.Name));
        Assert.Equal(1, stats.CallersRecompiled);
        // `f`'s first 1,000 calls are interpreted (4 instructions each); the 2,400 after it, direct, are not.
        Assert.InRange(outcome.Metrics.Instructions!.Value, 4000, 6000);
    }

    [Fact]
    public void A_caller_is_compiled_again_once_only()
    {
        var (outcome, stats) = JitRuns.Run(Loop(withLate: true), Threshold10);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(Loop(true), Threshold10)), JitRuns.Observed(outcome));
        Assert.Equal(["work", "f", "work"], stats.Compiled.Select(c => c.Name));
        Assert.Equal(1, stats.CallersRecompiled);
    }

    /// <summary>`outer` gets hot first (it is called first) while `middle` and `inner`, hot a call later, are not waiting yet:
    /// held by them, it takes them along at once instead of waiting another threshold's calls.</summary>
    private const string Chain = """
        fn inner(x) => x * 3 % 1000 + 1
        fn middle(x) => inner(x) + 1
        fn outer(x) => middle(x) * 2 % 1000
        fn work(n)
            var s = 0
            for i in 0..n do
                if i >= 200 or i % 50 == 0 then s = outer(s) else s += 1 end
            end
            s
        end
        println(work(3600))
        """;

    [Fact]
    public void A_compiled_caller_is_compiled_again_with_a_chain_of_small_callees()
    {
        var (outcome, stats) = JitRuns.Run(Chain, Threshold10);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(Chain, Threshold10)), JitRuns.Observed(outcome));
        Assert.Equal(["work", "inner", "middle", "outer", "work"], stats.Compiled.Select(c => c.Name));
        Assert.Equal(1, stats.CallersRecompiled);
        // 13,074 interpreted; 26,074 when `outer` waits for another threshold's calls before the chain compiles.
        Assert.InRange(outcome.Metrics.Instructions!.Value, 10000, 20000);
    }
}
