using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>Direct calls between compiled functions: when a direct entry is made, and that the calls through it
/// behave as the general call does (results, redefinition, depth limit, call stacks).</summary>
public class DirectCallTests
{
    private const string Fib = """
        fn fib(n)
            if n < 2 then n else fib(n - 1) + fib(n - 2) end
        end
        fib(20)
        """;

    [Fact]
    public void A_function_that_calls_itself_gets_a_direct_entry_and_its_calls_results_typed()
    {
        var (outcome, stats) = JitRuns.Run(Fib, new RunOptions { JitThreshold = 5 });
        Assert.Equal(6765, outcome.Result.AsInt);
        var entry = Assert.Single(stats.DirectEntries);
        Assert.Equal("fib", entry.Name);
        // n, both call results and their sum are ints: the calls' results are guarded, not boxed.
        Assert.Equal("r0:int, r1:int, r2:int, r3:int", stats.Compiled.Single(f => f.Name == "fib").Assumptions);
        Assert.Empty(stats.Deoptimizations);
    }

    [Fact]
    public void A_caller_compiled_after_its_callee_links_to_the_callees_direct_entry()
    {
        const string source = """
            fn square(x) x * x end
            fn sum(n)
                var s = 0
                for i in 0..n do s = s + square(i) end
                s
            end
            square(3)
            sum(10)
            """;
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { JitThreshold = 0 });
        Assert.Equal(285, outcome.Result.AsInt);
        Assert.Equal(["square"], stats.DirectEntries.Select(e => e.Name));
    }

    [Fact]
    public void A_function_without_calls_to_compiled_functions_gets_no_direct_entry()
    {
        var (_, stats) = JitRuns.Run("fn id(x) x end\nid(1)\nid(2)", new RunOptions { JitThreshold = 0 });
        Assert.Empty(stats.DirectEntries);
    }

    [Fact]
    public void A_typed_call_result_that_turns_float_deoptimises_and_agrees_with_the_oracle()
    {
        const string source = """
            fn f(n) if n == 30 then 0.5 else n end end
            fn g(n) if n == 0 then 0 else f(n) + g(n - 1) end end
            f(1)
            g(40)
            """;
        var options = new RunOptions { JitThreshold = 0 };
        var (jit, _) = JitRuns.Run(source, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, options)), JitRuns.Observed(jit));
        Assert.Equal("790.5", Display.ShowNested(jit.Result));
    }

    [Fact]
    public void Deep_direct_recursion_ends_in_the_depth_limit_on_the_line_of_the_call()
    {
        const string source = "fn sink(n)\n    1 + sink(n + 1)\nend\nsink(0)";
        var options = new RunOptions { JitThreshold = 0 };
        var (jit, _) = JitRuns.Run(source, options);
        Assert.Equal(nameof(ErrorKind.StackOverflow), jit.Error!.Kind);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, options)), JitRuns.Observed(jit));
    }
}
