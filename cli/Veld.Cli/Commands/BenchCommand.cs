using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Spectre.Console;
using Veld.Differential;
using Veld.Reports;
using Veld.Bench;

namespace Veld.Cli.Commands;

/// <summary><c>veld bench</c>: the benchmark programs of <c>corpus/bench</c> on several tiers, each in a worker
/// process of its own (or all in this one), interleaved round by round, with medians, ratios between tiers and optionally Lua 5.4 as the outside
/// reference. The Markdown report goes to standard output; progress to the terminal or standard error.</summary>
public static class BenchCommand
{
    public static Command Create(CliServices services, CliConsole console)
    {
        var registry = services.Tiers;
        var defaults = new BenchmarkOptions();
        var programs = FileArguments.Many("PROGRAMS",
            $"Benchmark names (fib, richards ...), .veld files or directories. Default: every program in {BenchmarkProgram.DefaultDirectory}.");
        var tiers = TierSelection.ListOption("Comma-separated tiers to measure. " + TierSelection.KnownNames(registry));
        var size = new Option<BenchmarkSize?>("--size")
        {
            Description = "The size every program runs at (its args()), or 'default' for each program's small built-in size. " +
                          "Default: each program's '# bench-size'.",
            HelpName = "N|default",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (BenchmarkSize.Parse(text) is { } parsed) return parsed;
                result.AddError($"--size expects a positive whole number or 'default', got '{text}'.");
                return null;
            },
        };
        var iterations = Count("--iterations", "Measured runs of each program on each tier; the report gives their median and range.", defaults.Iterations, minimum: 1);
        var warmup = Count("--warmup", "Runs of each program on each tier before measuring, not reported.", defaults.Warmup, minimum: 0);
        var csv = new Option<string>("--csv") { Description = "Also write the results as CSV, one row per program and tier.", HelpName = "FILE" };
        var markdown = new Option<string>("--markdown") { Description = "Also write the Markdown report to FILE.", HelpName = "FILE" };
        var baseline = new Option<string>("--baseline")
        {
            Description = $"Compare with an outside reference: 'lua' runs each program's Lua twin with {LuaBaseline.DefaultCommand} (skipped, with a note, when it is not installed).",
            HelpName = "lua",
        };
        baseline.AcceptOnlyFromAmong("lua");
        var jitThreshold = JitOptions.Threshold();
        var jitStress = JitOptions.Stress();
        var jitBackground = JitOptions.Background("auto");

