using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using Veld.Differential;
using Veld.Fuzzing;
using Veld.Fuzzing.Reduction;
using Veld.Runtime;

namespace Veld.Cli.Commands;

/// <summary><c>veld fuzz</c>: generate random programs, run them on several tiers, save and reduce every
/// disagreement; exit code 1 when anything was found.</summary>
public static class FuzzCommand
{
    public const string DefaultOutput = "fuzz-findings";
    private const long DefaultCount = 200;

    public static Command Create(CliServices services, CliConsole console)
    {
        var registry = services.Tiers;
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Run seed; program i is generated from (seed, i) alone. Default: a random seed, printed at the start.",
            HelpName = "N",
        };
        var count = new Option<long?>("--count")
        {
            Description = $"Programs to generate (split among shards). Default: {DefaultCount}, unless --time is given.",
            HelpName = "N",
            CustomParser = result => (long)PositiveWhole(result, "--count"),
        };
        var timeOption = new Option<double?>("--time")
        {
            Description = "Stop after this many seconds instead of after --count programs.",
            HelpName = "SEC",
            CustomParser = result => PositiveReal(result, "--time"),
        };
        var index = new Option<long?>("--index")
        {
            Description = "Run only program I of the seed (to reproduce a finding).",
            HelpName = "I",
            CustomParser = result => (long)NonNegativeWhole(result, "--index"),
        };
        var size = new Option<int>("--size")
        {
            Description = "Size of each program (top-level statements; functions, types and blocks scale with it).",
            DefaultValueFactory = _ => 30,
            CustomParser = result => (int)PositiveWhole(result, "--size"),
            HelpName = "N",
        };
        var tiers = TierSelection.ListOption("Comma-separated tiers; the first is the oracle the others are compared with. " + TierSelection.KnownNames(registry));
        var shard = new Option<(int K, int N)>("--shard")
        {
            Description = "Run shard K of N: program i when i % N == K, so N machines can share one seed.",
            HelpName = "K/N",
            DefaultValueFactory = _ => (0, 1),
            CustomParser = ParseShard,
        };
        var output = new Option<string>("--out")
        {
            Description = "Directory for findings: each is saved the moment it is found, its reduction beside it.",
            DefaultValueFactory = _ => DefaultOutput,
            HelpName = "DIR",
        };
        var stats = new Option<bool>("--stats") { Description = "Print the feature coverage table and the oracle's outcomes at the end." };
        var noReduce = new Option<bool>("--no-reduce") { Description = "Save findings without reducing them." };
        var timeout = LimitOptions.Timeout("Time limit of one run of one program on one tier, in seconds (inconclusive when hit).", 10);
        var fuel = LimitOptions.Fuel("Steps one run may take before it stops with LimitExceeded (inconclusive).", 20_000_000);
        var maxDepth = LimitOptions.MaxDepth(10_000);
        var jitThreshold = JitOptions.Threshold();
        var jitStress = JitOptions.Stress();
        var maxMemory = LimitOptions.MaxMemory();
        var noOpt = NoOptOption.Create();

