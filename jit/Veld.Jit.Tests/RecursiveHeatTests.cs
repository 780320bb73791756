using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// A call of a function by itself weighs as a loop iteration (<c>TierUp.CallWeight</c>): recursion is how such a function
/// loops. Any other call weighs 1/<c>TierUp.CallsPerIteration</c> of one. Counters only.
/// </summary>
public class RecursiveHeatTests
{
    private const int Threshold = 50;

    /// <summary>depth(n) makes n calls of itself below its first call.</summary>
    private static string SelfRecursive(int depth) => $"""
        fn depth(n)
            if n == 0 then 0 else 1 + depth(n - 1) end
        end
        depth({depth})
        """;

    [Fact]
    public void A_function_that_calls_itself_compiles_after_the_threshold_in_calls_of_itself()
    {
        var (outcome, stats) = JitRuns.Run(SelfRecursive(Threshold), new RunOptions { JitThreshold = Threshold });
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.Equal(["depth"], stats.Compiled.Select(f => f.Name));
    }

    [Fact]
    public void Fewer_calls_of_itself_than_the_threshold_leave_it_interpreted()
    {
        // The first call comes from the script and weighs 1/W: with Threshold - 2 self-calls the heat stays just short.
        var (_, stats) = JitRuns.Run(SelfRecursive(Threshold - 2), new RunOptions { JitThreshold = Threshold });
        Assert.Empty(stats.Compiled);
    }

    [Fact]
    public void Mutual_recursion_counts_as_calls()
    {
        // ping and pong call each other, never themselves: 4 × Threshold calls, far below Threshold × W.
        string source = $"""
            fn ping(n)
                if n > 0 then pong(n - 1) else "ping" end
            end
            fn pong(n)
                if n > 0 then ping(n - 1) else "pong" end
            end
            ping({4 * Threshold})
            """;
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { JitThreshold = Threshold });
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.Empty(stats.Compiled);
    }

    [Fact]
    public void Compiled_recursion_gives_what_the_register_vm_gives()
    {
        string source = SelfRecursive(3 * Threshold);
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { JitThreshold = Threshold });
        Assert.NotEmpty(stats.Compiled);
        Assert.Equal(JitRuns.Observed(JitRuns.Register(source, new RunOptions())), JitRuns.Observed(outcome));
    }
}
