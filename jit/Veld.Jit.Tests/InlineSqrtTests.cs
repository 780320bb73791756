using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary><c>sqrt</c> of a typed int or float runs inline in compiled code (<see cref="TypedBuiltins"/>): no flush of
/// the typed registers, no builtin call, the tick and the value the interpreter gives, and its errors where the
/// argument is not a number (the general call then).</summary>
public class InlineSqrtTests
{
    private const string Roots = """
        fn roots(n)
            var s = 0.0
            for i in 0..n do
                s = s + sqrt(i) + sqrt(i * 0.25)
            end
            s
        end
        println(roots(10))
        """;

    [Fact]
    public void Sqrt_of_a_typed_int_or_float_is_emitted_inline()
    {
        var roots = JitRuns.ListingOf(Roots, "roots");
        Assert.DoesNotContain("CallBuiltin", roots);
        Assert.Contains("Sqrt", roots);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000)]
    public void Sqrt_in_compiled_code_gives_the_tree_walkers_values_and_errors(int threshold)
    {
        const string source = """
            fn roots(xs, n)
                var s = 0.0
                for i in 0..n do s = s + sqrt(xs[i % xs.len()]) end
                s
            end
            println(roots([4, 2.25, -1.0, 0], 3000) == roots([4, 2.25, -1.0, 0], 3000))
            println(roots([4, 9, 16], 3000))
            println(roots([4, 9, "x"], 3000))
            """;
        var options = new RunOptions { JitThreshold = threshold };
        var (outcome, _) = JitRuns.Run(source, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, options)), JitRuns.Observed(outcome));
        Assert.Equal("Type", outcome.Error?.Kind);
    }

    [Fact]
    public void Fuel_runs_out_at_an_inline_sqrt_where_the_register_vm_runs_out()
    {
        JitRuns.AssertFuelRunsOutAsOnRegisterVm(Roots, mostFuel: 80);
    }
}
