using Veld.Differential.Tests;
using Veld.Testing;
using static Veld.Cli.Tests.CliHarness;

namespace Veld.Cli.Tests;

/// <summary><c>veld diff</c> end to end; the fake "stack" tier prints every 5 as 6.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private readonly TempCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    [Fact]
    public void Passing_programs_exit_0_with_a_summary_table()
    {
        _corpus.Write("a.veld", "print 1 # expect: 1\n");
        _corpus.Write("sub/b.veld", "print 2\n");
        var result = RunFake("diff", _corpus.Root);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| programs             |             2 |     2 |", result.Stdout);
        Assert.Contains("| passed               |             2 |     2 |", result.Stdout);
        Assert.EndsWith("all 2 programs passed on tree, stack\n", result.Stdout);
    }

    [Fact]
    public void A_report_with_failures_exits_1()
    {
        _corpus.Write("ops/add.veld", "# tags: ops\nprint 2\nprint 5\nprint 7\n");
        _corpus.Write("ops/expect.veld", "print 1 # expect: 1\nprint 3 # expect: 4\n");
        _corpus.Write("ok.veld", "print 1 # expect: 1\n");
        var result = RunFake("diff", _corpus.Root);
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Snapshot.Verify(result.Stdout.Replace(_corpus.Root.Replace('\\', '/'), "<corpus>"));
    }

    [Fact]
    public void Tiers_can_be_selected()
    {
        _corpus.Write("five.veld", "print 5\n");
        Assert.Equal(ExitCodes.Failure, RunFake("diff", _corpus.Root).ExitCode);
        var treeOnly = RunFake("diff", "--tiers", "tree", _corpus.Root);
        Assert.Equal(0, treeOnly.ExitCode);
        Assert.DoesNotContain("stack", treeOnly.Stdout);
    }

    [Fact]
    public void Verbose_lists_every_program_with_its_verdicts()
    {
        _corpus.Write("a.veld", "print 1\n");
        _corpus.Write("b.veld", "spin\n");
        var result = RunFake("diff", "--verbose", "--fuel", "100", _corpus.Root);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("/a.veld  tree=passed stack=passed\n", result.Stdout);
        Assert.Contains("/b.veld  tree=inconclusive stack=inconclusive\n", result.Stdout);
    }

    [Fact]
    public void A_directory_without_programs_is_a_failure()
    {
        var result = RunFake("diff", _corpus.Root);
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("no .veld programs under", result.Stderr);
    }
}
