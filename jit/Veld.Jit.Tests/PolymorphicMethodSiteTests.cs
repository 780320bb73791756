using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// Compiled METHODCALL sites linked to the direct entry of every method their inline cache held (a polymorphic site
/// tries them in turn): each receiver type reaches its own method directly, a type the site had not seen takes the
/// general call, and the results are the oracle's.
/// </summary>
public class PolymorphicMethodSiteTests
{
    private const string Shapes = ShapeSources.SquareRectCircle + """
        fn total(shapes, n)
            var s = 0
            for i in 0..n do s += shapes[i % shapes.len()].area() end
            s
        end
        """;

    /// <summary>At threshold 100 the methods (called only) would need 10,000 calls each to get hot by themselves: the loop
    /// compiles first, after one wait, with both methods just before it.</summary>
    private static (RunOutcome Outcome, JitStatistics Stats) Run(string calls) =>
        JitRuns.Run(Shapes + "\n" + calls, new RunOptions { JitThreshold = 100 });

    [Fact]
    public void Both_types_of_a_two_type_site_call_their_methods_directly()
    {
        // total compiles after its two methods (held back, then compiled with them); from then on every call is direct.
        var (outcome, stats) = Run("total([Square(side: 3), Rect(w: 2, h: 5)], 20000)");
        Assert.Equal(190000, outcome.Result.AsInt);
        Assert.Equal(["area", "area"], stats.DirectEntries.Select(e => e.Name));
        // Linked to the first type's method alone, only half the calls after the compilation would be direct.
        Assert.True(stats.DirectMethodCalls > 19000, $"{stats.DirectMethodCalls} direct method calls");
    }

    [Fact]
    public void A_type_the_linked_site_has_not_seen_takes_the_general_call_and_gets_its_own_method()
    {
        const string calls = """
            let warm = total([Square(side: 3), Rect(w: 2, h: 5)], 20000)
            let mixed = total([Square(side: 1), Circle(r: 2), Rect(w: 1, h: 1)], 3000)
            warm + mixed
            """;
        var (jit, stats) = Run(calls);
        var options = new RunOptions { JitThreshold = 100 };
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(Shapes + "\n" + calls, options)), JitRuns.Observed(jit));
        Assert.Equal(190000 + 1000 * (1 + 12 + 1), jit.Result.AsInt);
        // Square and Rect still go direct from the same compiled site: two thirds of the second run's calls.
        Assert.True(stats.DirectMethodCalls > 19000 + 1900, $"{stats.DirectMethodCalls} direct method calls");
    }
}
