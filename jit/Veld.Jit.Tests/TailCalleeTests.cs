using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// Tail calls out of compiled code that compiled code called (docs/PERFORMANCE.md, JIT section 34): the call that entered
/// the tail-calling function (a general call's <c>RunCallee</c>, or a direct call whose entry bailed) runs the
/// tail-called frame's compiled code in place, in a loop, instead of leaving for the VM's trampoline with its caller.
/// </summary>
public class TailCalleeTests
{
    /// <summary>A compiled loop calls `count` (linked to its direct entry), which tail-calls itself ten times.</summary>
    private const string DirectCallOfATailCaller = """
        fn count(n, acc)
            if n == 0 then acc else count(n - 1, acc + 1) end
        end
        fn work(n)
            var s = 0
            for i in 0..n do s = s + count(10, i) end
            s
        end
        work(3000)
        """;

    [Fact]
    public void A_direct_call_whose_callee_tail_calls_runs_the_tail_callees_in_compiled_code()
    {
        var (_, stats) = JitRuns.RunAgreeing(DirectCallOfATailCaller, new RunOptions { JitThreshold = 10 });
        Assert.Equal(["count", "work"], stats.Compiled.Select(f => f.Name));
        // Ten tail calls per call of the compiled loop's 2,990 or so, each run in place: no frame start reaches the
        // dispatch loop (before: one heat report per tail call, 30,000 or so).
        Assert.InRange(stats.HeatReports, 0, 200);
        Assert.InRange(stats.TailCalleesRun, 29_800, 30_000);
    }

    [Fact]
    public void A_general_call_whose_callee_tail_calls_runs_the_tail_callee_in_compiled_code()
    {
        // At threshold 0 `work` compiles before its CALLR has seen `via`: the general call runs `via`'s code
        // (RunCallee), which tail-calls `step`, whose code the same call then runs.
        var (_, stats) = JitRuns.RunAgreeing(ClosureCallLinkingTests.CalleeMakingATailCall, new RunOptions { JitThreshold = 0 });
        Assert.InRange(stats.HeatReports, 0, 20);
        // All but the first, which the interpreter made: `via` compiles at that call's frame start, after the call.
        Assert.Equal(2_999, stats.TailCalleesRun);
    }

    [Fact]
    public void A_million_tail_calls_from_a_compiled_caller_run_in_one_native_frame()
    {
        const string source = """
            fn count(n, acc)
                if n == 0 then acc else count(n - 1, acc + 1) end
            end
            fn work(n)
                var s = 0
                for i in 0..n do s = s + count(if i == n - 1 then 1000000 else 10 end, 0) end
                s
            end
            work(100)
            """;
        var (outcome, stats) = JitRuns.RunAgreeing(source, new RunOptions { JitThreshold = 0 });
        Assert.Equal(1_000_990, outcome.Result.AsInt);
        // All but the first call's ten, which ran before `count` compiled (the tail calls to the trampoline then).
        Assert.Equal(1_000_980, stats.TailCalleesRun);
    }
}
