using System.CommandLine;
using Veld.Differential;
using Veld.Language;
using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.Cli.Commands;

/// <summary><c>veld disasm FILE [--tier NAME]</c>: compile one program for a bytecode tier and print its disassembly.</summary>
public static class DisasmCommand
{
    /// <summary>The tiers that have bytecode to show, each with its disassembler. A bytecode tier adds one line.</summary>
    public static IReadOnlyDictionary<string, Func<CheckedProgram, string>> Disassemblers { get; } =
        new Dictionary<string, Func<CheckedProgram, string>>(StringComparer.Ordinal)
        {
            ["stack"] = program => Veld.StackVm.Disassembler.Disassemble(Veld.StackVm.StackVmTier.CompileProgram(program)),
        };

    public static Command Create(CliServices services, CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The .veld program to compile." };
        var tier = new Option<string>("--tier")
        {
            Description = "The bytecode tier whose code to show: " + string.Join(", ", Disassemblers.Keys) + ".",
            DefaultValueFactory = _ => Disassemblers.Keys.First(),
            HelpName = "NAME",
        };
        tier.AcceptOnlyFromAmong([.. Disassemblers.Keys]);
        var command = new Command("disasm", "Compile one Veld program and print the bytecode a tier runs.") { file, tier };
        command.SetAction(parse => Execute(console, services, parse.GetValue(file)!, parse.GetValue(tier)!));
        return command;
    }

    public const string HelpFooter =
        """
        Per function: a header (name, arity, locals, upvalues, stack, code bytes, line), its constants,
        then one instruction per line: offset, source line, mnemonic, operands and what they name.

        Exit codes: 0 success, 65 compile error, 64 usage error, 1 a construct the tier does not support.

        Examples:
          veld disasm fib.veld
          veld disasm fib.veld --tier stack
        """;

    private static int Execute(CliConsole console, CliServices services, string path, string tier)
    {
        if (!RunCommand.TryRead(console, path, out var bytes)) return ExitCodes.Usage;
        var source = Source.FromBytes(path, bytes);
        CompileResult compiled;
        try
        {
            compiled = FrontEnd.Compile(source, services.Compile);
        }
        catch (FrontEndCrashException e)
        {
            console.Error.WriteLine($"veld: internal error: {e.Message}");
            return ExitCodes.Failure;
        }
        if (!compiled.Success)
        {
            console.Error.Write(ErrorDisplay.Compile(source, compiled.Diagnostics));
            return ExitCodes.CompileError;
        }
        try
        {
            // The compilers recurse over the tree, whose nesting the front end bounds: the main stack is enough.
            console.Out.Write(Disassemblers[tier](compiled.Program!));
            return ExitCodes.Success;
        }
        catch (TierUnsupportedException e)
        {
            console.Error.WriteLine($"veld: the {tier} tier does not support this program: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
