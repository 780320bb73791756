using System.Text.RegularExpressions;

namespace Veld.Language.Tests;

/// <summary>
/// The front end against the corpus (corpus/**/*.veld): a program with <c># expect compile error: M</c>
/// on line L must fail with M at line L as its first diagnostic; every other program must compile to a
/// well-formed tree. The tiers' behaviour is the differential harness's business, not this test's.
/// </summary>
public partial class CorpusFrontEndTests
{
    [GeneratedRegex(@"#\s*expect compile error:\s*(.*?)\s*$")]
    private static partial Regex ExpectCompileError();

    /// <summary>Corpus programs as paths relative to corpus/, in a stable order.</summary>
    public static List<string> ProgramPaths() =>
        Directory.GetFiles(CorpusRoot(), "*.veld", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(CorpusRoot(), file))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string> Programs() => new(ProgramPaths());

    [Fact]
    public void The_corpus_is_there()
    {
        Assert.True(Programs().Count > 100);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_compiles_or_fails_as_expected(string relativePath)
    {
        var source = Source.FromFile(Path.Combine(CorpusRoot(), relativePath));
        var result = VeldCompiler.Compile(source);
        var lines = source.Text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var match = ExpectCompileError().Match(lines[i]);
            if (!match.Success) continue;
            Assert.False(result.Success, "expected a compile error");
            Assert.Equal($"{i + 1}: {match.Groups[1].Value}", $"{result.Diagnostics[0].Pos.Line}: {result.Diagnostics[0].Message}");
            return;
        }
        Assert.True(result.Success, string.Join("\n", V.Format(result.Diagnostics)));
        TreeInvariants.Verify(result.Program!);
    }

    public static string PathOf(string relativePath) => Path.Combine(CorpusRoot(), relativePath);

    private static string CorpusRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VeldMigration.sln")))
                return Path.Combine(dir.FullName, "corpus");
        throw new DirectoryNotFoundException("repository root (VeldMigration.sln) not found above " + AppContext.BaseDirectory);
    }
}
