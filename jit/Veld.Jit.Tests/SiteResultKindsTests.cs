using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>Element reads typed by their own sites (<c>ElementReads</c>), not by the profile of the register they write,
/// which mixes every web of the register (a loop's counter, then an element or a call's result after the loop): the
/// three benchmark deoptimisations of session 13 ("result not an int") in small.</summary>
public class SiteResultKindsTests
{
    /// <summary>Run on the JIT tier: success with the tree-walker's outcome, <paramref name="function"/> compiled, and no deoptimisation of it.</summary>
    private static void CompiledWithoutDeoptimising(string source, string function)
    {
        var (_, stats) = JitRuns.RunAgreeing(source, new RunOptions());
        Assert.Contains(stats.Compiled, f => f.Name == function);
        Assert.DoesNotContain(stats.Deoptimizations, d => d.Name == function);
    }

    [Fact]
    public void An_element_read_after_the_loop_into_the_loop_counters_register_does_not_deoptimise()
    {
        // strings' script: `pieces[n - 1]` lands in the register the loop's counter had (profiled int); its container
        // is in no register at the loop's samples, so the site was never seen: boxed, not the counter's int.
        const string source = """
            var total = 0
            for i in 0..5000 do total += i % 7 end
            let pieces = "a;b;c".split(";")
            let last = pieces[2]
            println(total, last)
            """;
        CompiledWithoutDeoptimising(source, "script");
    }

    [Fact]
    public void An_element_read_in_a_loop_is_typed_by_what_its_site_read()
    {
        // deltablue's `remove_constraint`: `self.items[i]` (a struct) goes to the register that `c.id` (an int) takes
        // next, so at the loop's header the register holds an int; the site's samples say a struct.
        const string source = """
            struct Item
                id: i64
            end
            struct Bag
                items: [Item]
            end
            impl Bag
                fn count_same(self, c)
                    var i = 0
                    var n = 0
                    while i < self.items.len() do
                        if self.items[i].id == c.id then n += 1 end
                        i += 1
                    end
                    n
                end
            end
            let bag = Bag(items: [Item(id: 1), Item(id: 2), Item(id: 1)])
            let probe = Item(id: 1)
            var total = 0
            for round in 0..2000 do total += bag.count_same(probe) end
            println(total)
            """;
        CompiledWithoutDeoptimising(source, "count_same");
    }

    [Fact]
    public void A_map_read_after_the_loop_is_typed_by_its_site()
    {
        // nbody's script: `expected[n]` (a float) into the register its loop's counter had held.
        const string source = """
            let expected = {1: 0.5, 3000: 1.5}
            let n = 3000
            var s = 0
            for i in 0..n do s += i % 3 end
            let e = expected[n]
            println(s, e * 2.0)
            """;
        CompiledWithoutDeoptimising(source, "script");
    }

    [Fact]
    public void A_copy_of_a_call_result_after_the_loop_is_not_typed_by_its_registers_other_webs()
    {
        // nbody's script: `let e = energy(bodies)` after the loop, moved into the loop counter's register to print.
        const string source = """
            fn energy(xs) => xs[0] * 0.5
            let xs = [3.0]
            var s = 0
            for i in 0..3000 do s += i % 5 end
            let e = energy(xs)
            println~("e = {e}, s = {s}")
            """;
        CompiledWithoutDeoptimising(source, "script");
    }
}
