using System.Text;
using Spectre.Console;

namespace Veld.Cli;

/// <summary>
/// Where the CLI writes: standard output (the program's output, reports), standard error (diagnostics,
/// stats), and whether standard output is an interactive terminal (progress bars and colour) or redirected
/// (plain, stable text for CI logs and tests).
/// </summary>
public sealed class CliConsole(TextWriter output, TextWriter error, bool interactive)
{
    /// <summary>Width of plain (redirected) output, fixed so that it reads the same on every machine.</summary>
    public const int PlainWidth = 100;

    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public bool Interactive { get; } = interactive;
    /// <summary>Standard input as bytes (<c>veld run -</c>, a piped <c>veld repl</c>); empty unless given.</summary>
    public Stream Input { get; init; } = Stream.Null;
    /// <summary>Whether standard input is a terminal a person types at (the REPL then edits lines and keeps history).</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>The real console. Output is line-buffered on a terminal and block-buffered when redirected,
    /// like C's stdio, so a program that prints a lot is not slowed by one write call per print.</summary>
    public static CliConsole FromSystemConsole()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        bool interactive = !Console.IsOutputRedirected;
        var output = new StreamWriter(Console.OpenStandardOutput(), utf8, 1 << 16) { AutoFlush = interactive, NewLine = "\n" };
        var error = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true, NewLine = "\n" };
        return new CliConsole(output, error, interactive)
        {
            Input = Console.OpenStandardInput(),
            InputIsTerminal = !Console.IsInputRedirected,
        };
    }

    /// <summary>A Spectre console for reports: on a terminal the real one (Spectre recognises only the system
    /// console as a terminal, so callers flush <see cref="Out"/> before handing over), otherwise one over
    /// <see cref="Out"/> with no colour, no cursor movement and a fixed width.</summary>
    public IAnsiConsole CreateAnsiConsole()
    {
        if (Interactive) return AnsiConsole.Console;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = PlainWidth;
        return console;
    }
}
