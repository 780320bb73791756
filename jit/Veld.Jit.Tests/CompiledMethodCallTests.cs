using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// Compiled METHODCALL sites linked to direct entries find the receiver's method inline, in their own code, from the
/// site's inline cache (<c>RegisterMachine.LinkedMethodOf</c>): a struct whose type the cache holds, first type or
/// another, costs no call to the VM; an enum receiver asks the VM's helper (counted in
/// <see cref="JitStatistics.MethodLookupsOutOfLine"/>), and both reach the method's direct entry with the oracle's results.
/// </summary>
public class CompiledMethodCallTests
{
    private const string Shapes = ShapeSources.SquareRectCircle + """
        struct Odd
            x: i64
        end
        impl Odd
            fn area(self) => if self.x > 0 then self.x else "none" end
        end
        enum Shape
            Dot,
            Line(i64)
        end
        impl Shape
            fn area(self) => match self
                Shape.Dot => 1,
                Shape.Line(n) => n
            end
        end
        fn total(shapes, passes)
            var s = 0
            for p in 0..passes do
                for shape in shapes do s += shape.area() end
            end
            s
        end
        """;

    private static readonly RunOptions Options = new() { JitThreshold = 100 };

    private static (RunOutcome Outcome, JitStatistics Stats) Run(string calls) => JitRuns.Run(Shapes + "\n" + calls, Options);

    /// <summary>A run whose output, result and error are the oracle's.</summary>
    private static (RunOutcome Outcome, JitStatistics Stats) RunAsOracle(string calls)
    {
        var (jit, stats) = Run(calls);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(Shapes + "\n" + calls, Options)), JitRuns.Observed(jit));
        return (jit, stats);
    }

    [Fact]
    public void A_site_over_four_struct_types_finds_every_method_inline()
    {
        // Three of the four types are the cache's others: each used to cost the VM's type and cache lookups per call.
        var (outcome, stats) = Run("total([Square(side: 3), Rect(w: 2, h: 5), Circle(r: 1), Square(side: 1)], 5000)");
        Assert.Equal(5000 * (9 + 10 + 3 + 1), outcome.Result.AsInt);
        Assert.True(stats.DirectMethodCalls > 19000, $"{stats.DirectMethodCalls} direct method calls");
        Assert.Equal(0, stats.MethodLookupsOutOfLine);
    }

    [Fact]
    public void A_monomorphic_site_finds_its_method_inline()
    {
        var (outcome, stats) = Run("total([Square(side: 3)], 20000)");
        Assert.Equal(180000, outcome.Result.AsInt);
        Assert.True(stats.DirectMethodCalls > 19000, $"{stats.DirectMethodCalls} direct method calls");
        Assert.Equal(0, stats.MethodLookupsOutOfLine);
    }

    [Fact]
    public void An_enum_receiver_asks_the_vm_and_still_calls_its_method_directly()
    {
        var (outcome, stats) = Run("total([Shape.Dot, Shape.Line(4)], 10000)");
        Assert.Equal(50000, outcome.Result.AsInt);
        Assert.True(stats.DirectMethodCalls > 19000, $"{stats.DirectMethodCalls} direct method calls");
        Assert.Equal(stats.DirectMethodCalls, stats.MethodLookupsOutOfLine);
    }

    [Fact]
    public void A_type_the_compiled_site_has_not_seen_takes_the_general_call_and_matches_the_oracle()
    {
        const string calls = """
            let warm = total([Square(side: 3), Rect(w: 2, h: 5)], 10000)
            warm + total([Circle(r: 2), Shape.Line(3), Square(side: 2)], 2000)
            """;
        var (jit, stats) = RunAsOracle(calls);
        Assert.Equal(190000 + 2000 * (12 + 3 + 4), jit.Result.AsInt);
        Assert.True(stats.DirectMethodCalls > 19000 + 1900, $"{stats.DirectMethodCalls} direct method calls");
    }

    [Fact]
    public void A_method_returning_another_kind_than_the_sum_raises_as_the_oracle_does()
    {
        const string calls = """
            let warm = total([Odd(x: 2), Square(side: 1)], 10000)
            total([Odd(x: 1), Odd(x: 0)], 3)
            """;
        var (jit, stats) = RunAsOracle(calls);
        Assert.Equal(OutcomeKind.RuntimeError, jit.Kind);
        Assert.True(stats.DirectMethodCalls > 19000, $"{stats.DirectMethodCalls} direct method calls");
    }
}
