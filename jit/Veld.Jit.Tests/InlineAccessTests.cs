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

    [Fact]
    public void Pushes_in_a_compiled_loop_append_payloads_and_move_arrays_to_values_as_the_interpreter_does()
    {
        // The inline push appends a typed item's payload to an array of its kind with room, and leaves growth, an
        // empty array's first kind, another kind (a move to Values) and a read of the push's result to the runtime.
        // An array built by a push has room (capacity 4); a literal has none, so its first push grows it.
        const string source = """
            fn ints_onto(xs, n)
                for i in 0..n do xs.push(i) end
                xs
            end
            fn bools_onto(xs, n)
                for i in 0..n do xs.push(i % 2 == 0) end
                xs
            end
            fn floats_onto(xs, n)
                var f = 0.5
                for i in 0..n do
                    xs.push(f)
                    f += 1.0
                end
                xs
            end
            fn results(xs, n)
                var last = 0
                for i in 0..n do last = xs.push(i) end
                last
            end
            println(bools_onto(ints_onto([], 1), 3))
            println(floats_onto(ints_onto([], 1), 2))
            println(ints_onto(bools_onto([], 1), 2))
            println(ints_onto(floats_onto([], 1), 2))
            println(bools_onto([1, 2], 3))
            println(bools_onto(bools_onto([], 2), 2))
            println(floats_onto(floats_onto([], 5), 5))
            println(ints_onto(ints_onto([], 5), 5))
            println(results([], 3))
            """;
        SameAsTree(source, new RunOptions { JitThreshold = 0 }, out var stats);
        Assert.Contains(stats.Compiled, f => f.Name == "floats_onto");
    }

    [Fact]
    public void Fuel_runs_out_in_an_inline_push_on_the_same_line_and_step_as_in_the_interpreter()
    {
        // The inline push ticks as the builtin does: the same fuel runs out at the same push, on its line.
        const string source = """
            fn fill(xs, n)
                for i in 0..n do
                    xs.push(true)
                end
                xs.len()
            end
            let xs = []
            println(fill(xs, 100000))
            """;
        var options = new RunOptions { JitThreshold = 0, Fuel = 5001 };
        var (outcome, _) = JitRuns.Run(source, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Register(source, options)), JitRuns.Observed(outcome));
        Assert.Equal(3, outcome.Error?.Line);
    }
}
