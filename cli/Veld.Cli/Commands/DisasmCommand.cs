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
            ["register"] = program => Veld.RegisterVm.Disassembler.Disassemble(Veld.RegisterVm.ProgramCompiler.Compile(program)),
            ["jit"] = program => Veld.Jit.JitDisassembler.Disassemble(Veld.RegisterVm.ProgramCompiler.Compile(program)),
        };

    public static Command Create(CliServices services, CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The .veld program to compile, or a .veldc file from veld build (register tier)." };
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
          veld disasm fib.veld --tier register
          veld disasm fib.veld --tier jit            IL per function, with its type assumptions
          veld disasm fib.veldc                      a file from veld build, as loaded and verified
        """;

    private static int Execute(CliConsole console, CliServices services, string path, string tier)
    {
        if (!RunCommand.TryRead(console, path, out var bytes)) return ExitCodes.Usage;
        if (Veld.RegisterVm.VeldcFormat.HasMagic(bytes)) return DisassembleBytecodeFile(console, path, bytes);
        var source = Source.FromBytes(path, bytes);
        if (!CompileStep.TryCompile(console, services, source, out var program, out int failure)) return failure;
        try
        {
            // The compilers recurse over the tree, whose nesting the front end bounds: the main stack is enough.
            console.Out.Write(Disassemblers[tier](program));
            return ExitCodes.Success;
        }
        catch (TierUnsupportedException e)
        {
            console.Error.WriteLine($"veld: the {tier} tier does not support this program: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>A <c>.veldc</c> file holds register bytecode: shown after the loader has verified it.</summary>
    private static int DisassembleBytecodeFile(CliConsole console, string path, byte[] bytes)
    {
        try
        {
            console.Out.Write(Veld.RegisterVm.Disassembler.Disassemble(Veld.RegisterVm.VeldcReader.Read(bytes)));
            return ExitCodes.Success;
        }
        catch (Veld.RegisterVm.VeldcFormatException e)
        {
            console.Error.WriteLine($"veld: cannot load '{path}': {e.Message}");
            return ExitCodes.CompileError;
        }
    }
}
