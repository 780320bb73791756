using Veld.Reports.Progress;

namespace Veld.Reports.Tests.Progress;

/// <summary>A small plan and evidence, in memory, for the assessment, history and HTML tests.</summary>
internal static class ReportSamples
{
    public const string PlanYaml =
        """
        title: Sample migration
        baseline: stack
        phases:
          - id: core
            title: Core
            items:
              - id: corpus-register
                title: The corpus passes on register
                evidence: [ { corpus: { tier: register } } ]
              - id: speed
                title: Register is faster
                evidence: [ { target: register-speed } ]
              - id: na
                title: Modules
                evidence: [ { not-applicable: no modules } ]
          - id: jit
            title: JIT
            items:
              - id: jit-corpus
                title: The corpus passes on the JIT
                evidence: [ { corpus: { tier: jit } } ]
        targets:
          - id: register-speed
            title: Register 25% faster
            metric: speed
            tier: register
            at-least: 1.25
          - id: register-instructions
            title: Fewer instructions
            metric: instructions
            tier: register
            at-most: 0.5
        risks:
          - id: slow
            title: Too slow
            mitigation: measure
            evidence: [register-speed, corpus-register]
        """;

    public static DiffCsvRow Row(string program, string tier, bool passed, long instructions) => new()
    {
        Program = program, Tier = tier, Outcome = "Success", Passed = passed, Instructions = instructions, CodeBytes = 10, CompileMs = 1,
    };

    public static BenchmarkCsvRow Bench(string program, string tier, double medianMs) => new()
    {
        Program = program, Size = "1", Tier = tier, Runs = 1, MedianMs = medianMs, AllocatedBytes = 100, SamplesMs = "",
    };

    public static EvidenceBundle Evidence(bool registerPassesAll, double registerMs) => new()
    {
        Diff =
        [
            Row("a.veld", "stack", true, 100), Row("a.veld", "register", true, 40),
            Row("b.veld", "stack", true, 100), Row("b.veld", "register", registerPassesAll, 40),
        ],
        Bench = [Bench("fib", "stack", 10), Bench("fib", "register", registerMs), Bench("loop", "stack", 20), Bench("loop", "register", registerMs * 2)],
    };

    public static ProgressReport Assess(EvidenceBundle evidence, string commit = "abc") =>
        ProgressAssessor.Assess(PlanReader.Read(PlanYaml), evidence, new RunKey(commit, "main", DateTimeOffset.UnixEpoch, "test"));
}