        var maxMemory = LimitOptions.MaxMemory();
        var noOpt = NoOptOption.Create();
        var isolation = new Option<string>("--isolation")
        {
            Description = "'process': each program runs on each tier in a fresh worker process, so what .NET compiled for one " +
                          "program or tier (register and jit share the dispatch loop) does not shape another's; 'none': everything in this process.",
            HelpName = "MODE",
            DefaultValueFactory = _ => "process",
        };
        isolation.AcceptOnlyFromAmong("process", "none");
        var checkRegisters = CheckRegistersOption.Create();
        var compileTime = new Option<bool>("--compile-time")
        {
            Description = "Time the tiers' compilers instead of the programs: front end excluded, tiers interleaved; " +
                          "directories are searched recursively (e.g. 'veld bench corpus --compile-time --tiers stack,register').",
        };
        var command = new Command("bench",
            "Time corpus/bench on several tiers: medians, speedups, Lua as the reference.")
        {
            programs, tiers, size, iterations, warmup, csv, markdown, baseline, maxMemory, jitThreshold, jitStress, jitBackground, noOpt, checkRegisters, isolation, compileTime,
        };
        command.SetAction(parse =>
        {
            NoOptOption.Apply(parse, noOpt);
            CheckRegistersOption.Apply(parse, checkRegisters);
            if (!TierSelection.TrySelect(registry, parse.GetValue(tiers), console, out var selected)) return ExitCodes.Usage;
            var options = new BenchmarkOptions
            {
                Iterations = parse.GetValue(iterations),
                Warmup = parse.GetValue(warmup),
                Size = parse.GetValue(size) ?? BenchmarkSize.Bench,
                JitThreshold = parse.GetValue(jitThreshold),
                JitStress = parse.GetValue(jitStress),
                JitBackground = JitOptions.CompilesInBackground(parse.GetValue(jitBackground)),
                JitBackgroundIlBytes = JitOptions.BackgroundIlBytes(parse.GetValue(jitBackground)),
                MaxMemory = parse.GetValue(maxMemory) ?? Veld.Runtime.MemoryLimit.DefaultBytes,
                Isolation = parse.GetValue(isolation) == "none" ? BenchmarkIsolation.InProcess : BenchmarkIsolation.WorkerProcess,
                StartWorker = BenchWorkerCommand.Starter(parse.GetValue(noOpt) ?? [], parse.GetValue(checkRegisters)),
            };
            if (!OutputPaths.CheckWritable(console, ("--csv", parse.GetValue(csv)), ("--markdown", parse.GetValue(markdown)))) return ExitCodes.Usage;
            if (parse.GetValue(compileTime))
            {
                if (parse.GetValue(baseline) is not null || parse.GetValue(size) is not null)
                {
                    console.Error.WriteLine("veld: --compile-time measures the compilers only; --baseline and --size do not apply to it");
                    return ExitCodes.Usage;
                }
                return CompileTimeCommand.Execute(console, services, selected, options, parse.GetValue(programs) ?? [], parse.GetValue(csv), parse.GetValue(markdown));
            }
            return Execute(console, services, selected, options, parse.GetValue(programs) ?? [],
                parse.GetValue(baseline) == "lua", parse.GetValue(csv), parse.GetValue(markdown));
        });
        return command;
    }

    public const string HelpFooter =
        """
        How it measures: every program runs on every tier in a fresh worker process (--isolation
        process), so what .NET compiled for one program or tier does not shape another's. Every
        program is compiled once per tier; then, round after round, it runs once on each tier in
        turn (and on Lua last), so drift hits every tier alike. The first
        --warmup rounds are not measured. The heap is collected before each run. A Veld tier's time
        is the run of the compiled program (front end and compile excluded); Lua's is the wall time
        of the whole lua5.4 process, start-up included (the report gives the start-up cost).
        Every run must succeed and print what the first tier printed; a failed run is reported,
        not timed. Speedup = the reference's median time / the tier's (above 1 is faster); the
        summary is the geometric mean over programs.

        Exit codes: 0 every run succeeded, 1 a run failed, 64 usage error.

        Examples:
          veld bench                                      every program, every tier
          veld bench --tiers tree,stack --baseline lua    ... and Lua 5.4 as the reference
          veld bench fib richards --iterations 10 --warmup 2
          veld bench --size default --csv bench.csv       the small corpus sizes, results as CSV
          veld bench --isolation none                     every tier in this one process
          veld bench corpus --compile-time --tiers stack,register --iterations 10
                                                          compile time of every corpus program
        """;

    private static int Execute(CliConsole console, CliServices services, IReadOnlyList<TierRegistration> tiers,
        BenchmarkOptions options, string[] names, bool withLua, string? csvPath, string? markdownPath)
    {
        IReadOnlyList<BenchmarkProgram> programs;
        try
        {
            programs = BenchmarkProgram.Find(names, BenchSuiteLocation.Find());
        }
        catch (FileNotFoundException e)
        {
            console.Error.WriteLine($"veld: {e.Message}");
            return ExitCodes.Usage;
        }
        if (programs.Count == 0)
        {
            console.Error.WriteLine("veld: no benchmark programs found");
            return ExitCodes.Failure;
        }

        if (withLua)
        {
            var lua = LuaBaseline.Locate();
            options = lua is not null
                ? options with { Lua = lua }
                : options with { LuaUnavailableReason = $"{LuaBaseline.DefaultCommand} was not found on PATH, so there is no Lua baseline (Debian: apt-get install lua5.4)." };
            if (lua is null) console.Error.WriteLine($"veld: {options.LuaUnavailableReason} Going on without it.");
        }

        var runner = new BenchmarkRunner([.. tiers.Select(t => t.Create())], options, services.Compile);
        var report = console.Interactive
            ? RunWithProgress(console.CreateAnsiConsole(), runner, programs)
            : runner.Run(programs, PlainProgress(console.Error));

        MarkdownReportWriter.Write(console.Out, report);
        console.Out.Flush();
        foreach (var warning in BenchNoise.Warnings(report.Programs)) console.Error.WriteLine($"veld bench: {warning}");
        if (markdownPath is not null && !TryWrite(console, markdownPath, w => MarkdownReportWriter.Write(w, report))) return ExitCodes.Failure;
        if (csvPath is not null && !TryWrite(console, csvPath, w => CsvReportWriter.Write(w, report))) return ExitCodes.Failure;
        return report.HasFailures ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static BenchmarkReport RunWithProgress(IAnsiConsole ansi, BenchmarkRunner runner, IReadOnlyList<BenchmarkProgram> programs)
    {
        BenchmarkReport report = null!;
        ansi.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Plural.Of(programs.Count, "program"), maxValue: 1);
                report = runner.Run(programs, progress =>
                {
                    task.MaxValue = progress.RunsTotal;
                    task.Value = progress.RunsDone;
                    task.Description = Markup.Escape($"[{progress.ProgramIndex + 1}/{progress.ProgramCount}] {progress.Describe()}");
                });
                task.Value = task.MaxValue;
            });
        return report;
    }

    /// <summary>For logs: one line when a program starts, so a long run shows where it is.</summary>
    private static Action<BenchmarkProgress> PlainProgress(TextWriter error)
    {
        string? current = null;
        return progress =>
        {
            if (progress.Program == current) return;
            current = progress.Program;
            error.WriteLine($"veld bench: [{progress.ProgramIndex + 1}/{progress.ProgramCount}] {progress.Program}");
        };
    }

    internal static bool TryWrite(CliConsole console, string path, Action<TextWriter> write)
    {
        try
        {
            AtomicFile.WriteText(path, write);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"veld: cannot write {path}: {e.Message}");
            return false;
        }
    }

    private static Option<int> Count(string name, string description, int defaultValue, int minimum) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum) return n;
            result.AddError($"{name} expects a whole number of at least {minimum}, got '{text}'.");
            return defaultValue;
        },
    };
}
