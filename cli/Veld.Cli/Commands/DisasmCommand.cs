using System.CommandLine;
using Veld.Differential;
using Veld.Language;
using Veld.Runtime;

namespace Veld.Cli.Commands;

/// <summary><c>veld disasm FILE [--tier NAME]</c>: compile one program for a bytecode tier and print its disassembly.</summary>
public static class DisasmCommand
{
    public static Command Create(CliServices services, CliConsole console)
    {
        var registry = services.Tiers;
        var withCode = registry.WithDisassembler.Select(t => t.Name).ToList();
        var file = FileArguments.One("The .veld program to compile, or a compiled file from veld build, as loaded and verified.");
        var tier = TierSelection.OneOption("The bytecode tier whose code to show: " + string.Join(", ", withCode) + ".", withCode);
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
          veld disasm fib.veld --tier register
          veld disasm fib.veld --tier jit            IL per function, with its type assumptions
          veld disasm fib.veldc                      a file from veld build, as loaded and verified
        """;

    private static int Execute(CliConsole console, CliServices services, string path, string tier)
    {
        if (!RunCommand.TryRead(console, path, out var bytes)) return ExitCodes.Usage;
        if (services.Tiers.OwnerOfFile(bytes) is { File: { } format }) return DisassembleBytecodeFile(console, path, bytes, format);
        var source = Source.FromBytes(path, bytes);
        if (!CompileStep.TryCompile(console, services, source, out var program, out int failure)) return failure;
        try
        {
            // The compilers recurse over the tree, whose nesting the front end bounds: the main stack is enough.
            console.Out.Write(services.Tiers.Find(tier)!.Disassemble!(program));
            return ExitCodes.Success;
        }
        catch (TierUnsupportedException e)
        {
            console.Error.WriteLine($"veld: the {tier} tier does not support this program: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>A compiled file from <c>veld build</c>: shown after its tier's loader has verified it.</summary>
    private static int DisassembleBytecodeFile(CliConsole console, string path, byte[] bytes, BytecodeFile format)
    {
        try
        {
            console.Out.Write(format.Disassemble(bytes));
            return ExitCodes.Success;
        }
        catch (BytecodeFileException e)
        {
            console.Error.WriteLine($"veld: cannot load '{path}': {e.Message}");
            return ExitCodes.CompileError;
        }
    }
}
