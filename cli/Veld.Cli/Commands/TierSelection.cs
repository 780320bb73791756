using Veld.Differential;

namespace Veld.Cli.Commands;

/// <summary>Turns a command's <c>--tiers</c> value into registered tiers, shared by every command that runs several.</summary>
internal static class TierSelection
{
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
