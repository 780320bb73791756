using System.Diagnostics;
using Veld.Language;
using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.Bench;

/// <summary>
/// Measures each tier's compiler, front end excluded: every program goes through the front end once, then,
/// round after round, each tier compiles it in turn (the order of the tiers rotates each round, so that no
/// tier always runs with a cache warmed by another). A tier's time is <see cref="ITier.Compile"/>, all of
/// it: for the register tier that includes the bytecode verifier, and the register-allocation checker when
/// the tier runs it (<c>veld bench --check-registers</c>). The first <c>warmup</c> rounds are not measured; they pay for .NET
/// compiling the compilers themselves, which would otherwise dominate the first program.
/// </summary>
public sealed class CompileTimeBenchmark
{
    private readonly IReadOnlyList<ITier> _tiers;
    private readonly int _warmup;
    private readonly int _iterations;
    private readonly Func<Source, CompileResult> _frontEnd;

    public CompileTimeBenchmark(IReadOnlyList<ITier> tiers, int warmup, int iterations, Func<Source, CompileResult>? frontEnd = null)
    {
        if (tiers.Count == 0) throw new ArgumentException("measuring compile time needs at least one tier", nameof(tiers));
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "at least one measured round");
        if (warmup < 0) throw new ArgumentOutOfRangeException(nameof(warmup), warmup, "warm-up cannot be negative");
        _tiers = tiers;
        _warmup = warmup;
        _iterations = iterations;
        _frontEnd = frontEnd ?? VeldCompiler.Compile;
    }

    /// <summary>Measures every source; <paramref name="progress"/> gets (rounds done, rounds in all).</summary>
    public CompileTimeReport Run(IReadOnlyList<Source> sources, Action<int, int>? progress = null, CancellationToken cancellation = default)
    {
        var programs = new List<(Source Source, CheckedProgram Program)>();
        var notCompiled = new List<string>();
        foreach (var source in sources)
        {
            var result = _frontEnd(source);
            if (result.Success) programs.Add((source, result.Program!));
            else notCompiled.Add(source.FileName);
        }

        var samples = programs.Select(_ => _tiers.Select(_ => new List<double>()).ToArray()).ToArray();
        var allocated = new long[programs.Count, _tiers.Count];
        var failures = new string?[programs.Count, _tiers.Count];
        int rounds = _warmup + _iterations;
        var clock = new Stopwatch();
        for (int round = 0; round < rounds; round++)
        {
            progress?.Invoke(round, rounds);
            for (int p = 0; p < programs.Count; p++)
            {
                cancellation.ThrowIfCancellationRequested();
                for (int turn = 0; turn < _tiers.Count; turn++)
                {
                    int t = (turn + round) % _tiers.Count;
                    if (failures[p, t] is not null) continue;
                    try
                    {
                        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
                        clock.Restart();
                        _tiers[t].Compile(programs[p].Program);
                        clock.Stop();
                        allocated[p, t] = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
                    }
                    catch (Exception e)
                    {
                        failures[p, t] = e.Message;
                        continue;
                    }
                    if (round >= _warmup) samples[p][t].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }
        progress?.Invoke(rounds, rounds);

        var measured = programs.Select((entry, p) => new ProgramCompileTime(entry.Source.FileName,
            [.. _tiers.Select((_, t) => failures[p, t] is null ? BenchmarkStatistics.Median(samples[p][t]) : (double?)null)],
            [.. _tiers.Select((_, t) => failures[p, t])],
            [.. _tiers.Select((_, t) => allocated[p, t])])).ToList();
        return new CompileTimeReport([.. _tiers.Select(t => t.Name)], measured, notCompiled, _warmup, _iterations);
    }
}

/// <summary>One program's median compile time per tier (null where that tier's compiler failed, with why), and
/// the bytes one compile allocated (the same in every round: the compilers are deterministic).</summary>
public sealed record ProgramCompileTime(string Path, IReadOnlyList<double?> MedianMs, IReadOnlyList<string?> Failures, IReadOnlyList<long> AllocatedBytes);

/// <summary>What <see cref="CompileTimeBenchmark"/> measured, and the ratios between tiers over the programs
/// every tier compiled.</summary>
public sealed record CompileTimeReport(
    IReadOnlyList<string> Tiers,
    IReadOnlyList<ProgramCompileTime> Programs,
    IReadOnlyList<string> FrontEndFailures,
    int Warmup,
    int Iterations)
{
    /// <summary>Programs every tier compiled: the ones the totals and ratios are taken over.</summary>
    public IReadOnlyList<ProgramCompileTime> Common => [.. Programs.Where(p => p.MedianMs.All(m => m.HasValue))];

    /// <summary>The sum over <see cref="Common"/> of the tier's median compile time.</summary>
    public double TotalMs(int tier) => Common.Sum(p => p.MedianMs[tier]!.Value);

    /// <summary>The sum over <see cref="Common"/> of the bytes one compile of each program allocated.</summary>
    public long TotalAllocatedBytes(int tier) => Common.Sum(p => p.AllocatedBytes[tier]);

    /// <summary>Over <see cref="Common"/>: how many times longer <paramref name="tier"/> takes than
    /// <paramref name="reference"/>, per program (geometric mean and median) and in total; null without programs.</summary>
    public CompileTimeRatio? Ratio(int tier, int reference)
    {
        var ratios = Common.Where(p => p.MedianMs[reference] > 0 && p.MedianMs[tier] > 0)
            .Select(p => p.MedianMs[tier]!.Value / p.MedianMs[reference]!.Value).ToArray();
        if (ratios.Length == 0) return null;
        return new CompileTimeRatio(BenchmarkStatistics.GeometricMean(ratios), BenchmarkStatistics.Median(ratios),
            TotalMs(tier) / TotalMs(reference), ratios.Length);
    }
}

/// <summary>Compile time of one tier over another's: above 1 means slower to compile.</summary>
public sealed record CompileTimeRatio(double GeometricMean, double Median, double OfTotals, int Programs);
