namespace Veld.Reports.Progress;

/// <summary>Judges one piece of evidence against what was given. Absent sources give
/// <see cref="ItemState.Unknown"/>; a source that was given but says nothing of the subject (a tier that
/// is not registered yet, no test matching the filter) gives <see cref="ItemState.NotStarted"/>.</summary>
public sealed class EvidenceEvaluator(EvidenceBundle evidence, IReadOnlyDictionary<string, TargetReport> targets)
{
    /// <summary>How many missing programs, tests or opcodes a result names (the count says the rest).</summary>
    public const int MissingShown = 5;

    public EvidenceResult Evaluate(EvidenceSpec spec) => spec switch
    {
        { Corpus: { } corpus } => Corpus(corpus),
        { Opcodes: { } opcodes } => Opcodes(opcodes),
        { Tests: { } tests } => Tests(tests),
        { Target: { } target } => Target(targets[target]),
        { Fuzz: { } fuzz } => Fuzz(fuzz),
        { RegallocFuzz: not null } => Regalloc(),
        { Document: { } document } => Document(document),
        { NotApplicable: { } reason } => new EvidenceResult($"not applicable: {reason}", ItemState.NotApplicable),
        _ => throw new ArgumentException("evidence names no kind", nameof(spec)),
    };

    private EvidenceResult Corpus(CorpusEvidence spec)
    {
        var scope = spec.Tags.Count == 0 ? "corpus programs" : $"corpus programs tagged {string.Join(" or ", spec.Tags)}";
        var description = $"{scope} pass on {spec.Tier}";
        if (evidence.Diff is not { } rows) return new(description + " (no diff results given)", ItemState.Unknown);
        if (spec.Tags.Count > 0 && evidence.CorpusTags is not { } _) return new(description + " (no corpus tags given)", ItemState.Unknown);
        var selected = rows.Where(r => r.Tier == spec.Tier && Tagged(r.Program, spec.Tags)).ToList();
        if (!rows.Any(r => r.Tier == spec.Tier)) return new(description + $" ({spec.Tier} is not in the diff results)", ItemState.NotStarted, 0, 0);
        if (selected.Count == 0) return new(description + " (no program has these tags)", ItemState.NotStarted, 0, 0);
        var failed = selected.Where(r => !r.Passed).Select(r => r.Program).ToList();
        return Counted(description, selected.Count - failed.Count, selected.Count, failed);
    }

    private bool Tagged(string program, List<string> tags) =>
        tags.Count == 0 || (evidence.CorpusTags!.TryGetValue(ProgramPaths.Normalize(program), out var have) && have.Any(tags.Contains));

    private EvidenceResult Opcodes(OpcodeEvidence spec)
    {
        var description = $"every opcode of {spec.Tier} emitted by the corpus";
        if (evidence.Opcodes is not { } all) return new(description + " (no opcode coverage given)", ItemState.Unknown);
        if (!all.TryGetValue(spec.Tier, out var coverage)) return new(description + $" ({spec.Tier} has no instruction set here)", ItemState.NotStarted, 0, 0);
        var missing = coverage.Missing;
        return Counted(description, coverage.InstructionSet.Count - missing.Count, coverage.InstructionSet.Count, missing);
    }

    private EvidenceResult Tests(TestsEvidence spec)
    {
        var description = $"tests matching '{spec.Filter}' pass";
        if (evidence.Tests is not { } results) return new(description + " (no test results given)", ItemState.Unknown);
        var matching = results.Where(t => t.FullName.Contains(spec.Filter, StringComparison.Ordinal) && t.Outcome != TestOutcome.Skipped).ToList();
        if (matching.Count == 0) return new(description + " (no test matches)", ItemState.NotStarted, 0, 0);
        var failed = matching.Where(t => t.Outcome == TestOutcome.Failed).Select(t => t.FullName).ToList();
        return Counted(description, matching.Count - failed.Count, matching.Count, failed);
    }

    private static EvidenceResult Target(TargetReport target)
    {
        var measured = target.Measured is { } m ? TargetMeasurer.Format(m) : "–";
        var description = $"target '{target.Title}' {target.Bound}" + (target.Measured is null ? "" : $" (measured {measured})");
        return target.Status switch
        {
            TargetStatus.Pass => new(description, ItemState.Done),
            TargetStatus.Fail => new(description, ItemState.NotStarted) { Missing = [$"{target.Tier} measures {measured}, needs {target.Bound}"] },
            _ => new(description + $" ({target.Note})", target.Note.Contains("not in the", StringComparison.Ordinal) ? ItemState.NotStarted : ItemState.Unknown),
        };
    }

    private EvidenceResult Fuzz(FuzzEvidence spec)
    {
        var description = $"fuzz campaign on {string.Join(", ", spec.Tiers)} finds nothing";
        if (evidence.Fuzz is not { } fuzz) return new(description + " (no fuzz summary given)", ItemState.Unknown);
        var absent = spec.Tiers.Where(t => !fuzz.Tiers.Contains(t)).ToList();
        var ran = $" ({fuzz.Programs} programs, seed {fuzz.Seed}, {fuzz.Findings} findings)";
        if (absent.Count == spec.Tiers.Count) return new(description + $" ({string.Join(", ", absent)} not in the campaign)", ItemState.NotStarted, 0, spec.Tiers.Count);
        if (absent.Count > 0) return new(description + ran, ItemState.Partial, spec.Tiers.Count - absent.Count, spec.Tiers.Count) { Missing = [.. absent.Select(t => $"{t} not fuzzed")] };
        return fuzz.Findings == 0
            ? new(description + ran, ItemState.Done)
            : new(description + ran, ItemState.Partial, 0, 1) { Missing = [$"{fuzz.Findings} findings to fix"] };
    }

    private EvidenceResult Regalloc()
    {
        const string description = "register allocator fuzzer finds no counterexample";
        return evidence.Regalloc switch
        {
            null => new(description + " (no fuzz-regalloc output given)", ItemState.Unknown),
            { Passed: true } r => new($"{description} ({r.Description})", ItemState.Done),
            var r => new(description, ItemState.NotStarted) { Missing = [r.Description] },
        };
    }

    private EvidenceResult Document(string path)
    {
        var description = $"{path} exists";
        if (evidence.RepositoryRoot is not { } root) return new(description + " (no repository given)", ItemState.Unknown);
        var file = new FileInfo(Path.Combine(root, path));
        return file.Exists && file.Length > 0 ? new(description, ItemState.Done) : new(description, ItemState.NotStarted) { Missing = [path] };
    }

    private static EvidenceResult Counted(string description, int met, int of, IReadOnlyList<string> missing)
    {
        var state = met == of ? ItemState.Done : met == 0 ? ItemState.NotStarted : ItemState.Partial;
        var shown = missing.Take(MissingShown).ToList();
        if (missing.Count > shown.Count) shown.Add($"… and {missing.Count - shown.Count} more");
        return new EvidenceResult($"{description}: {met} of {of}", state, met, of) { Missing = shown };
    }
}
