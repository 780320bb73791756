using Veld.Runtime;

namespace Veld.Differential;

/// <summary>How one tier fared on one program.</summary>
public enum TierVerdict
{
    /// <summary>Ran, met the program's expectations, and agreed with the oracle.</summary>
    Passed,
    /// <summary>Missed an expectation, disagreed with the oracle, or crashed (internal error).</summary>
    Failed,
    /// <summary>Hit the fuel or time limit (its own or the oracle's) with nothing else to check.</summary>
    Inconclusive,
    /// <summary>The tier refused a construct it does not support yet. A failure, shown as its own kind.</summary>
    Unsupported,
}

public enum FindingKind { ExpectationFailure, Disagreement, InternalError, Unsupported }

/// <summary>One problem to show the user: what, where, which tiers, and a readable diff.</summary>
public sealed record Finding(FindingKind Kind, string Path, IReadOnlyList<string> Tiers, string Summary, string Detail);

/// <summary>One tier's run of one program and its verdict.</summary>
public sealed record TierRun(
    string Tier,
    RunOutcome Outcome,
    TierVerdict Verdict,
    IReadOnlyList<ExpectationFailure> ExpectationFailures,
    OutcomeComparison? Comparison)
{
    public bool Disagrees => Comparison?.Kind == ComparisonKind.Disagree;
}

/// <summary>Everything the harness learned about one program, tiers in the order they were selected (oracle first).</summary>
public sealed record ProgramReport(CorpusProgram Program, IReadOnlyList<TierRun> Runs, IReadOnlyList<Finding> Findings)
{
    public bool Failed => Runs.Any(r => r.Verdict is TierVerdict.Failed or TierVerdict.Unsupported);
}

/// <summary>Counts for one tier over a whole run. A program can count both as an expectation failure and as a disagreement.</summary>
public sealed record TierSummary
{
    public required string Tier { get; init; }
    public int Programs { get; init; }
    public int Passed { get; init; }
    public int Failed { get; init; }
    public int ExpectationFailures { get; init; }
    public int Disagreements { get; init; }
    public int InternalErrors { get; init; }
    public int Inconclusive { get; init; }
    public int Unsupported { get; init; }
}

/// <summary>The result of a differential run: per program, in path order, and per tier.</summary>
public sealed record DiffReport(IReadOnlyList<string> Tiers, IReadOnlyList<ProgramReport> Programs)
{
    public bool HasFailures => Programs.Any(p => p.Failed);

    public IEnumerable<Finding> Findings => Programs.SelectMany(p => p.Findings);

    public IReadOnlyList<TierSummary> Summaries => Tiers.Select(Summarize).ToList();

    private TierSummary Summarize(string tier)
    {
        var runs = Programs.SelectMany(p => p.Runs).Where(r => r.Tier == tier).ToList();
        return new TierSummary
        {
            Tier = tier,
            Programs = runs.Count,
            Passed = runs.Count(r => r.Verdict == TierVerdict.Passed),
            Failed = runs.Count(r => r.Verdict == TierVerdict.Failed),
            ExpectationFailures = runs.Count(r => r.ExpectationFailures.Count > 0),
            Disagreements = runs.Count(r => r.Disagrees),
            InternalErrors = runs.Count(r => r.Outcome.Kind == OutcomeKind.InternalError),
            Inconclusive = runs.Count(r => r.Verdict == TierVerdict.Inconclusive),
            Unsupported = runs.Count(r => r.Verdict == TierVerdict.Unsupported),
        };
    }
}
