namespace Veld.Reports.Progress;

/// <summary>
/// Everything a report is judged on. A null source was not given (or not gathered): evidence that needs
/// it is <see cref="ItemState.Unknown"/>, never done.
/// </summary>
public sealed record EvidenceBundle
{
    /// <summary>The rows of <c>veld diff --csv</c>: every program on every tier that ran.</summary>
    public IReadOnlyList<DiffCsvRow>? Diff { get; init; }
    /// <summary>Each corpus program's <c># tags:</c>, by normalized path (<see cref="ProgramPaths.Normalize"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? CorpusTags { get; init; }
    /// <summary>Test results read from TRX or JUnit files.</summary>
    public IReadOnlyList<TestResult>? Tests { get; init; }
    /// <summary>The rows of <c>veld bench --csv</c>.</summary>
    public IReadOnlyList<BenchmarkCsvRow>? Bench { get; init; }
    /// <summary>The rows of <c>veld bench --compile-time --csv</c>: each tier's warm compile time per program.</summary>
    public IReadOnlyList<CompileTimeCsvRow>? CompileTime { get; init; }
    public FuzzSummary? Fuzz { get; init; }
    public RegallocSummary? Regalloc { get; init; }
    /// <summary>Per tier, its instruction set and the opcodes its compiler emitted over the corpus.</summary>
    public IReadOnlyDictionary<string, OpcodeCoverage>? Opcodes { get; init; }
    /// <summary>Where <c>document</c> paths are looked up; null: documents are unknown.</summary>
    public string? RepositoryRoot { get; init; }
}

/// <summary>One test's outcome. <see cref="Outcome"/>: Passed, Failed, Skipped (TRX's NotExecuted too).</summary>
public sealed record TestResult(string FullName, TestOutcome Outcome);

public enum TestOutcome { Passed, Failed, Skipped }

/// <summary>A <c>veld fuzz</c> campaign: how many programs, on which tiers, and how many findings.</summary>
public sealed record FuzzSummary(long Programs, IReadOnlyList<string> Tiers, int Findings, string? Seed);

/// <summary>A <c>veld fuzz-regalloc</c> run.</summary>
public sealed record RegallocSummary(bool Passed, string Description);

/// <summary>A tier's instruction set and which of its opcodes the corpus made its compiler emit.</summary>
public sealed record OpcodeCoverage(IReadOnlyList<string> InstructionSet, IReadOnlySet<string> Emitted)
{
    public IReadOnlyList<string> Missing => [.. InstructionSet.Where(op => !Emitted.Contains(op))];
}

/// <summary>Program paths as keys: the same program named from the same directory matches whatever the
/// separators or a leading "./".</summary>
public static class ProgramPaths
{
    public static string Normalize(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p[2..];
        return p;
    }
}
