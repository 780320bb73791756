namespace Veld.Differential;

/// <summary>Finds corpus programs and loads them.</summary>
public static class CorpusFiles
{
    public const string Extension = ".veld";

    /// <summary>
    /// Every <c>*.veld</c> file named by <paramref name="paths"/>: a file as given, a directory searched
    /// recursively. Sorted by path (ordinal, '/' separators) and without duplicates, so a run's order
    /// never depends on the file system. Throws <see cref="FileNotFoundException"/> for a missing path.
    /// </summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path)) found.Add(Normalize(path));
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*" + Extension, SearchOption.AllDirectories))
                    found.Add(Normalize(file));
            }
            else throw new FileNotFoundException($"no such file or directory: {path}", path);
        }
        return [.. found];
    }

    /// <summary>Read one program and parse its expectations. The bytes are decoded by the front end's
    /// <see cref="Veld.Language.Source.FromBytes"/>, so invalid UTF-8 is a compile error like any other.</summary>
    public static CorpusProgram Load(string path) =>
        ExpectationParser.Parse(path, Veld.Language.Source.FromBytes(path, File.ReadAllBytes(path)));

    private static string Normalize(string path) => path.Replace('\\', '/');
}
