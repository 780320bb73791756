using Veld.Runtime;

namespace Veld.Differential.Tests;

public sealed class TierFiguresTests
{
    private static RunOutcome Ran(string tier, long? codeBytes, long? instructions, OutcomeKind kind = OutcomeKind.Success) => new()
    {
        Tier = tier,
        Kind = kind,
        Stdout = "",
        Metrics = new RunMetrics { CodeBytes = codeBytes, Instructions = instructions },
    };

    private static readonly string[] Tiers = ["tree", "stack", "register"];
    private const string Baseline = "stack";

    [Fact]
    public void Sums_cover_only_programs_that_succeeded_on_every_tier_and_ratios_are_to_stack()
    {
        var table = TierFigures.Compute(Tiers,
        [
            [Ran("tree", null, null), Ran("stack", 100, 1000), Ran("register", 120, 400)],
            [Ran("tree", null, null), Ran("stack", 60, 600), Ran("register", 60, 300)],
            // Fails on register: left out everywhere, or the sums would cover different programs.
            [Ran("tree", null, null), Ran("stack", 5000, 5000), Ran("register", 1, 1, OutcomeKind.RuntimeError)],
            [Ran("tree", null, null, OutcomeKind.LimitExceeded), Ran("stack", 7000, 7000), Ran("register", 7000, 7000)],
        ], Baseline);

        Assert.Equal(2, table.Programs);
        Assert.Equal("stack", table.Baseline);
        Assert.Equal(Tiers, table.Tiers.Select(t => t.Tier));
        var (tree, stack, register) = (table.Tiers[0], table.Tiers[1], table.Tiers[2]);
        Assert.Equal((null, null, null, null), (tree.CodeBytes, tree.Instructions, tree.CodeBytesRatio, tree.InstructionsRatio));
        Assert.Equal((160L, 1600L), (stack.CodeBytes!.Value, stack.Instructions!.Value));
        Assert.Equal((1.0, 1.0), (stack.CodeBytesRatio!.Value, stack.InstructionsRatio!.Value));
        Assert.Equal((180L, 700L), (register.CodeBytes!.Value, register.Instructions!.Value));
        Assert.Equal(1.125, register.CodeBytesRatio!.Value, 9);
        Assert.Equal(0.4375, register.InstructionsRatio!.Value, 9);
    }

    [Fact]
    public void A_figure_missing_on_one_program_makes_the_total_not_available()
    {
        var table = TierFigures.Compute(["stack", "register"],
        [
            [Ran("stack", 10, 10), Ran("register", 10, 5)],
            [Ran("stack", 10, 10), Ran("register", 10, null)],
        ], Baseline);
        Assert.Equal(20L, table.Tiers[1].CodeBytes);
        Assert.Null(table.Tiers[1].Instructions);
        Assert.Null(table.Tiers[1].InstructionsRatio);
        Assert.Equal(1.0, table.Tiers[1].CodeBytesRatio);
    }

    [Fact]
    public void Without_the_stack_tier_there_are_totals_but_no_ratios()
    {
        var table = TierFigures.Compute(["tree", "register"], [[Ran("tree", null, null), Ran("register", 8, 3)]], Baseline);
        Assert.Null(table.Baseline);
        Assert.Equal((8L, 3L), (table.Tiers[1].CodeBytes!.Value, table.Tiers[1].Instructions!.Value));
        Assert.All(table.Tiers, t => Assert.Equal((null, null), (t.CodeBytesRatio, t.InstructionsRatio)));
    }

    [Fact]
    public void No_comparable_program_or_a_zero_baseline_gives_no_figure_rather_than_a_false_one()
    {
        var none = TierFigures.Compute(["stack", "register"], [[Ran("stack", 1, 1, OutcomeKind.CompileError), Ran("register", 1, 1, OutcomeKind.CompileError)]], Baseline);
        Assert.Equal(0, none.Programs);
        Assert.All(none.Tiers, t => Assert.Equal((null, null, null), (t.CodeBytes, t.Instructions, t.CodeBytesRatio)));

        var zero = TierFigures.Compute(["stack", "register"], [[Ran("stack", 0, 0), Ran("register", 4, 2)]], Baseline);
        Assert.Equal((4L, null), (zero.Tiers[1].CodeBytes!.Value, zero.Tiers[1].CodeBytesRatio));
    }

    [Fact]
    public void A_diff_report_is_summed_from_its_runs()
    {
        using var corpus = new TempCorpus();
        corpus.Write("a.veld", "print 1\n");                  // 2 lines: 8 code bytes per tier
        corpus.Write("b.veld", "print 1\nprint 2\nprint 3\n"); // 4 lines: 16
        corpus.Write("c.veld", "print 1\nspin\n");            // inconclusive: left out
        var tiers = new TierRegistration[] { new("tree", "fake", () => new FakeTier("tree")), new("stack", "fake", () => new FakeTier("stack")) };
        var report = new DiffRunner(tiers, new DiffOptions { Fuel = 100 }, FakeFrontEnd.Compile).Run([corpus.Root]);

        var table = TierFigures.Compute(report, Baseline);
        Assert.Equal(2, table.Programs);
        Assert.All(table.Tiers, t => Assert.Equal(24L, t.CodeBytes));
        Assert.Equal(1.0, table.Tiers[0].CodeBytesRatio);
    }
}
