using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>Array elements and struct fields read and written inline by compiled code: each fast path's exits (another
/// receiver, an index out of range, an element or field of another kind) give what the tree-walker gives.</summary>
public class InlineAccessTests
{
    private static void SameAsTree(string source, RunOptions options, out JitStatistics stats)
    {
        var (outcome, s) = JitRuns.Run(source, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, new RunOptions())), JitRuns.Observed(outcome));
        stats = s;
    }

    [Fact]
    public void An_element_typed_int_that_turns_out_a_str_deoptimises_once_and_the_loop_goes_on()
    {
        const string source = """
            fn total(xs)
                var s = 0
                var others = 0
                for i in 0..xs.len() do
                    let v = xs[i]
                    if type_of(v) == "int" then s += v else others += 1 end
                end
                s * 1000 + others
            end
            let xs = []
            for i in 0..3000 do xs.push(i % 7) end
            println(total(xs))
            xs[10] = "ten"
            println(total(xs))
            """;
        SameAsTree(source, new RunOptions { JitThreshold = 100 }, out var stats);
        // Compiled with the element typed int, deoptimised at the str, recompiled without that assumption.
        Assert.Single(stats.Deoptimizations, d => d.Name == "total" && d.Reason.StartsWith("result not an int"));
        var compiled = stats.Compiled.Where(f => f.Name == "total").Select(f => f.Assumptions).ToList();
        Assert.Equal(2, compiled.Count);
        Assert.NotEqual(compiled[0], compiled[1]);
    }

    [Fact]
    public void A_write_past_the_end_in_a_compiled_loop_raises_the_index_error_on_its_line()
    {
        const string source = """
            fn fill(xs, n, v)
                for i in 0..n do
                    xs[i] = v
                end
                xs
            end
            let xs = []
            for i in 0..2000 do xs.push(0) end
            fill(xs, 2000, true)
            fill(xs, 2001, false)
            """;
        SameAsTree(source, new RunOptions { JitThreshold = 0 }, out _);
        var (outcome, _) = JitRuns.Run(source, new RunOptions { JitThreshold = 0 });
        Assert.Equal("Index", outcome.Error?.Kind);
        Assert.Equal(3, outcome.Error?.Line);
    }

    [Fact]
    public void A_field_site_that_sees_two_struct_types_reads_each_ones_own_slot()
    {
        // The inline cache holds one type: the other type's fields sit elsewhere, and its reads take the general path.
        const string source = """
            struct A(x, y);
            struct B(y, x);
            fn sum_x(items)
                var s = 0
                for i in 0..items.len() do
                    s += items[i].x
                end
                s
            end
            let items = []
            for i in 0..3000 do
                if i % 2 == 0 then items.push(A(x: 1, y: 100)) else items.push(B(y: 100, x: 2)) end
            end
            println(sum_x(items))
            """;
        SameAsTree(source, new RunOptions { JitThreshold = 0 }, out var stats);
        Assert.Contains(stats.Compiled, f => f.Name == "sum_x");
    }
}
