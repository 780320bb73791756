using Veld.Differential;

namespace Veld.Cli.Commands;

/// <summary>What <c>veld diff</c> runs: the paths given, or <c>./corpus</c> when none are; refuses, with a
/// message that says what to do instead, what it cannot compare.</summary>
public static class DiffInputs
{
    public const string DefaultCorpus = "corpus";

    /// <summary>The paths to search, or null after printing a usage error. <paramref name="workingDirectory"/>
    /// is where <c>./corpus</c> is looked for (the current directory; tests give another).</summary>
    public static string[]? Resolve(CliConsole console, TierRegistry tiers, string[] given, string workingDirectory)
    {
        if (given.Length == 0)
        {
            if (Directory.Exists(Path.Combine(workingDirectory, DefaultCorpus))) return [DefaultCorpus];
            console.Error.WriteLine($"veld: there is no {DefaultCorpus}/ folder here; give the programs or folders to run, " +
                                    "e.g. 'veld diff path/to/corpus' or 'veld diff program.veld'");
            return null;
        }
        foreach (var path in given)
        {
            if (!File.Exists(path) || BytecodeOwner(tiers, path) is not { } owner) continue;
            console.Error.WriteLine($"veld: '{path}' is {owner}-tier bytecode from veld build; veld diff compares source programs " +
                                    $"(.veld), which it compiles for every tier. Run the file with 'veld run {path}'.");
            return null;
        }
        return given;
    }

    /// <summary>The tier whose compiled-file format <paramref name="path"/> is in, or null for source.</summary>
    private static string? BytecodeOwner(TierRegistry tiers, string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            var head = new byte[Math.Min(64, file.Length)];
            file.ReadExactly(head);
            return tiers.OwnerOfFile(head)?.Name;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
