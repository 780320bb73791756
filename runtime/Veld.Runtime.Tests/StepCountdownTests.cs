using System.Diagnostics;

namespace Veld.Runtime.Tests;

/// <summary>
/// <see cref="ExecutionContext"/> counts fuel and the clock's interval with one countdown (a step is one decrement and
/// one branch): fuel must still run out on exactly the step it did with a counter of its own, whichever of the two the
/// countdown was counting towards, on every way a tier ticks.
/// </summary>
public class StepCountdownTests
{
    private static ExecutionContext Context(long? fuel, TimeSpan? timeout = null) =>
        new(new RunOptions { Fuel = fuel, Timeout = timeout }, TextWriter.Null, Stopwatch.StartNew());

    /// <summary>The number of the step that raised (1-based), ticking with <paramref name="step"/>.</summary>
    private static long StepThatRaises(ExecutionContext context, Action<ExecutionContext> step, long limit)
    {
        for (long n = 1; n <= limit; n++)
        {
            try
            {
                step(context);
            }
            catch (VeldRuntimeException e)
            {
                Assert.Equal(ExecutionContext.FuelExhaustedMessage, e.Message);
                return n;
            }
        }
        return -1;
    }

    /// <summary>A compiled loop's tick: the inline test, and the out-of-line work when it says so.</summary>
    private static void CompiledTick(ExecutionContext context)
    {
        if (context.TickClockDue()) context.CheckClockNow();
    }

    public static TheoryData<long> Fuels => [0, 1, 2, 4094, 4095, 4096, 4097, 8191, 8192, 8193, 12_345, 40_000];

    [Theory]
    [MemberData(nameof(Fuels))]
    public void Fuel_runs_out_on_the_step_after_the_last_one_it_pays_for(long fuel)
    {
        Assert.Equal(fuel + 1, StepThatRaises(Context(fuel), c => c.Tick(), fuel + 10));
        Assert.Equal(fuel + 1, StepThatRaises(Context(fuel), CompiledTick, fuel + 10));
        Assert.Equal(fuel + 1, StepThatRaises(Context(fuel), c => { c.EnterCall(); c.ExitCall(); }, fuel + 10));
    }

    [Fact]
    public void Ticks_of_every_kind_draw_on_the_same_fuel()
    {
        var context = Context(10_000);
        var kinds = new Action<ExecutionContext>[] { c => c.Tick(), CompiledTick, c => { c.EnterCall(); c.ExitCall(); } };
        long n = 0;
        var raised = StepThatRaises(context, c => kinds[n++ % 3](c), 20_000);
        Assert.Equal(10_001, raised);
    }

    [Fact]
    public void Every_step_after_the_fuel_ran_out_raises_again()
    {
        var context = Context(5000);
        Assert.Equal(5001, StepThatRaises(context, c => c.Tick(), 6000));
        Assert.Equal(1, StepThatRaises(context, c => c.Tick(), 10));
        Assert.Equal(1, StepThatRaises(context, CompiledTick, 10));
    }

    [Fact]
    public void Without_fuel_steps_never_raise_and_the_clock_is_still_looked_at()
    {
        Assert.Equal(-1, StepThatRaises(Context(null), c => c.Tick(), 100_000));
        // A deadline already past: the clock's first look (within one interval of steps) ends the run.
        var late = Context(null, TimeSpan.Zero);
        Thread.Sleep(1);
        var error = Assert.Throws<VeldRuntimeException>(() => { for (int n = 0; n < 5000; n++) late.Tick(); });
        Assert.Equal("time limit exceeded", error.Message);
    }

    [Fact]
    public void Unwinding_an_error_looks_at_the_clock_without_spending_fuel()
    {
        var context = Context(3);
        context.CheckClockNow();
        context.CheckClockNow();
        Assert.Equal(4, StepThatRaises(context, c => c.Tick(), 10));
    }
}
