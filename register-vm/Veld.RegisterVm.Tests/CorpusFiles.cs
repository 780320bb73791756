namespace Veld.RegisterVm.Tests;

/// <summary>The corpus programs of the repository (corpus/**/*.veld), found from the test's directory.</summary>
public static class CorpusFiles
{
    public static string? Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "corpus");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Directory.Build.props"))) return candidate;
        }
        return null;
    }

    /// <summary>Every corpus program, as paths relative to the corpus root (stable order).</summary>
    public static IEnumerable<object[]> All()
    {
        var root = Root();
        if (root is null) yield break;
        foreach (var file in Directory.EnumerateFiles(root, "*.veld", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            yield return [Path.GetRelativePath(root, file).Replace('\\', '/')];
    }

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root()!, relative));
}
