using Veld.Differential;

namespace Veld.Verification.Tests;

/// <summary>Where the kill suite finds its programs, and how much of the fixed fuzz run it takes.</summary>
internal static class KillSuite
{
    /// <summary>Generated programs per fuzz-slice test: small slices let Stryker run only the tests that
    /// cover a mutant, and name the slice that killed it.</summary>
    public const int SliceSize = 50;

    /// <summary>Slices of the fixed fuzz run (seed 1): 40 (2,000 programs, as CI fuzzes) unless
    /// VELD_KILL_FUZZ_SLICES says otherwise (ci/mutation.sh takes fewer, each mutant runs them all).</summary>
    public static int FuzzSlices =>
        int.TryParse(Environment.GetEnvironmentVariable("VELD_KILL_FUZZ_SLICES"), out int n) && n >= 0 ? n : 40;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VeldMigration.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("VeldMigration.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Corpus programs, relative to the corpus folder; the benchmarks are left out (they are
    /// long runs of code the rest of the corpus already covers). VELD_KILL_CORPUS, a comma-separated list
    /// of corpus folders, narrows the suite for a quick mutation slice.</summary>
    public static TheoryData<string> CorpusPrograms()
    {
        var corpus = Path.Combine(RepositoryRoot(), "corpus");
        var folders = Environment.GetEnvironmentVariable("VELD_KILL_CORPUS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var data = new TheoryData<string>();
        foreach (var file in CorpusFiles.Find([corpus]))
        {
            var relative = Path.GetRelativePath(corpus, file).Replace('\\', '/');
            var folder = relative.Split('/')[0];
            if (folder != "bench" && (folders is null || folders.Contains(folder))) data.Add(relative);
        }
        return data;
    }

    public static TheoryData<int> Slices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < FuzzSlices; i++) data.Add(i);
        return data;
    }
}
