using System.CommandLine;
using Veld.Differential;
using Veld.Language;
using Veld.Runtime;

namespace Veld.Cli.Commands;

/// <summary><c>veld build FILE [-o OUT]</c>: compile a program for a tier that has a file format (the register
/// VM's <c>.veldc</c>) and write it, for <c>veld run</c> and <c>veld disasm</c> to accept in place of the source.</summary>
public static class BuildCommand
{
    public static Command Create(CliServices services, CliConsole console)
    {
        var file = FileArguments.One("The .veld program to compile.");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write the bytecode. Default: FILE with the extension .veldc.",
            HelpName = "OUT",
        };
        var withFile = services.Tiers.WithFile.ToList();
        var tier = TierSelection.OneOption(
            "The tier to compile for: " + string.Join(", ", withFile.Select(t => $"{t.Name} ({t.File!.Extension})")) + ".",
            [.. withFile.Select(t => t.Name)]);
        var command = new Command("build", "Compile one Veld program to register-VM bytecode (a .veldc file).") { file, output, tier };
        command.SetAction(parse => Execute(console, services, parse.GetValue(file)!, parse.GetValue(output), services.Tiers.Find(parse.GetValue(tier)!)!));
        return command;
    }

    public const string HelpFooter =
        """
        The file holds the compiled program (every function, constant and table) behind a magic number,
        a format version and a checksum; loading it verifies every operand before anything runs.

        Exit codes: 0 written, 65 compile error, 64 usage error, 1 the register VM cannot compile it
        (more than 255 registers in one function) or the file cannot be written.

        Examples:
          veld build fib.veld                        writes fib.veldc
          veld build fib.veld -o out/fib.veldc
          veld run fib.veldc                         runs it on the register VM
        """;

    private static int Execute(CliConsole console, CliServices services, string path, string? output, TierRegistration tier)
    {
        if (!RunCommand.TryRead(console, path, out var bytes)) return ExitCodes.Usage;
        var source = Source.FromBytes(path, bytes);
        if (!CompileStep.TryCompile(console, services, source, out var program, out int failure)) return failure;
        byte[] file;
        try
        {
            file = tier.File!.Save(program);
        }
        catch (TierUnsupportedException e)
        {
            console.Error.WriteLine($"veld: the {tier.Name} tier does not support this program: {e.Message}");
            return ExitCodes.Failure;
        }
        var target = output ?? Path.ChangeExtension(path, tier.File!.Extension);
        try
        {
            AtomicFile.WriteBytes(target, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"veld: cannot write '{target}': {e.Message}");
            return ExitCodes.Failure;
        }
        console.Out.WriteLine($"wrote {target} ({file.Length} bytes)");
        return ExitCodes.Success;
    }
}
