using Veld.Bench;
using Veld.Runtime;

namespace Veld.Bench.Tests;

/// <summary>The runner's scheme (compile once, warm up, interleave, check every run) with fake tiers; nothing is timed.</summary>
public class BenchmarkRunnerTests
{
    private static BenchmarkProgram Program(string name = "p", string text = "println(\"ok\")", long? benchSize = 42) =>
        new(name, $"{name}.veld", text, benchSize, LuaPath: null);

    [Fact]
    public void Tiers_take_turns_in_every_round_and_warmup_rounds_are_not_measured()
    {
        var log = new List<string>();
        var a = new FakeTier("a", log);
        var b = new FakeTier("b", log);
        var runner = new BenchmarkRunner([a, b], new BenchmarkOptions { Warmup = 2, Iterations = 3 });

        var report = runner.Run([Program()]);

        Assert.Equal(["a", "b", "a", "b", "a", "b", "a", "b", "a", "b"], log);
        var measured = report.Programs.Single();
        Assert.All(measured.Tiers, t => Assert.Equal(3, t.Samples.Count));
        Assert.All(measured.Tiers, t => Assert.Null(t.Failure));
        Assert.All(measured.Tiers, t => Assert.Equal(1000, t.Instructions));
    }

    [Fact]
    public void Each_program_is_measured_completely_before_the_next_starts()
    {
        var log = new List<string>();
        var a = new FakeTier("a", log, (_, c) => { c.Output.Write(string.Join(",", c.Args) + "\n"); return Value.Unit; });
        var runner = new BenchmarkRunner([a], new BenchmarkOptions { Warmup = 1, Iterations = 2 });

        var report = runner.Run([Program("first", benchSize: 7), Program("second", benchSize: 9)]);

        Assert.Equal(["first", "second"], report.Programs.Select(p => p.Program));
        Assert.Equal([["7"], ["7"], ["7"], ["9"], ["9"], ["9"]], a.ArgsSeen);
    }

    [Theory]
    [InlineData("default", new string[0], "default")]
    [InlineData("500", new[] { "500" }, "500")]
    public void The_size_choice_decides_what_args_returns(string sizeText, string[] expectedArgs, string label)
    {
        var a = new FakeTier("a", []);
        var runner = new BenchmarkRunner([a], new BenchmarkOptions { Warmup = 0, Iterations = 1, Size = BenchmarkSize.Parse(sizeText)! });

        var report = runner.Run([Program(benchSize: 42)]);

        Assert.Equal(expectedArgs, a.ArgsSeen.Single());
        Assert.Equal(label, report.Programs.Single().Size);
    }

    [Fact]
    public void A_failing_run_is_reported_the_tier_is_not_timed_and_not_run_again_on_that_program()
    {
        var log = new List<string>();
        var good = new FakeTier("good", log);
        var bad = new FakeTier("bad", log, (n, c) =>
        {
            if (n == 2) throw new VeldRuntimeException(ErrorKind.Assert, "assertion failed: sieve: wrong prime count", 12);
            c.Output.Write("ok\n");
            return Value.Unit;
        });
        var runner = new BenchmarkRunner([good, bad], new BenchmarkOptions { Warmup = 1, Iterations = 4 });

        var report = runner.Run([Program()]);

        var result = report.Programs.Single();
        Assert.Equal(3, bad.Runs); // warm-up, one good measured run, the failing one
        Assert.Empty(result.Find("bad")!.Samples);
        Assert.Contains("run 2/4", result.Find("bad")!.Failure);
        Assert.Contains("wrong prime count", result.Find("bad")!.Failure);
        Assert.Contains("line 12", result.Find("bad")!.Failure);
        Assert.Equal(4, result.Find("good")!.Samples.Count);
        Assert.True(report.HasFailures);
        Assert.Null(result.Speedup("good", "bad"));
    }

