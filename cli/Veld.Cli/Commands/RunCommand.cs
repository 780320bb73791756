using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using Veld.Differential;
using Veld.Language;
using Veld.Runtime;

namespace Veld.Cli.Commands;

/// <summary><c>veld run FILE</c>: compile one program, run it on one tier with its output going straight to
/// standard output, and turn the outcome into an exit code and a compiler-style error message.</summary>
public static class RunCommand
{
    public static Command Create(CliServices services, CliConsole console)
    {
        var registry = services.Tiers;
        var file = FileArguments.One("The .veld program to run, - for standard input, or a file from veld build (runs on the tier that built it).");
        var programArgs = new Argument<string[]>("ARGS")
        {
            Description = "Strings the program reads with args(); put them after --.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var tier = TierSelection.OneOption(
            "The tier to run on: " + string.Join("; ", registry.All.Select(t => $"{t.Name}, {t.Description}")) + ".",
            [.. registry.Names], registry.Oracle.Name);
        var printResult = new Option<bool>("--print-result") { Description = "After the program's output, print its result's display form." };
        var stats = new Option<bool>("--stats")
        {
            Description = "After the run, write one JSON object to standard error: tier, outcome, frontEndMs, compileMs, runMs, codeBytes, instructions, allocatedBytes (null where a tier has no such figure).",
        };
        var maxDepth = LimitOptions.MaxDepth(new RunOptions().MaxCallDepth);
        var fuel = LimitOptions.Fuel("Stop with LimitExceeded after this many steps (loop iterations plus calls). Default: no limit.", null);
        var timeout = LimitOptions.Timeout("Stop with LimitExceeded after this many seconds. Default: no limit.", null);
        var jitThreshold = JitOptions.Threshold();
        var jitStress = JitOptions.Stress();
        var jitBackground = JitOptions.Background("auto");
        var maxMemory = LimitOptions.MaxMemory();
        var noOpt = NoOptOption.Create();
        var checkRegisters = CheckRegistersOption.Create();

        var command = new Command("run", "Run one Veld program, printing its output as it runs.")
        {
            file, programArgs, tier, printResult, stats, maxDepth, fuel, timeout, maxMemory, jitThreshold, jitStress, jitBackground, noOpt, checkRegisters,
        };
        command.SetAction(parse =>
        {
            NoOptOption.Apply(parse, noOpt);
            CheckRegistersOption.Apply(parse, checkRegisters);
            return ArgumentsBeforeDoubleDash(parse, programArgs) is { } stray
                ? UsageError(console, $"unexpected argument '{stray}'; arguments for the program go after --")
                : Execute(console, services, new Request(
                parse.GetValue(file)!,
                parse.GetValue(programArgs) ?? [],
                registry.Find(parse.GetValue(tier)!)!,
                parse.GetResult(tier) is { Implicit: false },
                parse.GetValue(printResult),
                parse.GetValue(stats),
                new RunOptions
                {
                    Output = console.Out,
                    MaxCallDepth = parse.GetValue(maxDepth),
                    Fuel = parse.GetValue(fuel),
                    Timeout = parse.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                    JitThreshold = parse.GetValue(jitThreshold),
                    JitStress = parse.GetValue(jitStress),
                    JitBackground = JitOptions.CompilesInBackground(parse.GetValue(jitBackground)),
                    JitBackgroundIlBytes = JitOptions.BackgroundIlBytes(parse.GetValue(jitBackground)),
                    MaxMemory = parse.GetValue(maxMemory) ?? MemoryLimit.DefaultBytes,
                    Args = parse.GetValue(programArgs) ?? [],
                }));
        });
        return command;
    }

    public const string HelpFooter =
        """
        Exit codes:
          0   success                    65  compile error (also invalid UTF-8)
          70  runtime error              75  fuel or time limit exceeded
          64  usage error (bad flag, unknown tier, missing file)
          1   internal error, or a construct the tier does not support

        Errors go to standard error as FILE:LINE:COL: error[Kind]: message, followed by the
        source line and a caret; a compile error lists every diagnostic.

        Examples:
          veld run hello.veld
          veld run fib.veld --print-result --stats
          veld run loop.veld --fuel 1000000 --timeout 5
          veld run bench.veld -- 10000               args() returns ["10000"]
          echo 'println(6 * 7)' | veld run -         the program from standard input
        """;

    private sealed record Request(string Path, string[] Args, TierRegistration Tier, bool TierChosen, bool PrintResult, bool Stats, RunOptions Options);

    /// <summary>The first program argument given before <c>--</c>, if any. The parser accepts them, but
    /// <c>veld run x.veld --verbose</c> is far more likely a misspelt flag than an argument for the program.</summary>
    private static string? ArgumentsBeforeDoubleDash(ParseResult parse, Argument<string[]> programArgs)
    {
        var given = parse.GetValue(programArgs) ?? [];
        int doubleDash = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        int afterDoubleDash = doubleDash < 0 ? 0 : parse.Tokens.Count - doubleDash - 1;
        return given.Length > afterDoubleDash ? given[0] : null;
    }

