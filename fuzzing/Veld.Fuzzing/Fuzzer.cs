using System.Diagnostics;
using Veld.Fuzzing.Generation;
using Veld.Fuzzing.Reduction;
using Veld.Language;
using Veld.Runtime;

using Veld.Differential;

namespace Veld.Fuzzing;

/// <summary>
/// Differential fuzzing: generate program i from (seed, i), run it on every tier with the same limits,
/// compare each tier with the oracle (the first tier), and write every disagreement, crash or rejected
/// program to the output directory the moment it is found; then reduce it and save the reduced program
/// beside it. Shards split the index space (program i belongs to shard i % N), so N machines can share
/// one seed without overlap.
/// </summary>
public sealed class Fuzzer(FuzzOptions options)
{
    private readonly FuzzStatistics _stats = new();
    private readonly List<FuzzFinding> _findings = [];

    public static FuzzReport Run(FuzzOptions options) => new Fuzzer(options).Run();

    /// <summary>Program <paramref name="index"/> of a run with <paramref name="seed"/>.</summary>
    public static GeneratedProgram ProgramAt(ulong seed, long index, int size) => VeldGen.ProgramAt(seed, index, size);

    public FuzzReport Run()
    {
        if (options.Tiers.Count == 0) throw new ArgumentException("fuzzing needs at least one tier", nameof(options));
        if (options.ShardCount < 1 || options.ShardIndex < 0 || options.ShardIndex >= options.ShardCount)
            throw new ArgumentException($"shard {options.ShardIndex}/{options.ShardCount} is not K/N with 0 <= K < N", nameof(options));
        if (options.Count is null && options.TimeBudget is null && !options.Cancellation.CanBeCanceled)
            throw new ArgumentException("fuzzing needs a count, a time budget or a cancellation token", nameof(options));

        var clock = Stopwatch.StartNew();
        long end = options.Count is { } count ? options.StartIndex + count : long.MaxValue;
        long first = options.StartIndex + Mod(options.ShardIndex - options.StartIndex, options.ShardCount);
        bool cancelled = false;
        for (long i = first; i < end; i += options.ShardCount)
        {
            if (options.Cancellation.IsCancellationRequested) { cancelled = true; break; }
            if (options.TimeBudget is { } budget && clock.Elapsed >= budget) break;
            RunOne(i);
            options.Progress?.Invoke(new FuzzProgress(_stats.Programs, _findings.Count, _stats.Inconclusive, clock.Elapsed));
        }
        return new FuzzReport { Statistics = _stats, Findings = _findings, Elapsed = clock.Elapsed, Cancelled = cancelled };
    }

    private static long Mod(long a, long n) => ((a % n) + n) % n;