    [Fact]
    public void A_tier_that_prints_something_else_than_the_first_tier_fails()
    {
        var log = new List<string>();
        var oracle = new FakeTier("oracle", log);
        var wrong = new FakeTier("wrong", log, (_, c) => { c.Output.Write("ko\n"); return Value.Unit; });
        var runner = new BenchmarkRunner([oracle, wrong], new BenchmarkOptions { Warmup = 0, Iterations = 2 });

        var report = runner.Run([Program()]);

        var failure = report.Programs.Single().Find("wrong")!.Failure;
        Assert.Equal("run 1/2: printed \"ko\" but oracle printed \"ok\"", failure);
        Assert.Null(report.Programs.Single().Find("oracle")!.Failure);
    }

    [Fact]
    public void A_program_that_prints_a_FAIL_line_fails_even_though_its_run_succeeded()
    {
        var a = new FakeTier("a", [], (_, c) => { c.Output.Write("FAIL: expected 669 primes\n"); return Value.Unit; });
        var runner = new BenchmarkRunner([a], new BenchmarkOptions { Warmup = 0, Iterations = 1 });

        var failure = runner.Run([Program()]).Programs.Single().Find("a")!.Failure;

        Assert.Equal("run 1/1: the program reported a failure: FAIL: expected 669 primes", failure);
    }

    [Fact]
    public void A_tier_that_cannot_compile_the_program_is_reported_and_the_others_still_run()
    {
        var log = new List<string>();
        var refusing = new FakeTier("refusing", log) { RefuseToCompile = true };
        var fine = new FakeTier("fine", log);
        var runner = new BenchmarkRunner([refusing, fine], new BenchmarkOptions { Warmup = 0, Iterations = 2 });

        var result = runner.Run([Program()]).Programs.Single();

        Assert.Equal("unsupported: closures are not supported yet", result.Find("refusing")!.Failure);
        Assert.Equal(["fine", "fine"], log);
        Assert.Equal(2, result.Find("fine")!.Samples.Count);
    }

    [Fact]
    public void A_program_with_a_compile_error_fails_on_every_tier_without_running()
    {
        var log = new List<string>();
        var runner = new BenchmarkRunner([new FakeTier("a", log), new FakeTier("b", log)], new BenchmarkOptions());

        var result = runner.Run([Program(text: "println(undeclared)")]).Programs.Single();

        Assert.Empty(log);
        Assert.All(result.Tiers, t => Assert.StartsWith("compile error at 1:9: undeclared name 'undeclared'", t.Failure));
    }

    [Fact]
    public void Progress_is_reported_before_every_run_and_counts_skipped_runs()
    {
        var events = new List<BenchmarkProgress>();
        var bad = new FakeTier("bad", [], (_, _) => throw new VeldRuntimeException(ErrorKind.Value, "boom"));
        var good = new FakeTier("good", []);
        var runner = new BenchmarkRunner([bad, good], new BenchmarkOptions { Warmup = 1, Iterations = 2 });

        runner.Run([Program()], events.Add);

        // bad runs once (warm-up) and fails; good runs three times.
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal(6, e.RunsTotal));
        Assert.Equal("p · bad · warm-up 1/1", events[0].Describe());
        Assert.Equal("p · good · run 2/2", events[^1].Describe());
        Assert.Equal(5, events[^1].RunsDone); // the two skipped runs of bad are counted
    }

    [Fact]
    public void Runs_execute_on_the_runners_own_thread_not_the_callers()
    {
        string? runThread = null;
        var probe = new FakeTier("probe", [], (_, c) =>
        {
            runThread = Thread.CurrentThread.Name;
            c.Output.Write("ok\n");
            return Value.Unit;
        });

        new BenchmarkRunner([probe], new BenchmarkOptions { Warmup = 0, Iterations = 1 }).Run([Program()]);

        // The runner's thread is created with LargeStack.StackBytes of stack.
        Assert.Equal("veld-bench", runThread);
    }

    [Fact]
    public void Rejects_no_tiers_duplicate_tiers_and_no_iterations()
    {
        Assert.Throws<ArgumentException>(() => new BenchmarkRunner([], new BenchmarkOptions()));
        Assert.Throws<ArgumentException>(() => new BenchmarkRunner([new FakeTier("a", []), new FakeTier("a", [])], new BenchmarkOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BenchmarkRunner([new FakeTier("a", [])], new BenchmarkOptions { Iterations = 0 }));
    }
}
