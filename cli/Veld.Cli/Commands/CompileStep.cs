using Veld.Differential;
using Veld.Language;
using Veld.Language.Syntax;

namespace Veld.Cli.Commands;

/// <summary>The front end as every command that takes a source file runs it (run, build, disasm).</summary>
internal static class CompileStep
{
    /// <summary>
    /// The checked program, or false after reporting every diagnostic (<paramref name="exitCode"/> =
    /// compile error) or a front-end crash (failure).
    /// </summary>
    public static bool TryCompile(CliConsole console, CliServices services, Source source, out CheckedProgram program, out int exitCode)
    {
        program = null!;
        CompileResult compiled;
        try
        {
            compiled = FrontEnd.Compile(source, services.Compile);
        }
        catch (FrontEndCrashException e)
        {
            console.Error.WriteLine($"veld: internal error: {e.Message}");
            exitCode = ExitCodes.Failure;
            return false;
        }
        if (!compiled.Success)
        {
            console.Error.Write(ErrorDisplay.Compile(source, compiled.Diagnostics));
            exitCode = ExitCodes.CompileError;
            return false;
        }
        program = compiled.Program!;
        exitCode = ExitCodes.Success;
        return true;
    }
}
