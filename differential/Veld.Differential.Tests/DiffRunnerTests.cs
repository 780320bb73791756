using Veld.Runtime;

namespace Veld.Differential.Tests;

public class DiffRunnerTests
{
    private static TierRegistration Tier(string name, Func<string, string>? skew = null) => new(name, "fake", () => new FakeTier(name, skew));

    private static DiffRunner Runner(DiffOptions? options = null, params TierRegistration[] tiers) =>
        new(tiers.Length > 0 ? tiers : [Tier("tree"), Tier("stack")], options, FakeFrontEnd.Compile);

    [Fact]
    public void Agreeing_tiers_that_meet_the_expectations_pass()
    {
        using var corpus = new TempCorpus();
        corpus.Write("ok.veld", "# tags: fake\nprint 1 # expect: 1\nprint 2 # expect: 2\n");
        var report = Runner().Run([corpus.Root]);
        Assert.False(report.HasFailures);
        Assert.Empty(report.Findings);
        Assert.All(report.Summaries, s => Assert.Equal((1, 1, 0), (s.Programs, s.Passed, s.Failed)));
    }

    [Fact]
    public void A_planted_disagreement_is_reported_with_a_diff()
    {
        using var corpus = new TempCorpus();
        corpus.Write("ops/add.veld", "print 3\nprint 5\n");
        var report = Runner(null, Tier("tree"), Tier("stack", s => s.Replace("5", "6"))).Run([corpus.Root]);

        Assert.True(report.HasFailures);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.Disagreement, finding.Kind);
        Assert.Equal(["tree", "stack"], finding.Tiers);
        Assert.EndsWith("ops/add.veld", finding.Path);
        Assert.Contains("-5\n+6\n", finding.Detail);
        var stack = report.Summaries.Single(s => s.Tier == "stack");
        Assert.Equal((1, 0, 1), (stack.Disagreements, stack.Passed, stack.Failed));
        Assert.Equal(0, report.Summaries.Single(s => s.Tier == "tree").Disagreements);
    }

    [Fact]
    public void The_same_expectation_failure_on_every_tier_is_one_finding_naming_them_all()
    {
        using var corpus = new TempCorpus();
        corpus.Write("wrong.veld", "print 1 # expect: 2\n");
        var report = Runner().Run([corpus.Root]);
        var finding = Assert.Single(report.Findings);
        Assert.Equal((FindingKind.ExpectationFailure, "tree, stack"), (finding.Kind, string.Join(", ", finding.Tiers)));
        Assert.All(report.Summaries, s => Assert.Equal(1, s.ExpectationFailures));
    }

    [Fact]
    public void Expected_runtime_errors_pass_and_tiers_agree_on_them()
    {
        using var corpus = new TempCorpus();
        corpus.Write("err.veld", "print a # expect: a\nraise Index index 3 out of range # expect runtime error: Index: index 3 out of range\n");
        Assert.False(Runner().Run([corpus.Root]).HasFailures);
    }

    [Fact]
    public void Compile_errors_come_from_the_front_end_once_and_are_checked_on_every_tier()
    {
        using var corpus = new TempCorpus();
        corpus.Write("expected.veld", "print 1\nbad # expect compile error: bad syntax here\n");
        corpus.Write("unexpected.veld", "bad\n");
        var report = Runner().Run([corpus.Root]);
        Assert.False(report.Programs[0].Failed);
        Assert.All(report.Programs[0].Runs, r => Assert.Equal(OutcomeKind.CompileError, r.Outcome.Kind));
        var finding = Assert.Single(report.Findings);
        Assert.Equal("unexpected compile error", finding.Summary);
        Assert.EndsWith("unexpected.veld", finding.Path);
    }

    [Fact]
    public void Unsupported_and_crashes_are_failures_of_their_own_kind()
    {
        using var corpus = new TempCorpus();
        corpus.Write("a.veld", "crash\n");
        corpus.Write("b.veld", "unsupported\n");
        var report = Runner(null, Tier("tree")).Run([corpus.Root]);
        Assert.True(report.HasFailures);
        Assert.Equal([FindingKind.InternalError, FindingKind.Unsupported], report.Findings.Select(f => f.Kind));
        Assert.Contains("the fake tier crashed", report.Findings.First().Detail);
        var tree = Assert.Single(report.Summaries);
        Assert.Equal((1, 1, 1, 0), (tree.InternalErrors, tree.Failed, tree.Unsupported, tree.Passed));
    }

    [Fact]
    public void Running_out_of_fuel_is_an_outcome_the_tiers_agree_on()
    {
        using var corpus = new TempCorpus();
        corpus.Write("loop.veld", "print start\nspin\n");
        var report = Runner(new DiffOptions { Fuel = 10_000 }).Run([corpus.Root]);
        Assert.False(report.HasFailures);
        Assert.All(report.Summaries, s => Assert.Equal((1, 0), (s.Passed, s.Inconclusive)));
        Assert.All(report.Programs[0].Runs, r => Assert.True(r.Outcome.RanOutOfFuel));
    }

    [Fact]
    public void A_tier_that_ignores_its_limits_is_reported_instead_of_hanging_the_harness()
    {
        using var corpus = new TempCorpus();
        corpus.Write("hang.veld", "hang\n");
        try
        {
            var options = new DiffOptions { Timeout = TimeSpan.FromMilliseconds(100), HangGrace = TimeSpan.FromMilliseconds(100) };
            var report = Runner(options, Tier("tree")).Run([corpus.Root]);
            var finding = Assert.Single(report.Findings);
            Assert.Equal(FindingKind.InternalError, finding.Kind);
            Assert.Contains("does not check its limits", finding.Detail);
        }
        finally
        {
            FakeTier.ReleaseHangs();
        }
    }

    [Fact]
    public void A_front_end_crash_is_an_internal_error_on_every_tier()
    {
        using var corpus = new TempCorpus();
        corpus.Write("x.veld", "print 1\n");
        var runner = new DiffRunner([Tier("tree"), Tier("stack")], null, _ => throw new InvalidOperationException("parser bug"));
        var finding = Assert.Single(runner.Run([corpus.Root]).Findings);
        Assert.Equal((FindingKind.InternalError, 2), (finding.Kind, finding.Tiers.Count));
        Assert.Contains("parser bug", finding.Detail);
    }

    [Fact]
    public void Invalid_utf8_is_a_compile_error_at_the_offending_byte()
    {
        using var corpus = new TempCorpus();
        corpus.WriteBytes("bad.veld", [.. "print 1\nprint "u8, 0xFF, .. "\n"u8]);
        var report = Runner().Run([corpus.Root]);
        var run = report.Programs[0].Runs[0];
        Assert.Equal(OutcomeKind.CompileError, run.Outcome.Kind);
        Assert.Equal((2, 7), (run.Outcome.Error!.Line, run.Outcome.Error.Column));
        Assert.Contains("invalid UTF-8 byte 0xFF", run.Outcome.Error.Message);
    }

    [Fact]
    public void Parallel_runs_report_programs_in_path_order_with_the_same_findings_as_a_serial_run()
    {
        using var corpus = new TempCorpus();
        for (int i = 0; i < 40; i++)
            corpus.Write($"d{i % 3}/p{i:D2}.veld", i % 7 == 0 ? $"print {i}\nprint 5\n" : $"print {i} # expect: {i}\n");
        var stackSkew = Tier("stack", s => s.Replace("5", "five"));

        var parallel = Runner(new DiffOptions { Parallelism = 8 }, Tier("tree"), stackSkew).Run([corpus.Root]);
        var serial = Runner(new DiffOptions { Parallelism = 1 }, Tier("tree"), stackSkew).Run([corpus.Root]);

        var paths = parallel.Programs.Select(p => p.Program.Path).ToList();
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
        Assert.Equal(40, paths.Count);
        Assert.Equal(Render(serial), Render(parallel));
        // Programs printing a 5: i = 0, 7, 14, 21, 28, 35 (print 5) and 5, 15, 25 (print i).
        Assert.Equal(9, parallel.Summaries[1].Disagreements);
    }

    [Fact]
    public void Progress_is_reported_once_per_program()
    {
        using var corpus = new TempCorpus();
        for (int i = 0; i < 5; i++) corpus.Write($"p{i}.veld", "print 1\n");
        int done = 0;
        Runner().Run([corpus.Root], _ => Interlocked.Increment(ref done));
        Assert.Equal(5, done);
    }

    [Fact]
    public void Files_are_found_recursively_sorted_and_without_duplicates()
    {
        using var corpus = new TempCorpus();
        var b = corpus.Write("b/x.veld", "");
        corpus.Write("a/y.veld", "");
        corpus.Write("a/notes.txt", "");
        var files = CorpusFiles.Find([corpus.Root, b]);
        Assert.Equal(["a/y.veld", "b/x.veld"], files.Select(f => Path.GetRelativePath(corpus.Root, f).Replace('\\', '/')));
        Assert.Throws<FileNotFoundException>(() => CorpusFiles.Find([Path.Combine(corpus.Root, "missing")]));
    }

    private static string Render(DiffReport report)
    {
        var writer = new StringWriter();
        FindingsWriter.Write(writer, report, verbose: true);
        return writer.ToString();
    }
}
