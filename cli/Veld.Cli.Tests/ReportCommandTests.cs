using System.Text.Json;
using Veld.Differential.Tests;

namespace Veld.Cli.Tests;

/// <summary>
/// <c>veld report</c> end to end on the fake tiers (tree, and stack which prints "5" as "6") over a
/// temporary corpus: evidence is broken on purpose, run after run, against one history database.
/// </summary>
public sealed class ReportCommandTests : TempCorpusTest
{
    private const string Plan =
        """
        title: Fake migration
        baseline: stack
        phases:
          - id: core
            title: Core
            items:
              - id: closures-on-stack
                title: Closures pass on the stack tier
                evidence: [ { corpus: { tier: stack, tags: [closures] } } ]
              - id: unit-tests
                title: The unit tests pass
                evidence: [ { tests: { filter: Fake.Tests. } } ]
              - id: size
                title: Code stays small
                evidence: [ { target: code-size } ]
        targets:
          - id: code-size
            title: Tree code no larger than stack code
            metric: code-bytes
            tier: tree
            at-most: LIMIT
        risks:
          - id: drift
            title: The stack tier drifts
            mitigation: The corpus
            evidence: [closures-on-stack, code-size]
        """;

    private const string PassingTrx =
        """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
            <UnitTestResult testName="Fake.Tests.A.Works" outcome="Passed" />
            <UnitTestResult testName="Fake.Tests.B.AlsoWorks" outcome="Passed" />
            <UnitTestResult testName="Other.Tests.C.Ignored" outcome="Failed" />
          </Results>
        </TestRun>
        """;

    private string Programs => Path.Combine(Corpus.Root, "corpus");
    private string History => Path.Combine(Corpus.Root, "history.db");

    private void WriteCorpus(bool breakOne)
    {
        Corpus.Write("corpus/a.veld", "# tags: closures\nprint 1 # expect: 1\n");
        Corpus.Write("corpus/b.veld", "# tags: closures\nprint 2 # expect: 2\n");
        // The fake stack tier prints 5 as 6: this program fails there alone.
        Corpus.Write("corpus/c.veld", breakOne ? "# tags: closures\nprint 5 # expect: 5\n" : "# tags: closures\nprint 3 # expect: 3\n");
        Corpus.Write("corpus/d.veld", "# tags: strings\nprint 4 # expect: 4\n");
    }

