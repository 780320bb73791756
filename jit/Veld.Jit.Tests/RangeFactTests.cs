using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>Range facts (<see cref="IntRanges"/>): an int addition a loop's condition bounds compiles without its overflow
/// test, one the condition does not bound keeps it, and fuel still runs out in such a loop where the VM's does.</summary>
public class RangeFactTests
{
    private const string Program = """
        fn bounded()
            var z = 0
            var not_done = true
            var x = 0.5
            while not_done and z < 50 do
                x = x * x + 0.25
                if x > 4.0 then not_done = false end
                z += 1
            end
            z
        end

        fn inclusive()
            var z = 9223372036854775800
            while z <= 9223372036854775807 do
                z += 1
            end
            z
        end

        fn by_a_float(limit)
            var z = 0
            while z < limit do
                z += 1
            end
            z
        end

        fn counted()
            var s = 0
            for i in 9223372036854775800..=9223372036854775807 do
                s = i - 1
            end
            s
        end

        fn counted_past_the_end()
            var s = 0
            for i in 9223372036854775800..=9223372036854775807 do
                s = i + 1
            end
            s
        end

        println(bounded())
        """;

    /// <summary>The IL listing of one function of <see cref="Program"/>.</summary>
    private static string ListingOf(string name)
    {
        var part = JitRuns.ListingOf(Program, name);
        Assert.Contains("type assumptions:", part);
        return part;
    }

    [Theory]
    [InlineData("bounded")] // z < 50 before z += 1
    [InlineData("counted")] // a counted loop's counter stays at or above its start
    public void An_addition_the_loop_bounds_has_no_overflow_test(string name)
    {
        Assert.DoesNotContain("overflow_", ListingOf(name));
    }

    [Theory]
    [InlineData("inclusive")] // z <= max: z + 1 may pass it
    [InlineData("by_a_float")] // an int below a float may be any int
    [InlineData("counted_past_the_end")] // the counter reaches the maximum
    public void An_addition_the_condition_does_not_bound_keeps_its_overflow_test(string name)
    {
        Assert.Contains("overflow_", ListingOf(name));
    }

    [Fact]
    public void Fuel_runs_out_in_a_loop_without_overflow_tests_where_the_register_vm_runs_out()
    {
        JitRuns.AssertFuelRunsOutAsOnRegisterVm(Program, mostFuel: 60);
    }
}
