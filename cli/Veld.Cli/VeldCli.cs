using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Veld.Cli.Commands;

namespace Veld.Cli;

/// <summary>
/// The <c>veld</c> command line: <c>veld run</c> runs one program, <c>veld diff</c> runs the differential
/// harness over the corpus, <c>veld fuzz</c> over generated programs, <c>veld reduce</c> shrinks a finding,
/// <c>veld disasm</c> shows a bytecode tier's code. Everything goes through a <see cref="CliConsole"/> so that tests run the whole CLI in-process.
/// </summary>
public static class VeldCli
{
    public const string Name = "veld";

    public static int Run(string[] args, CliConsole console, CliServices? services = null)
    {
        var root = BuildRootCommand(services ?? CliServices.Default, console);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors) console.Error.WriteLine($"{Name}: {error.Message}");
            foreach (var hint in TypoHints.For(parse, services ?? CliServices.Default)) console.Error.WriteLine($"{Name}: {hint}");
            console.Error.WriteLine($"Run '{CommandPath(parse.CommandResult.Command)} --help' for usage.");
            return ExitCodes.Usage;
        }
        return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }

    /// <summary>The command tree. A plain <see cref="Command"/> named "veld" rather than a RootCommand, whose
    /// name would be the host process's (testhost, dotnet) instead of the tool's.</summary>
    public static Command BuildRootCommand(CliServices services, CliConsole console)
    {
        var run = RunCommand.Create(services, console);
        var diff = DiffCommand.Create(services, console);
        var build = BuildCommand.Create(services, console);
        var fuzzRegalloc = FuzzRegallocCommand.Create(console);
        var fuzz = FuzzCommand.Create(services, console);
        var reduce = ReduceCommand.Create(services, console);
        var disasm = DisasmCommand.Create(services, console);
        var bench = BenchCommand.Create(services, console);
        var benchWorker = BenchWorkerCommand.Create(services, console);
        var report = ReportCommand.Create(services, console);
        var repl = Repl.ReplCommand.Create(services, console);
        var help = new HelpOption();
        var root = new Command(Name, "Run Veld Core programs on the tiers of VeldMigration and check that every tier agrees.")
        {
            help,
            new VersionOption(),
            run,
            repl,
            diff,
            fuzz,
            reduce,
            disasm,
            bench,
            report,
            build,
            fuzzRegalloc,
            benchWorker,
        };
        var standardHelp = (HelpAction)help.Action!;
        // Plain output keeps one width everywhere (CI logs, snapshot tests); a terminal uses its own.
        if (!console.Interactive) standardHelp.MaxWidth = CliConsole.PlainWidth;
        help.Action = new HelpWithExamples(standardHelp, new Dictionary<Command, string>
        {
            [root] = RootExamples,
            [run] = RunCommand.HelpFooter,
            [repl] = Repl.ReplCommand.HelpFooter,
            [diff] = DiffCommand.HelpFooter,
            [fuzz] = FuzzCommand.HelpFooter,
            [reduce] = ReduceCommand.HelpFooter,
            [disasm] = DisasmCommand.HelpFooter,
            [bench] = BenchCommand.HelpFooter,
            [report] = ReportCommand.HelpFooter,
            [build] = BuildCommand.HelpFooter,
            [fuzzRegalloc] = FuzzRegallocCommand.HelpFooter,
        });
        // `veld` alone: show what there is to do, and say it was not a complete command line.
        var helpWithExamples = (SynchronousCommandLineAction)help.Action;
        root.SetAction(parse =>
        {
            helpWithExamples.Invoke(parse);
            return ExitCodes.Usage;
        });
        return root;
    }

    private const string RootExamples =
        """
        Examples:
          veld run hello.veld                        run a program on the tree-walk interpreter
          veld run fib.veld --print-result --stats   ... and print its result and timings
          veld repl --tier register                  type code, see it run; definitions persist
          veld diff corpus                           run the corpus on every tier and compare
          veld diff corpus/closures --tiers tree,stack --verbose
          veld fuzz --count 1000 --tiers tree,stack    random programs; save and reduce disagreements
          veld reduce finding.veld --tiers tree,stack  shrink a program the tiers disagree on
          veld disasm fib.veld                         show the stack VM's bytecode for a program
          veld bench --baseline lua                    time corpus/bench on every tier, and on Lua
          veld report --html report.html               the migration's progress, from evidence
          veld build fib.veld && veld run fib.veldc    compile to register bytecode, run the file
          veld fuzz-regalloc --seed 42                 fuzz the register allocator and check its code

        Run 'veld COMMAND --help' for a command's options, exit codes and examples.
        """;

    /// <summary>"veld run" for the run command, for pointing at the right --help.</summary>
    private static string CommandPath(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent ? $"{CommandPath(parent)} {command.Name}" : command.Name;

    /// <summary>The standard help, followed by the command's examples (System.CommandLine has no section for them).</summary>
    private sealed class HelpWithExamples(HelpAction standard, IReadOnlyDictionary<Command, string> footers) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            standard.Invoke(parseResult);
            if (footers.TryGetValue(parseResult.CommandResult.Command, out var footer))
                parseResult.InvocationConfiguration.Output.Write(footer.ReplaceLineEndings("\n").TrimEnd('\n') + "\n\n");
            return ExitCodes.Success;
        }
    }
}