    private static int UsageError(CliConsole console, string message)
    {
        console.Error.WriteLine($"{VeldCli.Name}: {message}");
        console.Error.WriteLine("Run 'veld run --help' for usage.");
        return ExitCodes.Usage;
    }

    private static int Execute(CliConsole console, CliServices services, Request request)
    {
        if (!TryRead(console, request.Path, out var bytes)) return ExitCodes.Usage;
        request = request.Path == StandardInput ? request with { Path = StandardInputName } : request;
        if (services.Tiers.OwnerOfFile(bytes) is { } owner) return ExecuteBytecode(console, request, bytes, owner);
        // Invalid UTF-8 is not an error here: Source records it and the front end reports it as a compile error.
        var source = Source.FromBytes(request.Path, bytes);
        var clock = Stopwatch.StartNew();
        bool compiledOk = CompileStep.TryCompile(console, services, source, out var program, out int failure);
        double frontEndMs = clock.Elapsed.TotalMilliseconds;
        if (!compiledOk)
        {
            if (failure == ExitCodes.CompileError && request.Stats)
                console.Error.WriteLine(RunStats.CompileFailed(request.Tier.Name, frontEndMs).ToJson());
            return failure;
        }

        var tier = request.Tier.Create();
        var outcome = TierHost.Run(tier, program, request.Options);
        console.Out.Flush();
        int exitCode = Report(console, source, outcome, request);
        if (request.Stats)
            console.Error.WriteLine((RunStats.FromOutcome(outcome, frontEndMs) with { Jit = JitRunStats.Of(tier) }).ToJson());
        return exitCode;
    }

    /// <summary>A compiled file from <c>veld build</c>: loaded (and verified) by the tier that wrote it, then run
    /// like a source program. There is no source text, so errors show the file and line without a caret.</summary>
    private static int ExecuteBytecode(CliConsole console, Request request, byte[] bytes, TierRegistration owner)
    {
        if (request.TierChosen && request.Tier.Name != owner.Name)
            return UsageError(console, $"'{request.Path}' is {owner.Name}-tier bytecode; it runs on the {owner.Name} tier, not {request.Tier.Name}");
        var clock = Stopwatch.StartNew();
        IExecutable executable;
        try
        {
            executable = owner.File!.Load(bytes);
        }
        catch (BytecodeFileException e)
        {
            console.Error.WriteLine($"veld: cannot load '{request.Path}': {e.Message}");
            return ExitCodes.CompileError;
        }
        double loadMs = clock.Elapsed.TotalMilliseconds;
        var outcome = LargeStack.Run($"veld-{owner.Name}", () => TierHost.Execute(owner.Name, executable, request.Options, loadMs));
        console.Out.Flush();
        // No source text: blank lines up to the error's line make errors read FILE:LINE:COLUMN (the file keeps columns).
        var blank = new Source(request.Path, new string('\n', Math.Max(0, outcome.Error?.Line ?? 0)));
        int exitCode = Report(console, blank, outcome, request);
        if (request.Stats) console.Error.WriteLine(RunStats.FromOutcome(outcome, 0).ToJson());
        return exitCode;
    }

    private static int Report(CliConsole console, Source source, RunOutcome outcome, Request request)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Success:
                if (request.PrintResult)
                {
                    console.Out.Write(SafeDisplay.Show(outcome.Result) + "\n");
                    console.Out.Flush();
                }
                return ExitCodes.Success;
            case OutcomeKind.RuntimeError:
                console.Error.Write(ErrorDisplay.Runtime(source, outcome.Error!));
                return ExitCodes.RuntimeError;
            case OutcomeKind.LimitExceeded:
                console.Error.Write(ErrorDisplay.Runtime(source, outcome.Error!));
                return ExitCodes.LimitExceeded;
            case OutcomeKind.CompileError:
                console.Error.Write(ErrorDisplay.Runtime(source, outcome.Error!));
                return ExitCodes.CompileError;
            case OutcomeKind.Unsupported:
                console.Error.WriteLine($"veld: the {outcome.Tier} tier does not support this program: {outcome.Error?.Message}");
                return ExitCodes.Failure;
            default:
                console.Error.WriteLine($"veld: internal error in the {outcome.Tier} tier: {outcome.Error?.Message}");
                return ExitCodes.Failure;
        }
    }

    /// <summary>The file name that means standard input, and the name its errors are reported under.</summary>
    public const string StandardInput = "-";
    public const string StandardInputName = "<stdin>";

    internal static bool TryRead(CliConsole console, string path, out byte[] bytes)
    {
        bytes = [];
        if (path == StandardInput)
        {
            using var buffer = new MemoryStream();
            console.Input.CopyTo(buffer);
            bytes = buffer.ToArray();
            return true;
        }
        if (Directory.Exists(path))
        {
            console.Error.WriteLine($"veld: '{path}' is a directory; give a .veld file (veld diff runs directories)");
            return false;
        }
        try
        {
            bytes = File.ReadAllBytes(path);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            console.Error.WriteLine($"veld: cannot open '{path}': no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"veld: cannot read '{path}': {e.Message}");
        }
        return false;
    }
}
