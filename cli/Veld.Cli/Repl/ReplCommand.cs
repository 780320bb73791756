using System.CommandLine;
using System.Text.RegularExpressions;
using Veld.Cli.Commands;
using Veld.Differential;
using Veld.Language;
using Veld.Runtime;

namespace Veld.Cli.Repl;

/// <summary><c>veld repl</c>: read a line, run it on a tier, print what it printed and its value, again.
/// Lines starting with ':' are commands to the REPL itself (<see cref="Help"/>).</summary>
public static class ReplCommand
{
    public const string Prompt = "veld> ";
    public const string ContinuationPrompt = "  ... ";

    public const string Help =
        """
        Type Veld code; an expression's value is printed. Definitions stay for the rest of the session;
        a block or bracket left open continues on the next line.
          :tier NAME     run on another tier (the session's definitions come along)
          :disasm NAME   the bytecode of function NAME on the current tier (:disasm script for the top level)
          :stats         figures of the last run: tier, outcome, times, code bytes, instructions
          :help          this text
          :quit          leave (also Ctrl-D)
        """;

    public static Command Create(CliServices services, CliConsole console)
    {
        var registry = services.Tiers;
        var tier = new Option<string>("--tier")
        {
            Description = "The tier to start on (':tier NAME' switches): " + string.Join(", ", registry.Names) + ".",
            DefaultValueFactory = _ => registry.Oracle.Name,
            HelpName = "NAME",
        };
        tier.AcceptOnlyFromAmong([.. registry.Names]);
        var fuel = LimitOptions.Fuel("Stop an input with LimitExceeded after this many steps (the session goes on). Default: no limit.", null);
        var timeout = LimitOptions.Timeout("Stop an input with LimitExceeded after this many seconds (the session goes on). Default: no limit.", null);
        var command = new Command("repl", "Type Veld code and see it run, on any tier.") { tier, fuel, timeout };
        command.SetAction(parse =>
        {
            var limits = new RunOptions
            {
                Fuel = parse.GetValue(fuel),
                Timeout = parse.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            };
            var session = new ReplSession(console, services, registry.Find(parse.GetValue(tier)!)!, limits);
            bool terminal = console.InputIsTerminal && console.Interactive;
            ILineReader reader = terminal ? new TerminalLineEditor(console.Out) : new PipedLineReader(new StreamReader(console.Input));
            if (terminal) console.Out.WriteLine($"veld repl on the {session.Tier.Name} tier; :help for commands, :quit to leave.");
            return Loop(console, services, session, reader);
        });
        return command;
    }

    public const string HelpFooter =
        """
        On a terminal the line can be edited (arrows, Home/End, Ctrl-A/E/U) and Up/Down walk the
        history. Piped input runs line by line without prompts:
          printf 'let x = 40\nfn f(a) => a + x\nf(2)\n' | veld repl        prints 42

        Errors are shown as veld run shows them (lines count from the session's start); the session
        goes on. Exit code: 0.

        Examples:
          veld repl
          veld repl --tier register
          veld repl --fuel 1000000       a runaway loop stops instead of hanging the session
        """;

    private static int Loop(CliConsole console, CliServices services, ReplSession session, ILineReader reader)
    {
        while (reader.ReadLine(session.Continuing ? ContinuationPrompt : Prompt) is { } line)
        {
            if (!session.Continuing && line.TrimStart().StartsWith(':'))
            {
                if (!Obey(console, services, session, line.Trim())) break;
                continue;
            }
            session.Submit(line);
        }
        console.Out.Flush();
        return ExitCodes.Success;
    }

    /// <summary>One ':' command; false for :quit.</summary>
    private static bool Obey(CliConsole console, CliServices services, ReplSession session, string line)
    {
        var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string argument = parts.Length > 1 ? parts[1] : "";
        switch (parts[0])
        {
            case ":quit" or ":q" or ":exit":
                return false;
            case ":help" or ":h" or ":?":
                console.Out.Write(Help.ReplaceLineEndings("\n").TrimEnd('\n') + "\n");
                break;
            case ":tier":
                SwitchTier(console, services.Tiers, session, argument);
                break;
            case ":stats":
                console.Out.WriteLine(session.LastRun is { } run
                    ? RunStats.FromOutcome(run, session.LastFrontEndMs).ToJson()
                    : "nothing has run yet");
                break;
            case ":disasm":
                Disassemble(console, services, session, argument);
                break;
            default:
                var known = new[] { ":tier", ":disasm", ":stats", ":help", ":quit" };
                var guess = Suggestions.Closest(parts[0], known);
                console.Error.WriteLine($"veld: unknown REPL command '{parts[0]}'{(guess is null ? "" : $"; did you mean '{guess}'?")} (:help lists them)");
                break;
        }
        console.Out.Flush();
        return true;
    }

    private static void SwitchTier(CliConsole console, TierRegistry tiers, ReplSession session, string name)
    {
        if (tiers.Find(name) is { } found)
        {
            session.Tier = found;
            console.Out.WriteLine($"now on the {found.Name} tier");
            return;
        }
        var guess = Suggestions.Closest(name, tiers.Names);
        console.Error.WriteLine(name.Length == 0
            ? $"veld: :tier needs a name: {string.Join(", ", tiers.Names)}"
            : $"veld: unknown tier '{name}'{(guess is null ? "" : $"; did you mean '{guess}'?")} (known: {string.Join(", ", tiers.Names)})");
    }

    /// <summary>The accepted program compiled for the current tier, cut to the named function's section.</summary>
    private static void Disassemble(CliConsole console, CliServices services, ReplSession session, string name)
    {
        if (session.Tier.Disassemble is not { } disassemble)
        {
            var withCode = string.Join(", ", services.Tiers.WithDisassembler.Select(t => t.Name));
            console.Error.WriteLine($"veld: the {session.Tier.Name} tier has no bytecode to show; switch with :tier ({withCode})");
            return;
        }
        if (name.Length == 0)
        {
            console.Error.WriteLine("veld: :disasm needs a function name (script for the top level)");
            return;
        }
        var compiled = FrontEnd.Compile(new Source(ReplSession.SourceName, session.AcceptedText), services.Compile);
        string listing;
        try
        {
            listing = disassemble(compiled.Program!);
        }
        catch (TierUnsupportedException e)
        {
            console.Error.WriteLine($"veld: the {session.Tier.Name} tier does not support this program: {e.Message}");
            return;
        }
        var sections = listing.ReplaceLineEndings("\n").Split("\n\n")
            .Where(section => FunctionHeader(Regex.Escape(name)).IsMatch(section))
            .ToList();
        if (sections.Count == 0)
        {
            console.Error.WriteLine($"veld: no function '{name}' in the session");
            return;
        }
        foreach (var section in sections) console.Out.Write(section.TrimEnd('\n') + "\n");
    }

    /// <summary>A disassembly section's first line: "function NAME (" (stack) or "function &lt;NAME:LINE&gt;" (register).</summary>
    private static Regex FunctionHeader(string escapedName) => new($@"^function <?{escapedName}[ :>(]", RegexOptions.CultureInvariant);
}
