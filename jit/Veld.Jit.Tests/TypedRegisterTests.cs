using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>Float and bool registers in typed locals, parameters typed from the interpreter's profile, and the
/// explicit tests that replace the runtime's checks (float division by zero, comparisons with NaN).</summary>
public class TypedRegisterTests
{
    private static void SameAsOracle(string source, RunOutcome outcome) =>
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, new RunOptions())), JitRuns.Observed(outcome));

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    public void A_register_reused_for_a_float_temporary_and_an_int_counter_is_typed_as_both(int threshold)
    {
        // c's arithmetic leaves a float in a temporary whose register the compiler then gives to z: one kind per
        // register would box both (or deoptimise at the reuse); one per live range keeps each typed.
        const string source = """
            fn escapes(size)
                var count = 0
                var x = 0
                while x < size do
                    let c = 2.0 * x / size
                    var z = 0
                    var w = c
                    while z < 10 do
                        w = w * c
                        z += 1
                    end
                    count = count + z
                    x += 1
                end
                count
            end
            println(escapes(300))
            """;
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { JitThreshold = threshold });
        SameAsOracle(source, outcome);
        Assert.Empty(stats.Deoptimizations);
        var assumptions = stats.Compiled.First(f => f.Name == "escapes").Assumptions.Split(", ");
        Assert.Contains(assumptions.GroupBy(a => a.Split(':')[0]), register => register.Count() == 2);
    }

    [Fact]
    public void Float_and_bool_registers_of_a_loop_are_typed_and_never_deoptimise()
    {
        const string source = """
            fn orbit(cr)
                var zr = 0.0
                var going = true
                var n = 0
                while going and n < 100 do
                    zr = zr * zr + cr
                    if zr > 2.0 then going = false end
                    n += 1
                end
                n
            end
            println(orbit(0.25))
            println(orbit(0.5))
            """;
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { JitThreshold = 0 });
        SameAsOracle(source, outcome);
        var orbit = Assert.Single(stats.Compiled, f => f.Name == "orbit");
        Assert.Contains(":float", orbit.Assumptions);
        Assert.Contains(":bool", orbit.Assumptions);
        Assert.Empty(stats.Deoptimizations);
    }

    [Fact]
    public void A_parameter_the_interpreter_only_saw_as_an_int_is_typed_and_guarded_on_entry()
    {
        const string source = """
            fn triangle(n)
                var s = 0
                for i in 0..n do s = s + i end
                s + n
            end
            var total = 0
            for k in 0..40 do total = total + triangle(k) end
            println(total)
            println(triangle(2.5))
            """;
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { JitThreshold = 20 });
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, new RunOptions())), JitRuns.Observed(outcome));
        Assert.Contains("r0:int", stats.Compiled.First(f => f.Name == "triangle").Assumptions);
        Assert.Contains(stats.Deoptimizations, d => d.Name == "triangle" && d.Reason == "entry: register not an int (r0)");
    }

    [Fact]
    public void Float_division_by_zero_in_typed_code_is_raised_by_the_interpreter_on_its_line()
    {
        const string source = """
            fn halve(x)
                var y = x * 1.0
                var d = 2.0
                for i in 0..10 do
                    d = d - 0.5
                    y = y / d
                end
                y
            end
            println(halve(8.0))
            """;
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { JitThreshold = 0 });
        SameAsOracle(source, outcome);
        Assert.Equal(nameof(ErrorKind.DivisionByZero), outcome.Error!.Kind);
        Assert.Contains(stats.Deoptimizations, d => d.Reason == "float division by zero");
    }

    [Fact]
    public void Typed_float_comparisons_with_nan_are_false_both_ways_as_in_the_runtime()
    {
        const string source = """
            fn count(x, y)
                var hits = 0
                for i in 0..3 do
                    if x < y then hits += 1 end
                    if x >= y then hits += 10 end
                    if !(x > y) then hits += 100 end
                    if !(x <= y) then hits += 1000 end
                end
                hits
            end
            let big = 1.0e308 * 10.0
            let nan = big - big
            println(count(1.0, 2.0))
            println(count(nan, 2.0))
            println(count(2.0, nan))
            """;
        var (outcome, _) = JitRuns.Run(source, new RunOptions { JitThreshold = 0 });
        SameAsOracle(source, outcome);
    }
}
