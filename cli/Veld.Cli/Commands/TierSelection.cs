using System.CommandLine;
using Veld.Differential;

namespace Veld.Cli.Commands;

/// <summary>
/// The <c>--tiers LIST</c> and <c>--tier NAME</c> options, built one way for every command, and the turning of a
/// <c>--tiers</c> value into registered tiers.
/// </summary>
internal static class TierSelection
{
    /// <summary><c>--tiers LIST</c>: comma-separated names (split later by <see cref="TrySelect"/>), all tiers when absent.</summary>
    public static Option<string[]> ListOption(string description) => new("--tiers")
    {
        Description = description,
        HelpName = "LIST",
    };

    /// <summary>"Known: a, b. Default: all." — the end of a <c>--tiers</c> description that names every tier.</summary>
    public static string KnownNames(TierRegistry registry) => $"Known: {string.Join(", ", registry.Names)}. Default: all.";

    /// <summary><c>--tier NAME</c>: one of <paramref name="names"/>, the first when absent (a command that has no tier to offer gets an empty default).</summary>
    public static Option<string> OneOption(string description, IReadOnlyList<string> names, string? defaultName = null)
    {
        var option = new Option<string>("--tier")
        {
            Description = description,
            DefaultValueFactory = _ => defaultName ?? names.FirstOrDefault() ?? "",
            HelpName = "NAME",
        };
        option.AcceptOnlyFromAmong([.. names]);
        return option;
    }

    /// <summary>
    /// The tiers named (all registered ones when none are), or false after printing the usage error
    /// (an unknown or repeated name); the caller then exits with <see cref="ExitCodes.Usage"/>.
    /// </summary>
    public static bool TrySelect(TierRegistry registry, string[]? named, CliConsole console, out IReadOnlyList<TierRegistration> selected)
    {
        try
        {
            selected = registry.Select(named is { Length: > 0 } ? named : null);
            return true;
        }
        catch (ArgumentException e)
        {
            console.Error.WriteLine($"veld: {e.Message}");
            selected = [];
            return false;
        }
    }
}