    private void RunOne(long index)
    {
        var generation = Stopwatch.StartNew();
        var program = ProgramAt(options.Seed, index, options.Size);
        _stats.GenerationMilliseconds += generation.Elapsed.TotalMilliseconds;
        _stats.Programs++;
        foreach (var f in program.Features) FuzzStatistics.Add(_stats.Features, f);

        var compiled = VeldCompiler.Compile(new Source($"fuzz-{index}.veld", program.Source));
        if (!compiled.Success)
        {
            _stats.CompileErrors++;
            var d = compiled.Diagnostics[0];
            Report(new FuzzFinding
            {
                Kind = FindingKind.CompileError, Index = index, Program = program, Outcomes = [], Culprits = ["front end"],
                Summary = $"compile error at {d.Pos}: {d.Message}",
            });
            return;
        }

        var outcomes = new List<RunOutcome>();
        foreach (var tier in options.Tiers)
        {
            var outcome = GuardedRun.Run(tier, compiled.Program!, options.RunOptions);
            _stats.TierMilliseconds[tier.Name] = _stats.TierMilliseconds.GetValueOrDefault(tier.Name)
                + (outcome.Metrics.CompileMs ?? 0) + outcome.Metrics.RunMs;
            outcomes.Add(outcome);
        }
        var oracle = outcomes[0];
        FuzzStatistics.Add(_stats.OracleOutcomes, OutcomeLabel(oracle));

        var crashed = outcomes.Where(o => o.Kind == OutcomeKind.InternalError).ToList();
        if (crashed.Count > 0)
        {
            _stats.Crashes++;
            Report(new FuzzFinding
            {
                Kind = FindingKind.Crash, Index = index, Program = program, Outcomes = outcomes,
                Culprits = [.. crashed.Select(o => o.Tier)],
                Summary = $"{crashed[0].Tier} crashed: {FirstLine(crashed[0].Error?.Message)}",
            });
            return;
        }

        var disagreeing = new List<(string Tier, string Summary)>();
        bool inconclusive = false;
        for (int t = 1; t < outcomes.Count; t++)
        {
            var judgement = options.Judge(oracle, outcomes[t]);
            if (judgement.Verdict == Verdict.Disagree) disagreeing.Add((outcomes[t].Tier, judgement.Summary));
            else if (judgement.Verdict == Verdict.Inconclusive) inconclusive = true;
        }
        if (inconclusive || oracle.Kind is OutcomeKind.LimitExceeded or OutcomeKind.Unsupported) _stats.Inconclusive++;
        if (disagreeing.Count == 0) return;

        _stats.Disagreements++;
        Report(new FuzzFinding
        {
            Kind = FindingKind.Disagreement, Index = index, Program = program, Outcomes = outcomes,
            Culprits = [.. disagreeing.Select(d => d.Tier)],
            Summary = string.Join("; ", disagreeing.Select(d => $"{d.Tier}: {d.Summary}")),
        });
    }

    /// <summary>Saves a finding at once, then reduces it and saves the reduction beside it.</summary>
    private void Report(FuzzFinding finding)
    {
        if (options.OutputDirectory is { } dir)
        {
            Directory.CreateDirectory(dir); // only once there is something to put in it
            var path = Path.Combine(dir, FindingFile.FileName(options, finding.Index, reduced: false));
            FindingFile.WriteDurably(path, FindingFile.Render(finding, options));
            finding = finding with { Path = path };
        }
        _findings.Add(finding);
        options.Finding?.Invoke(finding);
        if (!options.Reduce || finding.Kind == FindingKind.CompileError) return;

        var reduction = Reducer.Reduce(finding.Program.Source, Interesting(finding), options.ReducerOptions with { Cancellation = options.Cancellation });
        finding = finding with { Reduction = reduction };
        if (options.OutputDirectory is { } outDir && reduction.OriginalWasInteresting)
        {
            var reducedPath = Path.Combine(outDir, FindingFile.FileName(options, finding.Index, reduced: true));
            FindingFile.WriteDurably(reducedPath, FindingFile.RenderReduced(finding, reduction, options));
            finding = finding with { ReducedPath = reducedPath };
        }
        _findings[^1] = finding;
        options.Finding?.Invoke(finding);
    }

    /// <summary>What must stay true while a finding is reduced: the same tiers still disagree (or crash).</summary>
    private Func<string, bool> Interesting(FuzzFinding finding)
    {
        var culprits = options.Tiers.Where(t => finding.Culprits.Contains(t.Name)).ToList();
        if (finding.Kind == FindingKind.Crash) return Interestingness.TierCrashes(culprits, options.RunOptions);
        return Interestingness.TiersDisagree(options.Tiers[0], culprits, options.Judge, options.RunOptions);
    }

    private static string OutcomeLabel(RunOutcome o) => o.Kind switch
    {
        OutcomeKind.Success => "success",
        OutcomeKind.RuntimeError => $"runtime error: {o.Error?.Kind}",
        OutcomeKind.LimitExceeded => "limit exceeded",
        _ => o.Kind.ToString(),
    };

    private static string FirstLine(string? text) => text is null ? "" : text.Split('\n')[0].Trim();
}
