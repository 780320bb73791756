using System.CommandLine;
using System.CommandLine.Parsing;

namespace Veld.Cli;

/// <summary>"Did you mean" lines for a command line that did not parse: each word the parser could not
/// place, or named in an error, against the command's subcommands, its options and the tier names.</summary>
internal static class TypoHints
{
    public static IEnumerable<string> For(ParseResult parse, CliServices services)
    {
        var command = parse.CommandResult.Command;
        var known = command.Subcommands.Select(c => c.Name)
            .Concat(command.Options.SelectMany(o => o.Aliases.Append(o.Name)))
            .Concat(services.Tiers.Names)
            .Distinct()
            .ToList();
        var suspects = parse.UnmatchedTokens
            .Concat(parse.Errors.SelectMany(e => QuotedWords(e.Message)))
            .Distinct();
        foreach (var word in suspects)
        {
            if (known.Contains(word)) continue;
            if (Suggestions.Closest(word, known) is { } guess) yield return $"did you mean '{guess}' for '{word}'?";
        }
    }

    /// <summary>The words an error message quotes ('x'), which is how System.CommandLine names the offending token.</summary>
    private static IEnumerable<string> QuotedWords(string message)
    {
        var parts = message.Split('\'');
        for (int i = 1; i < parts.Length; i += 2) yield return parts[i];
    }
}
