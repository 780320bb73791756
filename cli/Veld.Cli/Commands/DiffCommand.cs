using System.CommandLine;
using Spectre.Console;
using Veld.Differential;
using Veld.Reports;

namespace Veld.Cli.Commands;

/// <summary><c>veld diff</c>: the differential harness over corpus programs, with a summary table and one
/// entry per failure; exit code 1 when anything failed.</summary>
public static class DiffCommand
{
    public static Command Create(CliServices services, CliConsole console)
    {
        var registry = services.Tiers;
        var defaults = new DiffOptions();
        var paths = FileArguments.Many("PATHS", "Programs and directories to run (directories are searched for *.veld recursively).", [DiffInputs.DefaultCorpus]);
        var tiers = TierSelection.ListOption("Comma-separated tiers to run; the first is the oracle the others are compared with. " + TierSelection.KnownNames(registry));
        var timeout = LimitOptions.Timeout("Time limit of one run of one program on one tier, in seconds; hitting it is inconclusive.", defaults.Timeout.TotalSeconds);
        var fuel = LimitOptions.Fuel("Steps one run may take before it stops with LimitExceeded (inconclusive).", defaults.Fuel);
        var maxDepth = LimitOptions.MaxDepth(defaults.MaxCallDepth);
        var maxMemory = LimitOptions.MaxMemory();
        var jobs = LimitOptions.Jobs();
        var jitThreshold = JitOptions.Threshold();
        var jitStress = JitOptions.Stress();
        var jitBackground = JitOptions.Background("off");
        var verbose = new Option<bool>("--verbose") { Description = "List every program with each tier's verdict, and show failures in full." };
        var junit = new Option<string?>("--junit") { Description = "Also write the results as JUnit XML for CI: a test suite per tier, a test case per program.", HelpName = "FILE" };
        var csv = new Option<string?>("--csv") { Description = "Also write one CSV row per program and tier: outcome, verdict and metrics.", HelpName = "FILE" };
        var stats = new Option<bool>("--stats") { Description = $"After the summary, total code bytes and instructions per tier over the programs that succeeded on every tier, as ratios to '{registry.Baseline?.Name ?? "the baseline"}' when it runs." };

        var noOpt = NoOptOption.Create();
        var command = new Command("diff",
            "Run corpus programs on several tiers, check each run against the expectations in its comments, " +
            "and compare every tier with the first (the oracle).")
        {
            paths, tiers, timeout, fuel, maxDepth, maxMemory, jobs, verbose, junit, csv, stats, jitThreshold, jitStress, jitBackground, noOpt,
        };
        command.SetAction(parse =>
        {
            NoOptOption.Apply(parse, noOpt);
            CheckRegistersOption.Always();
            if (!TierSelection.TrySelect(registry, parse.GetValue(tiers), console, out var selected)) return ExitCodes.Usage;
            var options = new DiffOptions
            {
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout) ?? defaults.Timeout.TotalSeconds),
                Fuel = parse.GetValue(fuel),
                MaxCallDepth = parse.GetValue(maxDepth),
                MaxMemory = parse.GetValue(maxMemory) ?? Veld.Runtime.MemoryLimit.DefaultBytes,
                Parallelism = parse.GetValue(jobs) ?? defaults.Parallelism,
                JitThreshold = parse.GetValue(jitThreshold),
                JitStress = parse.GetValue(jitStress),
                JitBackground = JitOptions.CompilesInBackground(parse.GetValue(jitBackground)),
                JitBackgroundIlBytes = JitOptions.BackgroundIlBytes(parse.GetValue(jitBackground)),
            };
            var outputs = new ReportOutputs(parse.GetValue(verbose), parse.GetValue(junit), parse.GetValue(csv), parse.GetValue(stats));
            if (!OutputPaths.CheckWritable(console, ("--junit", outputs.JUnitPath), ("--csv", outputs.CsvPath))) return ExitCodes.Usage;
            if (DiffInputs.Resolve(console, services.Tiers, GivenPaths(parse, paths), Directory.GetCurrentDirectory()) is not { } inputs) return ExitCodes.Usage;
            return Execute(console, services, selected, options, inputs, outputs);
        });
        return command;
    }

    public const string HelpFooter =
        """
        What is compared (docs/SPEC.md section 17): standard output byte for byte, the result by
        value and type, and the outcome (compile error with line:column, runtime error with kind,
        message and line). Fuel or time running out is inconclusive, never a disagreement; a tier
        that does not support a construct, or crashes, is a failure.

        Expectations, in a program's comments:
          println(x)        # expect: 1                   the next line of standard output
          let z = 1 / 0     # expect runtime error: DivisionByZero     (or Kind: message)
          let x = y         # expect compile error: undeclared name 'y'
          # expect result: [1, 2]                         the program's result
          # tags: closures, upvalues                      (first lines) what it exercises

        Output: one entry per failure with a diff, then a summary table per tier; --stats adds
        code bytes and instructions per tier. --junit and --csv write the results to files for CI.
        Exit codes: 0 nothing failed, 1 a failure, 64 usage error.

        Examples:
          veld diff                                   runs ./corpus on every tier
          veld diff corpus/closures corpus/ops/div.veld --tiers tree,stack
          veld diff corpus --timeout 30 --verbose
          veld diff corpus --junit artifacts/diff.junit.xml --csv artifacts/diff.csv --stats
        """;

    /// <summary>The paths on the command line; none when the default (./corpus) applies.</summary>
    private static string[] GivenPaths(ParseResult parse, Argument<string[]> paths) =>
        parse.GetResult(paths) is { Implicit: false } ? parse.GetValue(paths) ?? [] : [];

    /// <summary>What to show and write besides the findings and the summary.</summary>
    private sealed record ReportOutputs(bool Verbose, string? JUnitPath, string? CsvPath, bool Stats);

    private static int Execute(CliConsole console, CliServices services, IReadOnlyList<TierRegistration> tiers, DiffOptions options, string[] paths, ReportOutputs outputs)
    {
        IReadOnlyList<string> files;
        try
        {
            files = CorpusFiles.Find(paths);
        }
        catch (FileNotFoundException e)
        {
            console.Error.WriteLine($"veld: {e.Message}");
            return ExitCodes.Usage;
        }
        if (files.Count == 0)
        {
            console.Error.WriteLine($"veld: no {CorpusFiles.Extension} programs under {string.Join(", ", paths)}");
            return ExitCodes.Failure;
        }

        var ansi = console.CreateAnsiConsole();
        var runner = new DiffRunner(tiers, options, services.Compile);
        var report = console.Interactive ? RunWithProgress(ansi, runner, files) : runner.RunFiles(files);

        if (outputs.Verbose) DiffReportView.WriteVerdicts(console.Out, report);
        FindingsWriter.Write(console.Out, report, outputs.Verbose);
        console.Out.Flush();
        DiffReportView.WriteSummary(ansi, report, console.Interactive);
        if (outputs.Stats) DiffReportView.WriteFigures(ansi, TierFigures.Compute(report, services.Tiers.Baseline?.Name), console.Interactive);
        console.Out.Flush();
        bool written = WriteFile(console, outputs.JUnitPath, "JUnit XML", path => JUnitReport.Write(path, report))
            & WriteFile(console, outputs.CsvPath, "CSV", path => DiffCsv.Write(path, report));
        return report.HasFailures || !written ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>Write a report file if one was asked for; a file that cannot be written fails the run
    /// (CI would otherwise miss its results silently).</summary>
    private static bool WriteFile(CliConsole console, string? path, string what, Action<string> write)
    {
        if (path is null) return true;
        try
        {
            write(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            console.Error.WriteLine($"veld: cannot write the {what} report to {path}: {e.Message}");
            return false;
        }
    }

    private static DiffReport RunWithProgress(IAnsiConsole ansi, DiffRunner runner, IReadOnlyList<string> files)
    {
        DiffReport report = null!;
        ansi.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Plural.Of(files.Count, "program"), maxValue: files.Count);
                report = runner.RunFiles(files, _ => task.Increment(1));
            });
        return report;
    }
}
