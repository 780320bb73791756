using Veld.Differential;

namespace Veld.Verification.Tests;

/// <summary>Each corpus program on every tier (and on the JIT compiling every function at once): a
/// mutant that changes any tier's output, result or error, or breaks an expectation, fails its test.</summary>
public class CorpusKillTests
{
    // Generous limits: the suite also runs under coverage instrumentation and under Stryker on a busy
    // machine, where a deep recursion can take many times its usual time.
    private static readonly DiffOptions Sequential = new()
    {
        Parallelism = 1, Timeout = TimeSpan.FromSeconds(60), HangGrace = TimeSpan.FromSeconds(60),
    };

    [Theory]
    [MemberData(nameof(KillSuite.CorpusPrograms), MemberType = typeof(KillSuite))]
    public void EveryTierAgreesWithTheOracleAndTheExpectations(string program) =>
        AssertPasses(program, TierRegistry.Default.All, Sequential);

    [Theory]
    [MemberData(nameof(KillSuite.CorpusPrograms), MemberType = typeof(KillSuite))]
    public void TheJitCompilingEveryFunctionAgrees(string program) =>
        AssertPasses(program, TierRegistry.Default.Select(["tree", "jit"]), Sequential with { JitThreshold = 0 });

    private static void AssertPasses(string program, IReadOnlyList<TierRegistration> tiers, DiffOptions options)
    {
        var path = Path.Combine(KillSuite.RepositoryRoot(), "corpus", program);
        var report = new DiffRunner(tiers, options).RunProgram(CorpusFiles.Load(path));
        Assert.False(report.Failed, string.Join("\n", report.Findings.Select(f => $"{string.Join(",", f.Tiers)}: {f.Summary}")));
    }
}
