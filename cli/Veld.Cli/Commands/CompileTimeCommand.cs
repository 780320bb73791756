using Veld.Bench;
using Veld.Differential;
using Veld.Language;
using Veld.Reports;

namespace Veld.Cli.Commands;

/// <summary><c>veld bench --compile-time</c>: how long each tier's compiler takes on the given programs (the
/// benchmarks by default, any folder such as the corpus), measured by <see cref="CompileTimeBenchmark"/>.</summary>
public static class CompileTimeCommand
{
    public static int Execute(CliConsole console, CliServices services, IReadOnlyList<TierRegistration> tiers,
        BenchmarkOptions options, string[] names, string? csvPath, string? markdownPath)
    {
        List<Source> sources;
        try
        {
            sources = FindSources(names.Length > 0 ? names : [BenchSuiteLocation.Find()]);
        }
        catch (FileNotFoundException e)
        {
            console.Error.WriteLine($"veld: {e.Message}");
            return ExitCodes.Usage;
        }
        if (sources.Count == 0)
        {
            console.Error.WriteLine("veld: no .veld programs found");
            return ExitCodes.Failure;
        }

        var benchmark = new CompileTimeBenchmark([.. tiers.Select(t => t.Create())], options.Warmup, options.Iterations, services.Compile);
        console.Error.WriteLine($"veld bench: compile time of {Plural.Of(sources.Count, "program")} on {string.Join(", ", tiers.Select(t => t.Name))}");
        var report = benchmark.Run(sources, (done, total) =>
        {
            if (done < total) console.Error.WriteLine($"veld bench: round {done + 1}/{total}{(done < options.Warmup ? " (warm-up)" : "")}");
        }, options.Cancellation);

        CompileTimeReportWriter.Write(console.Out, report);
        console.Out.Flush();
        if (markdownPath is not null && !BenchCommand.TryWrite(console, markdownPath, w => CompileTimeReportWriter.Write(w, report))) return ExitCodes.Failure;
        if (csvPath is not null && !BenchCommand.TryWrite(console, csvPath, w => CompileTimeCsv.Write(w, report))) return ExitCodes.Failure;
        return report.Programs.Any(p => p.Failures.Any(f => f is not null)) ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>Files as given; folders searched recursively for <c>*.veld</c>; in path order, each once.</summary>
    private static List<Source> FindSources(IEnumerable<string> paths)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path)) files.Add(path);
            else if (Directory.Exists(path))
                foreach (var file in Directory.EnumerateFiles(path, "*" + BenchmarkProgram.Extension, SearchOption.AllDirectories))
                    files.Add(file.Replace('\\', '/'));
            else throw new FileNotFoundException($"no file or folder '{path}'", path);
        }
        return [.. files.Select(f => new Source(f, File.ReadAllText(f)))];
    }
}
