using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// The cost model's rule (<see cref="InterpretedCallees"/>): a hot function whose loop keeps calling an interpreted hot
/// function waits until that callee is compiled, so its code never runs through the trampoline at every call; a callee
/// called rarely, or a call to itself, or mutual recursion, holds nothing back; at threshold 0 nothing waits.
/// </summary>
public class CostModelTests
{
    private static readonly RunOptions Threshold10 = new() { JitThreshold = 10 };

    /// <summary>The functions a run compiled, in order, after checking it ran as on the tree-walker.</summary>
    internal static List<string> CompiledInOrder(string source, RunOptions options)
    {
        var (outcome, stats) = JitRuns.Run(source, options);
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, options)), JitRuns.Observed(outcome));
        return [.. stats.Compiled.Select(f => f.Name)];
    }

    private static string LoopCalling(string condition) => $$"""
        fn helper(x)
            x + 1
        end
        fn work(n)
            var s = 0
            for i in 0..n do
                if {{condition}} then s = helper(s) end
            end
            s
        end
        work(20000)
        """;

    [Fact]
    public void A_loop_that_calls_an_interpreted_function_every_iteration_is_compiled_after_it()
    {
        var order = CompiledInOrder(LoopCalling("true"), Threshold10);
        Assert.Equal(["helper", "work"], order);
    }

    [Fact]
    public void A_loop_that_calls_a_function_rarely_is_compiled_first()
    {
        var order = CompiledInOrder(LoopCalling("i % 100 == 0"), Threshold10);
        Assert.Equal("work", order[0]);
        Assert.DoesNotContain("helper", order); // 200 calls: never hot
    }

    [Fact]
    public void At_threshold_0_the_caller_does_not_wait()
    {
        var order = CompiledInOrder(LoopCalling("true"), new RunOptions { JitThreshold = 0 });
        Assert.Contains("work", order);
        Assert.True(order.IndexOf("work") < order.IndexOf("helper"), string.Join(", ", order));
    }

    [Fact]
    public void Mutually_recursive_functions_do_not_wait_for_each_other_for_ever()
    {
        const string source = """
            fn is_even(n)
                if n == 0 then true else is_odd(n - 1) end
            end
            fn is_odd(n)
                if n == 0 then false else is_even(n - 1) end
            end
            fn run(times)
                var count = 0
                for i in 0..times do
                    if is_even(i % 50) then count = count + 1 end
                end
                count
            end
            run(4000)
            """;
        var order = CompiledInOrder(source, Threshold10);
        Assert.Contains("is_even", order);
        Assert.Contains("is_odd", order);
        Assert.Contains("run", order);
    }
}
