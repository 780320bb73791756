using System.Xml.Linq;
using Veld.Reports.Progress;

namespace Veld.Reports.Tests.Progress;

public sealed class EvidenceReaderTests
{
    [Fact]
    public void Trx_and_junit_results_read_as_full_names_with_outcomes()
    {
        var trx = XDocument.Parse(
            """
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results>
              <UnitTestResult testName="A.B.Passes" outcome="Passed" />
              <UnitTestResult testName="A.B.Fails" outcome="Failed" />
              <UnitTestResult testName="A.B.Skipped" outcome="NotExecuted" />
            </Results></TestRun>
            """);
        var junit = XDocument.Parse(
            """
            <testsuites><testsuite name="s">
              <testcase classname="C" name="ok" />
              <testcase classname="C" name="bad"><failure message="x" /></testcase>
              <testcase classname="C" name="crash"><error /></testcase>
              <testcase classname="C" name="later"><skipped /></testcase>
            </testsuite></testsuites>
            """);
        Assert.Equal(
            [new("A.B.Passes", TestOutcome.Passed), new("A.B.Fails", TestOutcome.Failed), new("A.B.Skipped", TestOutcome.Skipped)],
            TestResultsReader.Read(trx).ToList());
        Assert.Equal(
            [new("C.ok", TestOutcome.Passed), new("C.bad", TestOutcome.Failed), new("C.crash", TestOutcome.Failed), new("C.later", TestOutcome.Skipped)],
            TestResultsReader.Read(junit).ToList());
    }

    [Fact]
    public void A_fuzz_log_gives_programs_tiers_and_findings()
    {
        const string clean =
            """
            +-----------------------------+------+
            | programs                    | 2000 |
            | generation ms / program     | 0.10 |
            | tree ms / program           | 1.20 |
            | register ms / program       | 0.80 |
            +-----------------------------+------+
            no disagreement in 2000 programs (seed 1)
            """;
        var summary = FuzzLogReader.ReadFuzz(clean)!;
        Assert.Equal((2000L, 0, "1"), (summary.Programs, summary.Findings, summary.Seed));
        Assert.Equal(["tree", "register"], summary.Tiers);
        Assert.Equal(3, FuzzLogReader.ReadFuzz("| stack ms / program | 1 |\n3 finding(s) in 40 programs (seed 9)\n")!.Findings);
        Assert.Null(FuzzLogReader.ReadFuzz("killed\n"));
    }

    [Fact]
    public void A_regalloc_log_passes_only_on_its_verdict()
    {
        Assert.True(FuzzLogReader.ReadRegalloc("allocator: 500 sequences\nno counterexample\n")!.Passed);
        Assert.False(FuzzLogReader.ReadRegalloc("counterexample found; replay with --seed 3\n")!.Passed);
        Assert.Null(FuzzLogReader.ReadRegalloc(""));
    }

    [Fact]
    public void Mnemonics_are_read_outside_strings_and_comments_and_a_wide_suffix_counts_the_prefix()
    {
        var known = new HashSet<string> { "ADD", "LOAD_LOCAL", "WIDE", "CONST", "CALL" };
        const string listing = "0000    1 CONST 0 \"CALL ADD\"\n0002    1 LOAD_LOCAL_W 300\n0005    2 ADD ; CALL\n";
        Assert.Equal(["ADD", "CONST", "LOAD_LOCAL", "WIDE"], OpcodeCoverageCollector.Mnemonics(listing, known).Distinct().Order());
    }
}
