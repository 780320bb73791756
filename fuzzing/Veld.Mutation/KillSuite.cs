using System.Text.RegularExpressions;

namespace Veld.Mutation;

/// <summary>What a mutant's run ended as, and which step of the kill suite decided it.</summary>
public sealed record Verdict(bool Killed, string How, string Step, double Seconds);

/// <summary>The tests that must kill a mutant, run in the mutated copy with <c>VELD_MUTANT=ID</c>: by the copy's
/// CLI, the corpus on the oracle and the area's tier, in shards so a mutant that fails early stops early (the
/// CLI's diff has no stop-at-first-failure), then a fixed fuzz run; last, optionally, the tier's unit tests
/// (<c>dotnet test --no-build</c> of the test project built once in the copy), so only a mutant that survived
/// the programs pays for them. Killed = any disagreement, failed expectation, failed unit test, internal
/// error or crash (a non-zero exit), a corpus program that became inconclusive, or a step that ran past its
/// time limit (3x the unmutated run, at least 20 s more, as Stryker counts timeouts).</summary>
public sealed partial class KillSuite
{
    private readonly string _directory;
    private readonly List<KillStep> _steps = [];
    private readonly Dictionary<string, TimeSpan> _limits = [];

    public KillSuite(string directory, string veld, Area area, IReadOnlyList<string> corpusFolders, int corpusShards, int fuzzCount, bool unitTests)
    {
        _directory = directory;
        var tiers = $"tree,{area.Tier}";
        var roots = corpusFolders.Count == 0 ? ["corpus"] : corpusFolders.Select(f => Path.Combine("corpus", f));
        var programs = roots.SelectMany(r => System.IO.Directory.GetFiles(Path.Combine(directory, r), "*.veld", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(directory, f)).Order(StringComparer.Ordinal).ToList();
        // Round-robin shards: each holds every folder's kind of program, so the first one already kills most.
        for (int shard = 0; shard < corpusShards; shard++)
        {
            var files = programs.Where((_, i) => i % corpusShards == shard);
            _steps.Add(new($"corpus {shard + 1}/{corpusShards}", veld, ["diff", .. files, "--tiers", tiers, "--timeout", ProgramTimeLimit]));
        }
        if (fuzzCount > 0)
        {
            var findings = Path.Combine(Path.GetTempPath(), $"veld-mutation-findings-{Environment.ProcessId}");
            _steps.Add(new($"fuzz {fuzzCount}", veld, ["fuzz", "--seed", "1", "--count", fuzzCount.ToString(), "--tiers", tiers, "--no-reduce", "--out", findings, "--timeout", ProgramTimeLimit]));
        }
        if (unitTests)
            _steps.Add(new(UnitTestStep(area), "dotnet", ["test", area.TestProject, "-c", "Release", "--no-build", "--nologo", "--filter", NotTheCorpusAgain]));
    }

    /// <summary>The unit tests' filter: leaves out the test classes that run the corpus on the tier and compare it
    /// with the oracle or the expectations, which the corpus steps did already (they are most of the time).</summary>
    public const string NotTheCorpusAgain = "FullyQualifiedName!~.CorpusDifferentialTests&FullyQualifiedName!~.CorpusExpectationTests";

    /// <summary>The name of the unit-test step, as results and summaries show it.</summary>
    public static string UnitTestStep(Area area) => $"unit tests {Path.GetFileName(area.TestProject)}";

    /// <summary>Seconds one program may run on one tier: far above any corpus program's time, so a loaded
    /// machine never makes the unmutated oracle time out. A mutant's endless loop still ends at its step's
    /// limit or its fuel.</summary>
    private const string ProgramTimeLimit = "120";

    public IReadOnlyList<KillStep> Steps => _steps;

    /// <summary>Runs every step unmutated; each must pass, and its time sets the step's limit.</summary>
    public void Calibrate(TextWriter log)
    {
        foreach (var (name, program, arguments) in _steps)
        {
            var result = Run(0, program, arguments, timeout: null);
            if (result.ExitCode != 0 || HasInconclusive(result.Output))
                throw new InvalidOperationException($"the unmutated build fails the kill suite at '{name}':\n{result.Output}");
            var limit = TimeSpan.FromSeconds(Math.Max(3 * result.Seconds, result.Seconds + 20));
            _limits[name] = limit;
            log.WriteLine($"unmutated {name}: {result.Seconds:0.0} s (limit {limit.TotalSeconds:0} s)");
        }
    }

    public Verdict Judge(Mutant mutant)
    {
        double total = 0;
        foreach (var (name, program, arguments) in _steps)
        {
            var result = Run(mutant.Id, program, arguments, _limits[name]);
            total += result.Seconds;
            if (result.TimedOut) return new Verdict(true, "timeout", name, total);
            if (result.ExitCode != 0) return new Verdict(true, (result.ExitCode == 1 ? "failed" : $"exit {result.ExitCode}") + FirstFailure(result.Output), name, total);
            if (HasInconclusive(result.Output)) return new Verdict(true, "inconclusive", name, total);
        }
        return new Verdict(false, "survived", "", total);
    }

    private ProcessResult Run(int mutant, string program, IReadOnlyList<string> arguments, TimeSpan? timeout) =>
        ProcessRunner.Run(program, arguments, _directory,
            new Dictionary<string, string> { ["VELD_MUTANT"] = mutant.ToString(), ["TERM"] = "dumb" }, timeout);

    /// <summary>The diff summary's inconclusive row (fuel or time ran out) with a non-zero count in the mutated
    /// tier's column (the last; the oracle is not mutated).</summary>
    private static bool HasInconclusive(string output) =>
        InconclusiveRow().Matches(output).Any(m => int.TryParse(m.Groups[1].Value.Split('|', StringSplitOptions.RemoveEmptyEntries)[^1].Trim(), out var n) && n > 0);

    /// <summary>The first failure the run printed (program, tier and what went wrong; or the first failed unit
    /// test, which <c>dotnet test</c> prints indented as <c>Failed NAME [TIME]</c>), to check a kill by.</summary>
    public static string FirstFailure(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("FAIL ", StringComparison.Ordinal) || l.Contains("finding", StringComparison.Ordinal)
            || l.StartsWith("Unhandled", StringComparison.Ordinal) || l.TrimStart().StartsWith("Failed ", StringComparison.Ordinal));
        if (line is null) return "";
        line = line.Replace('\t', ' ').Trim();
        return ": " + (line.Length <= 150 ? line : line[..147] + "...");
    }

    [GeneratedRegex(@"\|\s*inconclusive\s*\|([^\n]*)")]
    private static partial Regex InconclusiveRow();
}