        var command = new Command("fuzz",
            "Generate random valid programs, run each on several tiers, and save (and reduce) every program on which a tier disagrees with the oracle.")
        {
            seed, count, timeOption, index, size, tiers, shard, output, stats, noReduce, timeout, fuel, maxDepth, maxMemory, jitThreshold, jitStress, noOpt,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(count) is not null && result.GetResult(timeOption) is not null)
                result.AddError("--count and --time cannot be used together.");
            if (result.GetResult(index) is not null && (result.GetResult(count) is not null || result.GetResult(timeOption) is not null || result.GetResult(shard) is not null))
                result.AddError("--index runs one program; it cannot be combined with --count, --time or --shard.");
        });
        command.SetAction(parse =>
        {
            NoOptOption.Apply(parse, noOpt);
            CheckRegistersOption.Always();
            if (!TierSelection.TrySelect(registry, parse.GetValue(tiers), console, out var selected)) return ExitCodes.Usage;
            var (k, n) = parse.GetValue(shard);
            var only = parse.GetValue(index);
            var settings = new FuzzOptions
            {
                Seed = parse.GetValue(seed) ?? (ulong)Random.Shared.NextInt64(0, 1L << 53),
                Count = only is not null ? 1 : parse.GetValue(timeOption) is null ? parse.GetValue(count) ?? DefaultCount : null,
                StartIndex = only ?? 0,
                TimeBudget = parse.GetValue(timeOption) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Size = parse.GetValue(size),
                Tiers = [.. selected.Select(t => t.Create())],
                Judge = OutcomeJudges.Standard,
                ShardIndex = only is null ? k : 0,
                ShardCount = only is null ? n : 1,
                OutputDirectory = parse.GetValue(output),
                Reduce = !parse.GetValue(noReduce),
                RunOptions = new RunOptions
                {
                    Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout) ?? 10),
                    Fuel = parse.GetValue(fuel),
                    MaxCallDepth = parse.GetValue(maxDepth),
                    JitThreshold = parse.GetValue(jitThreshold),
                    JitStress = parse.GetValue(jitStress),
                    MaxMemory = parse.GetValue(maxMemory) ?? MemoryLimit.DefaultBytes,
                },
            };
            return Execute(console, settings, parse.GetValue(stats));
        });
        return command;
    }

    public const string HelpFooter =
        """
        Each program is valid by construction (names in scope, loops and recursion bounded, operands of
        the right types) and prints values as it goes; a few percent end in a deliberate runtime error.
        Every tier runs it with the same limits and is compared with the first tier, as in 'veld diff'.

        A finding is saved at once as DIR/fuzz-SEED-I.veld, a standalone program whose header comments
        give the seed, the index and what every tier did; its reduction follows as
        DIR/fuzz-SEED-I.reduced.veld. Reproduce one with --seed SEED --index I.

        Exit codes: 0 nothing found, 1 a disagreement, crash or rejected program, 64 usage error.

        Examples:
          veld fuzz --count 1000 --tiers tree,stack
          veld fuzz --time 600 --seed 42 --shard 0/4 --out findings --stats
          veld fuzz --seed 42 --index 117 --tiers tree,register
        """;

    private static int Execute(CliConsole console, FuzzOptions options, bool showStats)
    {
        var tierNames = string.Join(",", options.Tiers.Select(t => t.Name));
        var budget = options.Count is { } c ? Plural.Of(c, "program") : $"{options.TimeBudget!.Value.TotalSeconds:0.#} s";
        console.Error.WriteLine($"veld fuzz: seed {options.Seed}, {budget}, size {options.Size}, tiers {tierNames}, shard {options.ShardIndex}/{options.ShardCount}, findings in {options.OutputDirectory}");
        if (options.Tiers.Count < 2)
            console.Error.WriteLine("veld fuzz: only one tier: nothing to compare with, only crashes are found");

        var progress = new ProgressLine(console);
        // --time is a hard bound: when it runs out, the program running on a tier and a reduction under
        // way are cancelled too, rather than only no new program being started.
        using var deadline = options.TimeBudget is { } budgetTime ? new CancellationTokenSource(budgetTime) : new CancellationTokenSource();
        var run = options with
        {
            Progress = progress.Update,
            Finding = f => progress.Finding(f),
            Cancellation = options.TimeBudget is null ? options.Cancellation : deadline.Token,
            RunOptions = options.TimeBudget is null ? options.RunOptions : options.RunOptions with { Cancellation = deadline.Token },
        };
        var report = Fuzzer.Run(run);
        progress.Finish(report);

        FuzzReportView.WriteSummary(console, report, options);
        if (showStats) FuzzReportView.WriteStatistics(console, report);
        console.Out.Flush();
        return report.Findings.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>The running count on standard error: redrawn in place on a terminal, a new line every
    /// ten seconds in a log.</summary>
    private sealed class ProgressLine(CliConsole console)
    {
        private readonly Stopwatch _sinceLine = Stopwatch.StartNew();
        private bool _drawn;

        public void Update(FuzzProgress p)
        {
            var interval = console.Interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(10);
            if (_sinceLine.Elapsed < interval) return;
            _sinceLine.Restart();
            var text = Format(p);
            if (console.Interactive)
            {
                console.Error.Write("\r" + text.PadRight(79));
                _drawn = true;
            }
            else console.Error.WriteLine(text);
        }

        public void Finding(FuzzFinding f)
        {
            ClearLine();
            if (f.Reduction is null)
                console.Error.WriteLine($"found: {f.Path ?? $"program {f.Index}"}: {f.Summary}");
            else
                console.Error.WriteLine($"  reduced {f.Reduction.Summary}{(f.ReducedPath is null ? "" : $": {f.ReducedPath}")}");
        }

        public void Finish(FuzzReport report)
        {
            ClearLine();
            console.Error.WriteLine(Format(new FuzzProgress(report.Statistics.Programs, report.Findings.Count, report.Statistics.Inconclusive, report.Elapsed)));
        }

        private void ClearLine()
        {
            if (!_drawn) return;
            console.Error.Write("\r" + new string(' ', 79) + "\r");
            _drawn = false;
        }

        private static string Format(FuzzProgress p) => string.Create(CultureInfo.InvariantCulture,
            $"{Plural.Of(p.Programs, "program")} ({p.ProgramsPerSecond:0.0}/s), {Plural.Of(p.Disagreements, "finding")}, {p.Inconclusive} inconclusive, {p.Elapsed.TotalSeconds:0} s");
    }

    private static (int, int) ParseShard(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k < n)
            return (k, n);
        result.AddError($"--shard expects K/N with 0 <= K < N (e.g. 0/4), not '{text}'.");
        return (0, 1);
    }

    private static double PositiveWhole(ArgumentResult result, string name) => Number(result, name, min: 1, whole: true);
    private static double NonNegativeWhole(ArgumentResult result, string name) => Number(result, name, min: 0, whole: true);
    private static double PositiveReal(ArgumentResult result, string name) => Number(result, name, min: double.Epsilon, whole: false);

    private static double Number(ArgumentResult result, string name, double min, bool whole)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        double value = double.NaN;
        if (whole && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var w)) value = w;
        if (!whole && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && double.IsFinite(r)) value = r;
        if (value >= min) return value; // NaN fails the comparison
        result.AddError($"{name} expects a {(min > 0 ? "positive" : "non-negative")} {(whole ? "whole number" : "number")}, not '{text}'.");
        return Math.Max(min, 1);
    }
}
