using System.Xml.Linq;

using Veld.Differential;
using Veld.Differential.Tests;

namespace Veld.Reports.Tests;

/// <summary>The JUnit XML of a run over fake tiers: tree (the oracle) and stack, which prints every 5 as 6.</summary>
public sealed class JUnitReportTests : TempCorpusTest
{
    private DiffReport RunCorpus()
    {
        Corpus.Write("ok.veld", "print 1 # expect: 1\n");
        Corpus.Write("five.veld", "print 3\nprint 5\n");                    // stack disagrees
        Corpus.Write("expect.veld", "print 3 # expect: 4\n");               // both miss the expectation
        Corpus.Write("slow.veld", "timeout\n");                             // inconclusive on both (out of time)
        Corpus.Write("crash.veld", "crash\n");                              // internal error on both
        Corpus.Write("unsupported.veld", "unsupported\n");                  // unsupported on both
        Corpus.Write("markup.veld", "print \u0001 ctl\nprint <a & \"b\">\n"); // text XML must escape or cannot hold
        var tiers = new TierRegistration[]
        {
            new("tree", "fake", () => new FakeTier("tree")),
            new("stack", "fake", () => new FakeTier("stack", s => s.Replace("5", "6").Replace("a", "A"))),
        };
        return new DiffRunner(tiers, new DiffOptions { Fuel = 100 }, FakeFrontEnd.Compile).Run([Corpus.Root]);
    }

    private static XElement Case(XElement suite, string file) =>
        suite.Elements("testcase").Single(c => ((string)c.Attribute("name")!).EndsWith("/" + file, StringComparison.Ordinal));

    [Fact]
    public void The_written_file_parses_with_one_suite_per_tier_and_the_right_counts()
    {
        var path = Path.Combine(Corpus.Root, "out", "diff.junit.xml");
        JUnitReport.Write(path, RunCorpus());
        var root = XDocument.Load(path).Root!;

        Assert.Equal("testsuites", root.Name.LocalName);
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["tree", "stack"], suites.Select(s => (string)s.Attribute("name")!));
        var tree = suites[0];
        var stack = suites[1];
        // tree: expect fails + unsupported fails; crash is an error; slow skipped.
        Assert.Equal((7, 2, 1, 1), Counts(tree));
        // stack also disagrees on five.veld and markup.veld.
        Assert.Equal((7, 4, 1, 1), Counts(stack));
        Assert.Equal((14, 6, 2, 2), Counts(root));
        Assert.All(suites.SelectMany(s => s.Elements("testcase")), c => Assert.Equal(c.Parent!.Attribute("name")!.Value, (string)c.Attribute("classname")!));
        Assert.All(suites, s => Assert.Equal(s.Elements("testcase").Count(c => c.Element("failure") is not null), (int)s.Attribute("failures")!));
    }

    [Fact]
    public void A_disagreement_is_a_failure_of_the_other_tier_with_the_diff()
    {
        var document = JUnitReport.Build(RunCorpus());
        var (tree, stack) = (document.Root!.Elements("testsuite").First(), document.Root!.Elements("testsuite").Last());

        Assert.Empty(Case(tree, "five.veld").Elements());
        var failure = Case(stack, "five.veld").Element("failure")!;
        Assert.Equal("disagreement", (string)failure.Attribute("type")!);
        Assert.Contains("standard output differs", (string)failure.Attribute("message")!);
        Assert.Contains("-5\n+6\n", failure.Value);
    }

    [Fact]
    public void Each_verdict_has_its_own_element()
    {
        var stack = JUnitReport.Build(RunCorpus()).Root!.Elements("testsuite").Last();
        Assert.Empty(Case(stack, "ok.veld").Elements());
        Assert.Equal("expectation", (string)Case(stack, "expect.veld").Element("failure")!.Attribute("type")!);
        Assert.Contains("expectation", (string)Case(stack, "expect.veld").Element("failure")!.Attribute("message")!);
        Assert.NotNull(Case(stack, "slow.veld").Element("skipped"));
        Assert.Contains("fake tier crashed", Case(stack, "crash.veld").Element("error")!.Value);
        Assert.Equal("unsupported", (string)Case(stack, "unsupported.veld").Element("failure")!.Attribute("type")!);
    }

    [Fact]
    public void Markup_is_escaped_and_characters_XML_cannot_hold_are_shown_as_escapes()
    {
        var path = Path.Combine(Corpus.Root, "diff.junit.xml");
        JUnitReport.Write(path, RunCorpus());
        var stack = XDocument.Load(path).Root!.Elements("testsuite").Last();
        var diff = Case(stack, "markup.veld").Element("failure")!.Value;
        Assert.Contains("\n \\x01 ctl\n", diff); // a context line: the diff shows it as printed, the report escapes it
        Assert.Contains("-<a & \"b\">\n+<A & \"b\">\n", diff);
    }

    [Fact]
    public void Clean_keeps_valid_text_and_surrogate_pairs()
    {
        Assert.Equal("tab\there\nok \U0001F600", JUnitReport.Clean("tab\there\nok \U0001F600"));
        Assert.Equal("a\\x00b\\rc\\uDC00", JUnitReport.Clean("a\0b\rc\udc00"));
    }

    private static (int Tests, int Failures, int Errors, int Skipped) Counts(XElement element) =>
        ((int)element.Attribute("tests")!, (int)element.Attribute("failures")!, (int)element.Attribute("errors")!, (int)element.Attribute("skipped")!);
}
