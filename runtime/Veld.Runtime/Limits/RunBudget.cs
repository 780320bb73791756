namespace Veld.Runtime;

/// <summary>
/// Limits inside the runtime's own long loops. Sorting, displaying and building strings walk data a program made
/// and can take seconds without a single Veld step in between (a sort of ten million numbers, the display of a
/// value with shared parts); issue 14 found <c>--fuel</c> and <c>--timeout</c> ignored there. Those loops have no
/// <see cref="ExecutionContext"/> at hand (<see cref="Display.Show"/> is called from everywhere), so the run on
/// this thread is ambient: <see cref="TierHost"/> enters it for the run's duration. Work is charged as fuel, one
/// step (<see cref="ExecutionContext.Tick"/>, which also looks at the clock, cancellation and memory now and then)
/// per <see cref="UnitsPerStep"/> units: an element compared or visited, a character built. So the fuel a builtin
/// spends is a function of its input, the same on every run.
/// </summary>
public static class RunBudget
{
    /// <summary>Units of builtin work per step of fuel: a loop iteration of Veld code is worth about this many.</summary>
    public const int UnitsPerStep = 64;

    [ThreadStatic] private static ExecutionContext? t_run;
    [ThreadStatic] private static long t_units;

    /// <summary>Make <paramref name="run"/> the run that builtin work on this thread is charged to, until the scope ends.</summary>
    public static Scope Enter(ExecutionContext run)
    {
        var scope = new Scope(t_run, t_units);
        t_run = run;
        t_units = 0;
        return scope;
    }

    /// <summary>Charge <paramref name="units"/> units of work to the run on this thread (nothing outside a run).</summary>
    public static void Spend(long units = 1)
    {
        var run = t_run;
        if (run is null) return;
        t_units += units;
        while (t_units >= UnitsPerStep)
        {
            t_units -= UnitsPerStep;
            run.Tick();
        }
    }

    /// <summary>Growths at least this big are checked first (<see cref="BeforeGrowth"/>); smaller ones are cheap.</summary>
    public const long LargeGrowthBytes = 1 << 20;

    /// <summary>
    /// A container is about to allocate <paramref name="bytes"/> to grow. One growth of a large array or map copies
    /// everything and cannot be interrupted (half a second at 32 million elements), so a large one first checks the
    /// clock and that the heap has room for it under the memory limit: the run ends before the growth, not
    /// well after its limit.
    /// </summary>
    public static void BeforeGrowth(long bytes)
    {
        if (bytes >= LargeGrowthBytes) t_run?.BeforeGrowth(bytes);
    }

    /// <summary>Restores the run that was on this thread before <see cref="Enter"/>.</summary>
    public readonly struct Scope(ExecutionContext? previous, long previousUnits) : IDisposable
    {
        public void Dispose()
        {
            t_run = previous;
            t_units = previousUnits;
        }
    }
}
