using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// The cost model's way out of a wait that never ends (<see cref="InterpretedCallees.HotCallTree"/>): a loop held back by
/// callees that are only called (they need a hundred times the threshold in calls to get hot by themselves) compiles,
/// after waiting one threshold, with those callees just before it, every method of a polymorphic site among them; a tree
/// of more than <see cref="InterpretedCallees.MostCompiledWith"/> callees waits as before.
/// </summary>
public class CompiledWithCallerTests
{
    /// <summary>At threshold 100 a callee gets hot by itself after 10,000 calls; the loops below call each far fewer times.</summary>
    private static readonly RunOptions Threshold100 = new() { JitThreshold = 100 };

    [Fact]
    public void A_held_loop_compiles_with_its_callee_after_one_wait()
    {
        const string source = """
            fn helper(x)
                x + 1
            end
            fn work(n)
                var s = 0
                for i in 0..n do s = helper(s) end
                s
            end
            work(3000)
            """;
        Assert.Equal(["helper", "work"], CostModelTests.CompiledInOrder(source, Threshold100));
    }

    [Fact]
    public void Every_method_a_polymorphic_site_found_compiles_before_the_loop()
    {
        const string source = ShapeSources.SquareAndRect + """
            fn total(n)
                let shapes = [Square(side: 3), Rect(w: 2, h: 5)]
                var s = 0
                for i in 0..n do s += shapes[i % 2].area() end
                s
            end
            total(3000)
            """;
        // `total` may compile again after a deoptimisation (its register r6 holds a shape, then an area); the first time,
        // both methods come first.
        var order = CostModelTests.CompiledInOrder(source, Threshold100);
        Assert.Equal(["area", "area", "total"], order.Take(3));
    }

    [Fact]
    public void Callees_of_callees_compile_first_in_turn()
    {
        const string source = """
            fn inner(x)
                x * 2
            end
            fn outer(x)
                inner(x) + 1
            end
            fn work(n)
                var s = 0
                for i in 0..n do s = outer(i) end
                s
            end
            work(3000)
            """;
        Assert.Equal(["inner", "outer", "work"], CostModelTests.CompiledInOrder(source, Threshold100));
    }

    [Fact]
    public void A_loop_with_more_hot_callees_than_compile_with_it_goes_on_waiting()
    {
        const string source = """
            fn f1(x) => x + 1
            fn f2(x) => x + 2
            fn f3(x) => x + 3
            fn f4(x) => x + 4
            fn f5(x) => x + 5
            fn work(n)
                var s = 0
                for i in 0..n do s = f5(f4(f3(f2(f1(s))))) % 1000 end
                s
            end
            work(3000)
            """;
        Assert.Empty(CostModelTests.CompiledInOrder(source, Threshold100));
    }
}
