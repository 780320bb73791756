using Veld.Reports.Progress;

namespace Veld.Reports.Tests.Progress;

public sealed class PlanReaderTests
{
    /// <summary>The repository's own plan, found from the test's directory upwards.</summary>
    internal static string ProjectPlanPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "reports", "migration.yaml");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("reports/migration.yaml not found above the test directory");
    }

    [Fact]
    public void The_projects_plan_covers_every_phase_of_the_migration_and_the_jit()
    {
        var plan = PlanReader.ReadFile(ProjectPlanPath());
        Assert.Equal(
            ["preparation", "instruction-set", "vm-core", "expressions", "statements", "closures", "advanced", "testing", "optimization", "integration",
             "jit-profiling", "jit-codegen", "jit-tier-up", "jit-deopt"],
            plan.Phases.Select(p => p.Id));
        Assert.Contains(plan.Targets, t => t is { Metric: TargetMetric.Speed, Tier: "register", AtLeast: 1.25 });
        Assert.Contains(plan.Targets, t => t is { Metric: TargetMetric.Speed, Tier: "jit", Baseline: "register", AtLeast: 3.0 });
        Assert.All(plan.Phases.SelectMany(p => p.Items), item => Assert.NotEmpty(item.Evidence));
    }

    [Theory]
    [InlineData("phases:\n  - id: a\n    items:\n      - id: a\n        evidence: [ { document: x } ]\n", "the id 'a' is used twice")]
    [InlineData("phases:\n  - id: p\n    items:\n      - id: i\n        evidence: []\n", "item 'i' names no evidence")]
    [InlineData("phases:\n  - id: p\n    items:\n      - id: i\n        evidence: [ { document: x, target: t } ]\n", "exactly one kind")]
    [InlineData("targets:\n  - id: t\n    metric: speed\n    tier: r\n", "exactly one of at-least and at-most")]
    [InlineData("risks:\n  - id: r\n    evidence: [ghost]\n", "unknown id 'ghost'")]
    [InlineData("phases: [ { id: p, items: [ { id: i, evidence: [ { corpus: { tier: t, colour: red } } ] } ] } ]\n", "plan:1:")]
    public void A_plan_that_does_not_hold_together_is_refused_with_the_reason(string yaml, string reason)
    {
        var e = Assert.Throws<PlanException>(() => PlanReader.Read(yaml));
        Assert.Contains(reason, e.Message);
    }
}
