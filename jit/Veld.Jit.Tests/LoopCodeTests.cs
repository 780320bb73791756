using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>What compiled loops keep in registers: the clock's check out of the loop's path, and a condition typed as a
/// bool when its register also holds an int elsewhere.</summary>
public class LoopCodeTests
{
    [Fact]
    public void A_compiled_float_loop_still_ends_at_the_time_limit()
    {
        // The clock's check runs in a stub that writes the typed registers back and reloads them: the loop below never
        // leaves compiled code, so only that stub can end it.
        const string forever = """
            fn spin(x)
                var f = x
                var n = 0
                while true do
                    f = f * 0.5 + 1.0
                    n += 1
                end
            end
            spin(0.25)
            """;
        var (outcome, stats) = JitRuns.Run(forever, new RunOptions { JitThreshold = 0, Timeout = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(OutcomeKind.LimitExceeded, outcome.Kind);
        Assert.Equal("time limit exceeded", outcome.Error?.Message);
        Assert.Contains(":float", Assert.Single(stats.Compiled, f => f.Name == "spin").Assumptions);
    }

    [Fact]
    public void A_tested_element_whose_register_also_holds_an_int_is_a_bool_and_never_deoptimises()
    {
        // As in sieve: `flags[i - 1]` and `k` share a register, which the interpreter's samples at the loops' ends saw
        // holding ints only. Typed as an int from that profile, the element failed its guard at the first test.
        const string source = """
            fn count_marked(flags, size)
                var count = 0
                for i in 1..=size do
                    if flags[i - 1] then
                        count += 1
                        var k = i + i
                        while k <= size do
                            k += i
                        end
                    end
                end
                count
            end
            let flags = []
            for i in 0..3000 do flags.push(i % 3 == 0) end
            println(count_marked(flags, 3000))
            println(count_marked(flags, 3000))
            """;
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { JitThreshold = 50 });
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, new RunOptions())), JitRuns.Observed(outcome));
        Assert.DoesNotContain(stats.Deoptimizations, d => d.Name == "count_marked");
        Assert.Contains(":bool", Assert.Single(stats.Compiled, f => f.Name == "count_marked").Assumptions);
    }

    [Fact]
    public void An_array_moved_into_a_register_its_loop_held_ints_in_is_not_typed_as_an_int()
    {
        // `count(xs, n)` moves xs into r2, the register of the counted loop above: sampled at that loop's ends, r2 held
        // only ints, and the move's result was typed int from that profile and failed its guard at the first call.
        const string source = """
            fn count(xs, n)
                var c = 0
                for i in 0..n do
                    if xs[i] > 0 then c += 1 end
                end
                c
            end
            fn run(n)
                let xs = []
                for i in 0..n do xs.push(i % 5) end
                count(xs, n)
            end
            var total = 0
            for k in 0..20 do total += run(2000) end
            println(total)
            """;
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { JitThreshold = 50 });
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, new RunOptions())), JitRuns.Observed(outcome));
        Assert.Contains(stats.Compiled, f => f.Name == "run");
        Assert.DoesNotContain(stats.Deoptimizations, d => d.Name == "run");
    }
}
