using System.Collections.Concurrent;
using Veld.Language;

namespace Veld.TreeWalk.Tests;

/// <summary>Fuel and time limits end runaway programs; runs share nothing.</summary>
public class IsolationAndLimitTests
{
    [Fact]
    public void Fuel_stops_an_infinite_loop() =>
        FailsWith("var i = 0\nwhile true do\n    i += 1\nend", ErrorKind.LimitExceeded, 2, new RunOptions { Fuel = 50_000 });

    [Fact]
    public void Fuel_stops_infinite_tail_recursion() =>
        Assert.Equal(OutcomeKind.LimitExceeded, Run("fn f(n) f(n + 1) end\nf(0)", new RunOptions { Fuel = 50_000 }).Kind);

    [Fact]
    public void Enough_fuel_lets_a_program_finish() =>
        Assert.Equal(OutcomeKind.Success, Run("var s = 0\nfor i in 0..100 do s += i end\ns", new RunOptions { Fuel = 1_000 }).Kind);

    [Fact]
    public void Timeout_stops_an_infinite_loop()
    {
        var outcome = Run("while true do end", new RunOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        Assert.Equal(OutcomeKind.LimitExceeded, outcome.Kind);
        Assert.Equal("LimitExceeded", outcome.Error!.Kind);
    }

    /// <summary>Issue 14: an ever-growing array ended in OutOfMemoryException, reported as an internal error.
    /// Fuel is ample, so only the memory check can give this message.</summary>
    [Fact]
    public void The_memory_limit_ends_a_growing_array_cleanly()
    {
        var outcome = Run("let a = []\nwhile true do\n    a.push([1, 2, 3, 4])\nend",
            new RunOptions { MaxMemory = 64L << 20, Fuel = 500_000_000 });
        Assert.Equal(OutcomeKind.LimitExceeded, outcome.Kind);
        Assert.Contains("memory limit of 64 MiB exceeded", outcome.Error!.Message);
    }

    /// <summary>Issue 14: format~ doubling bypassed the string limit that + and repeat honour.</summary>
    [Fact]
    public void Format_honours_the_string_limit()
    {
        var outcome = Run("var s = \"ab\"\nfor i in 0..40 do\n    s = format~(\"{s}{s}\")\nend");
        Assert.Equal(OutcomeKind.LimitExceeded, outcome.Kind);
        Assert.Contains("exceeds the limit", outcome.Error!.Message);
    }

    private const string Program = """
        struct Acc
            total: i64
        end
        impl Acc
            fn add(self, x) self.total += x end
        end
        var calls = 0
        let n = args()[0] as int
        let acc = Acc(total: 0)
        let fs = []
        for i in 0..n do
            fs.push(() => do calls += 1  i end)
        end
        for f in fs do acc.add(f()) end
        println~("n={n} total={acc.total} calls={calls}")
        acc.total
        """;

    private static string Expected(int n) => $"n={n} total={n * (n - 1) / 2} calls={n}\n";

    [Fact]
    public void One_executable_runs_many_times_in_parallel_without_sharing_state()
    {
        var compiled = VeldCompiler.Compile(new Source("t.veld", Program));
        Assert.True(compiled.Success);
        var executable = new TreeWalkTier().Compile(compiled.Program!);
        var failures = new ConcurrentBag<string>();
        Parallel.For(0, 32, i =>
        {
            int n = 50 + i * 7;
            var outcome = TierHost.Execute("tree", executable, new RunOptions { Args = [n.ToString()] }, null);
            if (outcome.Kind != OutcomeKind.Success || outcome.Stdout != Expected(n) || outcome.Result.AsInt != n * (n - 1) / 2)
                failures.Add($"n={n}: {Describe(outcome)}");
        });
        Assert.Empty(failures);
    }

    [Fact]
    public void Parallel_compile_and_run_give_independent_results()
    {
        var outcomes = new RunOutcome[16];
        Parallel.For(0, outcomes.Length, i =>
            outcomes[i] = Run(Program, new RunOptions { Args = [(i + 1).ToString()] }));
        for (int i = 0; i < outcomes.Length; i++)
            Assert.Equal(Expected(i + 1), outcomes[i].Stdout);
    }

    [Fact]
    public void A_run_does_not_see_the_previous_run_of_the_same_executable()
    {
        var compiled = VeldCompiler.Compile(new Source("t.veld", Program));
        var executable = new TreeWalkTier().Compile(compiled.Program!);
        var first = TierHost.Execute("tree", executable, new RunOptions { Args = ["10"] }, null);
        var second = TierHost.Execute("tree", executable, new RunOptions { Args = ["10"] }, null);
        Assert.Equal(Expected(10), first.Stdout);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void Tier_reports_no_code_size() => Assert.Null(Succeeds("1").Metrics.CodeBytes);
}
