using Veld.Language;
using Veld.Language.Syntax;
using Veld.Runtime;
using Veld.TreeWalk;

namespace Veld.Fuzzing.Tests;

internal static class TestSupport
{
    public static readonly ITier Tree = new TreeWalkTier();

    public static readonly RunOptions Limits = new() { Fuel = 5_000_000, Timeout = TimeSpan.FromSeconds(20) };

    public static CheckedProgram CompileOrFail(string source)
    {
        var result = VeldCompiler.Compile(new Source("test.veld", source));
        Assert.True(result.Success, $"compile error: {(result.Diagnostics.Count > 0 ? result.Diagnostics[0].Render(new Source("test.veld", source)) : "?")}\n{source}");
        return result.Program!;
    }

    public static RunOutcome RunOnTree(string source) => TierHost.Run(Tree, CompileOrFail(source), Limits);

    /// <summary>The repository's corpus folder, found by walking up from the test binaries.</summary>
    public static string CorpusDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VeldMigration.sln")))
                return Path.Combine(dir.FullName, "corpus");
        }
        throw new InvalidOperationException("repository root (VeldMigration.sln) not found above " + AppContext.BaseDirectory);
    }

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "veld-harness-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
