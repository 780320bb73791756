namespace Veld.Reports.Progress;

/// <summary>
/// A migration plan as data (the YAML of <c>reports/migration.yaml</c>): phases of items, performance
/// targets and risks. An item names the evidence that decides its state; nothing in the plan is a tick.
/// Property names map to hyphenated YAML keys (<c>not-applicable</c>, <c>at-least</c>).
/// </summary>
public sealed class MigrationPlan
{
    public string Title { get; set; } = "";
    /// <summary>The tier the migration replaces: ratios are relative to it unless a target says otherwise.</summary>
    public string Baseline { get; set; } = "stack";
    public List<PlanPhase> Phases { get; set; } = [];
    public List<PlanTarget> Targets { get; set; } = [];
    public List<PlanRisk> Risks { get; set; } = [];
}

public sealed class PlanPhase
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public List<PlanItem> Items { get; set; } = [];
}

public sealed class PlanItem
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>Every piece must be done for the item to be done.</summary>
    public List<EvidenceSpec> Evidence { get; set; } = [];
}

/// <summary>One piece of evidence: exactly one of the properties is set.</summary>
public sealed class EvidenceSpec
{
    /// <summary>Corpus programs (all, or those with any of the tags) pass on a tier.</summary>
    public CorpusEvidence? Corpus { get; set; }
    /// <summary>The corpus makes the tier's compiler emit every opcode of its instruction set.</summary>
    public OpcodeEvidence? Opcodes { get; set; }
    /// <summary>Tests whose full name contains the filter passed, in the test result files given.</summary>
    public TestsEvidence? Tests { get; set; }
    /// <summary>A performance target (by id) is met.</summary>
    public string? Target { get; set; }
    /// <summary>The fuzz campaign ran generated programs on these tiers and found nothing.</summary>
    public FuzzEvidence? Fuzz { get; set; }
    /// <summary>The register allocator fuzzer (<c>veld fuzz-regalloc</c>) found no counterexample.</summary>
    public bool? RegallocFuzz { get; set; }
    /// <summary>A file of the repository exists and is not empty (a path relative to the repository root).</summary>
    public string? Document { get; set; }
    /// <summary>The item does not apply to this project, for the reason given.</summary>
    public string? NotApplicable { get; set; }

    internal int KindsSet() =>
        new object?[] { Corpus, Opcodes, Tests, Target, Fuzz, RegallocFuzz, Document, NotApplicable }.Count(v => v is not null);
}

public sealed class CorpusEvidence
{
    public string Tier { get; set; } = "";
    /// <summary>Programs tagged with any of these (<c># tags:</c>); none means every program.</summary>
    public List<string> Tags { get; set; } = [];
}

public sealed class OpcodeEvidence
{
    public string Tier { get; set; } = "";
}

public sealed class TestsEvidence
{
    public string Filter { get; set; } = "";
}

public sealed class FuzzEvidence
{
    public List<string> Tiers { get; set; } = [];
}

/// <summary>A measured figure of <see cref="Tier"/> relative to <see cref="Baseline"/>, with a bound.</summary>
public sealed class PlanTarget
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public TargetMetric Metric { get; set; }
    public string Tier { get; set; } = "";
    /// <summary>Defaults to the plan's baseline.</summary>
    public string? Baseline { get; set; }
    public double? AtLeast { get; set; }
    public double? AtMost { get; set; }
}

/// <summary>What a target measures. Every metric is a ratio of the tier to the baseline.</summary>
public enum TargetMetric
{
    /// <summary>Speed: geometric mean over the benchmark programs of the baseline's median time over the tier's (above 1 is faster). Source: bench CSV.</summary>
    Speed,
    /// <summary>Geometric mean of the tier's allocated bytes over the baseline's. Source: bench CSV.</summary>
    Memory,
    /// <summary>Total instructions executed over the corpus, tier / baseline (<c>veld diff --stats</c>). Source: diff CSV.</summary>
    Instructions,
    /// <summary>Total code bytes over the corpus, tier / baseline. Source: diff CSV.</summary>
    CodeBytes,
    /// <summary>Total compile time, tier / baseline. Source: the compile-time CSV (warm medians), else the diff CSV (cold, one compile per program).</summary>
    CompileTime,
}

public sealed class PlanRisk
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Mitigation { get; set; } = "";
    /// <summary>Ids of the items and targets that bear on the risk.</summary>
    public List<string> Evidence { get; set; } = [];
}