    private CliHarness.Result Report(double limit, bool withTests, string commit, params string[] extra)
    {
        var plan = Corpus.Write("plan.yaml", Plan.Replace("LIMIT", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var trx = Corpus.Write("tests.trx", PassingTrx);
        string[] args =
        [
            "report", "--plan", plan, "--corpus", Programs, "--history", History, "--commit", commit, "--branch", "test",
            "--json", Path.Combine(Corpus.Root, "report.json"), "--html", Path.Combine(Corpus.Root, "report.html"),
            .. withTests ? new[] { "--tests", trx } : [],
            .. extra,
        ];
        return CliHarness.RunFake(args);
    }

    /// <summary>The report's JSON, as the last run wrote it.</summary>
    private JsonElement ReportJson() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus.Root, "report.json"))).RootElement;

    private string? State(string id) => Item(id).GetProperty("state").GetString();

    private JsonElement Item(string id) =>
        ReportJson().GetProperty("phases")[0].GetProperty("items").EnumerateArray().First(i => i.GetProperty("id").GetString() == id);

    private JsonElement Target() => ReportJson().GetProperty("targets")[0];

    [Fact]
    public void Broken_evidence_shows_partial_failed_unknown_and_regressed_and_fails_the_run()
    {
        WriteCorpus(breakOne: false);
        var good = Report(limit: 1.0, withTests: true, commit: "aaaa1111", "--fail-on-regression");
        Assert.Equal(0, good.ExitCode);
        Assert.Equal("done", State("closures-on-stack"));
        Assert.Equal("done", State("unit-tests"));
        Assert.Equal("pass", Target().GetProperty("status").GetString());
        Assert.Contains("Fake migration: 100% complete", good.Stdout);

        // One program fails on one tier, the target is raised out of reach, the test results are missing.
        WriteCorpus(breakOne: true);
        var broken = Report(limit: 0.5, withTests: false, commit: "bbbb2222", "--fail-on-regression");

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("regressions against the recorded history", broken.Stderr);
        var closures = Item("closures-on-stack");
        Assert.Equal("regressed", closures.GetProperty("state").GetString());
        Assert.Equal("done", closures.GetProperty("previousState").GetString());
        var evidence = closures.GetProperty("evidence")[0];
        Assert.Equal((2, 3), (evidence.GetProperty("met").GetInt32(), evidence.GetProperty("of").GetInt32()));
        Assert.EndsWith("c.veld", evidence.GetProperty("missing")[0].GetString());
        Assert.Equal("unknown", State("unit-tests"));
        Assert.Equal(("fail", "pass"), (Target().GetProperty("status").GetString(), Target().GetProperty("previousStatus").GetString()));
        Assert.Contains("| Tree code no larger than stack code | tree vs stack | ≤ 0.50× | 1.00× | FAIL (regressed) |", broken.Stdout);
        Assert.Contains("- Regressed: `closures-on-stack`", broken.Stdout);
        Assert.Contains("- Targets crossed: `code-size: pass → fail`", broken.Stdout);
    }

    [Fact]
    public void The_compile_time_target_reads_a_compile_time_csv_and_a_missing_one_is_an_error()
    {
        WriteCorpus(breakOne: false);
        var plan = Corpus.Write("compile-plan.yaml",
            "title: Fake\nbaseline: stack\nphases: []\ntargets:\n  - { id: ct, title: Compiles fast, metric: compile-time, tier: tree, at-most: 1.10 }\n");
        var csv = Corpus.Write("compile.csv", "Program,Tier,MedianMs,AllocatedBytes,Failure\na.veld,stack,2,10,\na.veld,tree,3,10,\n");
        string[] args = ["report", "--plan", plan, "--corpus", Programs, "--history", History, "--commit", "dddd4444", "--branch", "test",
            "--json", Path.Combine(Corpus.Root, "report.json")];

        var measured = CliHarness.RunFake([.. args, "--compile-time", csv]);
        var missing = CliHarness.RunFake([.. args, "--compile-time", Path.Combine(Corpus.Root, "nope.csv")]);

        Assert.Equal(0, measured.ExitCode);
        Assert.Equal(1.5, Target().GetProperty("measured").GetDouble(), 9);
        Assert.Equal("fail", Target().GetProperty("status").GetString());
        Assert.Contains("warm compile time", Target().GetProperty("note").GetString());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nope.csv", missing.Stderr);
    }

    [Fact]
    public void Without_history_a_failing_program_is_partial_not_regressed_and_the_run_passes()
    {
        WriteCorpus(breakOne: true);
        var result = Report(limit: 1.0, withTests: false, commit: "cccc3333", "--fail-on-regression");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("partial", State("closures-on-stack"));
        Assert.Contains("| 🟡 | Closures pass on the stack tier | partial 2/3 |", result.Stdout);
        Assert.Equal("unknown", State("unit-tests"));
    }

    [Fact]
    public void Since_compares_with_the_named_commit_and_the_history_keeps_every_run()
    {
        WriteCorpus(breakOne: true);
        Assert.Equal(0, Report(limit: 1.0, withTests: true, commit: "dddd4444").ExitCode);
        WriteCorpus(breakOne: false);
        Assert.Equal(0, Report(limit: 1.0, withTests: true, commit: "eeee5555").ExitCode);
        var third = Report(limit: 1.0, withTests: true, commit: "ffff6666", "--since", "dddd");

        Assert.Equal(0, third.ExitCode);
        Assert.Contains("### Since dddd4444 on test", third.Stdout);
        Assert.Contains("- Newly done: `closures-on-stack`", third.Stdout);
        var history = ReportJson().GetProperty("history");
        Assert.Equal(["dddd4444", "eeee5555", "ffff6666"], history.EnumerateArray().Select(r => r.GetProperty("run").GetProperty("commit").GetString()));
    }

    [Fact]
    public void A_plan_that_does_not_hold_together_is_reported_and_fails()
    {
        var plan = Corpus.Write("bad.yaml", "title: x\nphases:\n  - id: p\n    items:\n      - id: i\n        evidence: [ { target: nowhere } ]\n");
        var result = CliHarness.RunFake("report", "--plan", plan, "--corpus", Programs, "--history", History, "--commit", "x", "--branch", "y");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown target 'nowhere'", result.Stderr);
    }
}
