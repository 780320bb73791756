using Veld.Bench;

namespace Veld.Cli.Commands;

/// <summary>
/// A warning when a measurement's runs spread too widely to trust its median: the slowest run more than
/// <see cref="WideRatio"/> times the fastest (a busy machine, a GC or JIT pause). Only with at least two
/// measured runs, and for runs long enough (<see cref="MinimumMs"/>) that the timer's resolution is not the spread.
/// </summary>
public static class BenchNoise
{
    public const double WideRatio = 2.0;
    public const double MinimumMs = 1.0;

    public static IEnumerable<string> Warnings(IEnumerable<ProgramMeasurement> programs)
    {
        foreach (var program in programs)
        foreach (var tier in program.Tiers)
        {
            if (!tier.Succeeded || tier.Samples.Count < 2 || tier.MinMs is not { } min || tier.MaxMs is not { } max) continue;
            if (max < MinimumMs || max <= min * WideRatio) continue;
            yield return $"noisy: {program.Program} on {tier.Tier} ran {min:0.###}–{max:0.###} ms (median {tier.MedianMs:0.###} ms); " +
                         "the machine is probably busy: close other work, or raise --iterations and --warmup";
        }
    }
}
