using Veld.Testing;

namespace Veld.Cli.Tests;

/// <summary><c>veld diff</c> end to end; the fake "stack" tier prints every 5 as 6.</summary>
public sealed class DiffCommandTests : TempCorpusTest
{
    [Fact]
    public void Passing_programs_exit_0_with_a_summary_table()
    {
        Corpus.Write("a.veld", "print 1 # expect: 1\n");
        Corpus.Write("sub/b.veld", "print 2\n");
        var result = RunFake("diff", Corpus.Root);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| programs             |             2 |     2 |", result.Stdout);
        Assert.Contains("| passed               |             2 |     2 |", result.Stdout);
        Assert.EndsWith("all 2 programs passed on tree, stack\n", result.Stdout);
    }

    [Fact]
    public void A_report_with_failures_exits_1()
    {
        Corpus.Write("ops/add.veld", "# tags: ops\nprint 2\nprint 5\nprint 7\n");
        Corpus.Write("ops/expect.veld", "print 1 # expect: 1\nprint 3 # expect: 4\n");
        Corpus.Write("ok.veld", "print 1 # expect: 1\n");
        var result = RunFake("diff", Corpus.Root);
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Snapshot.Verify(result.Stdout.Replace(Corpus.Root.Replace('\\', '/'), "<corpus>"));
    }

    [Fact]
    public void Tiers_can_be_selected()
    {
        Corpus.Write("five.veld", "print 5\n");
        Assert.Equal(ExitCodes.Failure, RunFake("diff", Corpus.Root).ExitCode);
        var treeOnly = RunFake("diff", "--tiers", "tree", Corpus.Root);
        Assert.Equal(0, treeOnly.ExitCode);
        Assert.DoesNotContain("stack", treeOnly.Stdout);
    }

    [Fact]
    public void Verbose_lists_every_program_with_its_verdicts()
    {
        Corpus.Write("a.veld", "print 1\n");
        Corpus.Write("b.veld", "timeout\n");
        var result = RunFake("diff", "--verbose", "--fuel", "100", Corpus.Root);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("/a.veld  tree=passed stack=passed\n", result.Stdout);
        Assert.Contains("/b.veld  tree=inconclusive stack=inconclusive\n", result.Stdout);
    }

    [Fact]
    public void A_directory_without_programs_is_a_failure()
    {
        var result = RunFake("diff", Corpus.Root);
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("no .veld programs under", result.Stderr);
    }
}

/// <summary>The CI outputs of <c>veld diff</c>: --junit, --csv and --stats.</summary>
public sealed class DiffReportFileTests : TempCorpusTest
{
    [Fact]
    public void Junit_and_csv_files_are_written_beside_the_normal_output()
    {
        Corpus.Write("p/ok.veld", "print 1 # expect: 1\n");
        Corpus.Write("p/five.veld", "print 5\n");
        var junit = Path.Combine(Corpus.Root, "artifacts", "diff.junit.xml");
        var csv = Path.Combine(Corpus.Root, "artifacts", "diff.csv");
        var result = RunFake("diff", Path.Combine(Corpus.Root, "p"), "--junit", junit, "--csv", csv);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("[tree vs stack] disagreement", result.Stdout);
        var suites = System.Xml.Linq.XDocument.Load(junit).Root!.Elements("testsuite").ToList();
        Assert.Equal([(2, 0), (2, 1)], suites.Select(s => ((int)s.Attribute("tests")!, (int)s.Attribute("failures")!)));
        var lines = File.ReadAllLines(csv);
        Assert.Equal(5, lines.Length);
        Assert.Single(lines, l => l.Contains("five.veld,stack,Success,") && l.Contains(",False,True,"));
    }

    [Fact]
    public void Stats_prints_the_figures_after_the_summary()
    {
        Corpus.Write("a.veld", "print 1\n");
        Corpus.Write("b.veld", "print 2\nprint 3\n");
        Corpus.Write("c.veld", "spin\n");
        var result = RunFake("diff", Corpus.Root, "--stats", "--fuel", "100");

        Assert.Equal(0, result.ExitCode);
        var figures = System.Text.RegularExpressions.Regex.Replace(
            result.Stdout[result.Stdout.IndexOf("all 3 programs passed", StringComparison.Ordinal)..], " +", " ");
        Assert.Contains("figures over the 2 programs that succeeded on every tier:", figures);
        Assert.Contains("| | tree | stack |", figures);
        Assert.Contains("| code bytes | 20 | 20 |", figures); // the fake tier: 4 bytes a line; a.veld 2 lines, b.veld 3
        Assert.Contains("| instructions | n/a | n/a |", figures);
        Assert.Contains("| code bytes vs stack | 100.0% | baseline |", figures);
        Assert.Contains("| instructions vs stack | n/a | baseline |", figures);
    }

    [Fact]
    public void A_report_file_that_cannot_be_written_is_refused_before_the_run()
    {
        Corpus.Write("a.veld", "print 1\n");
        var blocker = Corpus.Write("file", "");
        var result = RunFake("diff", Path.Combine(Corpus.Root, "a.veld"), "--csv", Path.Combine(blocker, "diff.csv"));
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"veld: cannot write --csv {Path.Combine(blocker, "diff.csv")}: ", result.Stderr);
        Assert.Equal("", result.Stdout); // nothing ran
    }

    [Fact]
    public void Checking_a_report_path_leaves_no_file_behind()
    {
        Corpus.Write("p/a.veld", "print 1\n");
        var csv = Path.Combine(Corpus.Root, "out", "diff.csv");
        var result = RunFake("diff", Path.Combine(Corpus.Root, "p"), "--csv", csv, "--tiers", "nosuch");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.False(File.Exists(csv));
    }
}
