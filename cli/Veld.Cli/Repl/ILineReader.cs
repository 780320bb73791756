namespace Veld.Cli.Repl;

/// <summary>Where the REPL's lines come from: a terminal with line editing, or a pipe.</summary>
public interface ILineReader
{
    /// <summary>The next line without its newline, or null at the end of input.</summary>
    string? ReadLine(string prompt);
}

/// <summary>Lines from redirected standard input: no prompt, no echo, so the output is only the program's.</summary>
public sealed class PipedLineReader(TextReader input) : ILineReader
{
    public string? ReadLine(string prompt) => input.ReadLine();
}
