using System.Globalization;
using System.Text.RegularExpressions;

namespace Veld.Bench;

/// <summary>
/// One benchmark program of <c>corpus/bench</c>: its source, the size <c>veld bench</c> runs it at (the
/// <c># bench-size: N</c> line in its header) and its Lua twin (<c>lua/NAME.lua</c> beside it), if any.
/// The program reads its size from <c>args()</c>, verifies its own result and prints one line.
/// </summary>
public sealed partial record BenchmarkProgram(string Name, string Path, string Text, long? BenchSize, string? LuaPath)
{
    public const string Extension = ".veld";
    /// <summary>Where the benchmark programs live, relative to the repository root.</summary>
    public const string DefaultDirectory = "corpus/bench";

    /// <summary>Header lines are the leading comment block; the size line must be among them.</summary>
    [GeneratedRegex(@"^#\s*bench-size:\s*(\d+)\s*$")]
    private static partial Regex BenchSizeLine();

    /// <summary>The <c>corpus/bench</c> directory in <paramref name="startDirectory"/> or the nearest parent
    /// that has one (tools started from a build output folder find the repository's); null if none does.</summary>
    public static string? FindSuiteDirectory(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, DefaultDirectory);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static BenchmarkProgram Load(string path)
    {
        var text = File.ReadAllText(path);
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var lua = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? ".", "lua", name + ".lua");
        return new BenchmarkProgram(name, path.Replace('\\', '/'), text, ReadBenchSize(text), File.Exists(lua) ? lua.Replace('\\', '/') : null);
    }

    /// <summary>The <c># bench-size: N</c> value from the program's leading comment lines, or null.</summary>
    public static long? ReadBenchSize(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith('#')) break;
            var match = BenchSizeLine().Match(line);
            if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                return size;
        }
        return null;
    }

    /// <summary>
    /// The programs named on a command line: an existing file as given; a directory's <c>*.veld</c> files
    /// (not recursive: <c>lua/</c> holds the twins); otherwise a bare name looked up in
    /// <paramref name="benchDirectory"/> (<c>fib</c> is <c>corpus/bench/fib.veld</c>). No names selects every
    /// program of <paramref name="benchDirectory"/>. Sorted by name, without duplicates.
    /// Throws <see cref="FileNotFoundException"/> naming what was not found.
    /// </summary>
    public static IReadOnlyList<BenchmarkProgram> Find(IReadOnlyList<string> names, string benchDirectory = DefaultDirectory)
    {
        var paths = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void AddDirectory(string directory)
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*" + Extension, SearchOption.TopDirectoryOnly))
                paths.TryAdd(System.IO.Path.GetFileNameWithoutExtension(file), file);
        }

        if (names.Count == 0)
        {
            if (!Directory.Exists(benchDirectory))
                throw new FileNotFoundException($"no benchmark directory {benchDirectory} (run from the repository root, or name the programs)", benchDirectory);
            AddDirectory(benchDirectory);
        }
        foreach (var name in names)
        {
            if (File.Exists(name)) paths.TryAdd(System.IO.Path.GetFileNameWithoutExtension(name), name);
            else if (Directory.Exists(name)) AddDirectory(name);
            else if (System.IO.Path.Combine(benchDirectory, name + Extension) is var inSuite && File.Exists(inSuite))
                paths.TryAdd(name, inSuite);
            else throw new FileNotFoundException($"no benchmark program '{name}' (not a file, a directory, or a program in {benchDirectory})", name);
        }
        return [.. paths.Values.Select(Load)];
    }
}
