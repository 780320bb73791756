using Veld.Bench;

namespace Veld.Cli.Commands;

/// <summary>Where <c>veld bench</c> takes its programs from: the repository the user is in (its
/// <c>corpus/bench</c>, in the current folder or a parent), else the copy shipped beside the tool,
/// so an installed <c>veld bench fib</c> works from any folder.</summary>
internal static class BenchSuiteLocation
{
    public static string Find()
    {
        if (Directory.Exists(BenchmarkProgram.DefaultDirectory)) return BenchmarkProgram.DefaultDirectory;
        return BenchmarkProgram.FindSuiteDirectory(Directory.GetCurrentDirectory())
            ?? Shipped()
            ?? BenchmarkProgram.DefaultDirectory;
    }

    /// <summary>The programs copied into the tool's folder at build time (see Veld.Cli.csproj).</summary>
    private static string? Shipped()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, BenchmarkProgram.DefaultDirectory);
        return Directory.Exists(beside) ? beside : null;
    }
}
