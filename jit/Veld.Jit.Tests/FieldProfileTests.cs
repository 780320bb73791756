using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>Object code compiled with typed fields: the profile samples what a loopless method's field reads would
/// read (<c>FieldReads</c>), so the registers they write become typed locals; <c>abs</c> of a typed number runs
/// inline (<see cref="TypedBuiltins"/>), with the interpreter's error at the int minimum.</summary>
public class FieldProfileTests
{
    // step has no loop: it is sampled only on entry (self) and compiled with run's loop, long before its own count.
    private const string Movers = """
        struct Mover
            x: i64,
            v: i64
        end
        impl Mover
            fn step(self)
                self.x += self.v
                if self.x > 100 then
                    self.x = 100
                    self.v = 0 - abs(self.v)
                end
                self.x
            end
        end
        fn run(ms, n)
            var total = 0
            for i in 0..n do total = total + ms[i % ms.len()].step() end
            total
        end
        println(run([Mover(x: 0, v: 7), Mover(x: 5, v: -3)], 6000))
        """;

    [Fact]
    public void Field_reads_of_a_loopless_method_compiled_with_its_callers_loop_are_typed_ints()
    {
        var (outcome, stats) = JitRuns.Run(Movers, new RunOptions());
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(Movers, new RunOptions())), JitRuns.Observed(outcome));
        var step = Assert.Single(stats.Compiled, f => f.Name == "step");
        // r1: `self.x` (read, added to, compared), r2: `self.v` and the 0 of `0 - abs(...)`, r3: `self.v` and its abs.
        Assert.Equal("r1:int, r2:int, r3:int", step.Assumptions);
        // (run used to deoptimise once: r6 holds the element and step's int result, and its profile mixed them.)
        Assert.DoesNotContain(stats.Deoptimizations, d => d.Name == "step");
    }

    [Fact]
    public void A_field_read_into_a_register_a_loop_counter_used_before_is_typed_by_its_own_site()
    {
        // r4 is the first loop's counter i (an int), then the second loop's `body.x` (a float); r6 `bodies.len()`,
        // then `body.v`. Their registers' profiles mix both kinds; the field reads' own sites say float.
        const string source = """
            struct Body
                x: f64,
                v: f64
            end
            fn advance(bodies, dt)
                for i in 0..bodies.len() do
                    for j in i + 1..bodies.len() do
                        bodies[j].v = bodies[j].v - 0.001 * dt
                    end
                end
                for body in bodies do
                    body.x += dt * body.v
                end
            end
            let bodies = [Body(x: 0.0, v: 1.0), Body(x: 1.0, v: 0.5), Body(x: 2.0, v: 0.25)]
            for step in 0..3000 do advance(bodies, 0.01) end
            for step in 0..3000 do advance(bodies, 1) end
            println(bodies[2].x)
            """;
        var (outcome, stats) = JitRuns.Run(source, new RunOptions());
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, new RunOptions())), JitRuns.Observed(outcome));
        var advance = stats.Compiled.Where(f => f.Name == "advance").ToList();
        Assert.NotEmpty(advance);
        Assert.All(advance, f => Assert.Contains("r4:float", f.Assumptions));
        Assert.All(advance, f => Assert.Contains("r6:float", f.Assumptions));
        // advance deoptimises once, when dt (r1) comes as an int: the recompilation keeps the field reads' kinds, which
        // were observed. (`bodies[j]` in r11, whose register's profile says `0.001 * dt`, is a struct by its own site:
        // before the element reads' sites, it deoptimised there too.)
        Assert.Equal(2, advance.Count);
        var deopt = Assert.Single(stats.Deoptimizations, d => d.Name == "advance");
        Assert.Contains("(r1)", deopt.Reason);
    }

    private const string Absolutes = """
        fn spread(n)
            var s = 0
            var f = 0.0
            for i in 0..n do
                s = s + abs(i - 5)
                f = f + abs(0.5 - i)
            end
            s + f
        end
        println(spread(10))
        """;

    [Fact]
    public void Abs_of_a_typed_int_or_float_is_emitted_inline()
    {
        var spread = JitRuns.ListingOf(Absolutes, "spread");
        Assert.DoesNotContain("CallBuiltin", spread);
        Assert.Contains("abs_overflow_", spread);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000)]
    public void Abs_of_the_int_minimum_in_compiled_code_raises_the_interpreters_error_on_its_line(int threshold)
    {
        const string source = """
            fn lows(n, low)
                var s = 0
                for i in 0..n do
                    let d = if i == n - 1 then low else i - 5 end
                    s = s + abs(d) % 7
                end
                s
            end
            println(lows(3000, 3))
            println(lows(3000, -9223372036854775807 - 1))
            """;
        var options = new RunOptions { JitThreshold = threshold };
        var (outcome, _) = JitRuns.Run(source, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, options)), JitRuns.Observed(outcome));
        Assert.Equal("Overflow", outcome.Error?.Kind);
    }

    [Fact]
    public void Fuel_runs_out_at_an_inline_abs_where_the_register_vm_runs_out()
    {
        JitRuns.AssertFuelRunsOutAsOnRegisterVm(Absolutes, mostFuel: 80);
    }
}
