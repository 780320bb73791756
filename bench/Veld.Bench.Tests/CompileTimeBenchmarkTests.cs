using Veld.Language;
using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.Bench.Tests;

/// <summary><see cref="CompileTimeBenchmark"/>'s scheme (front end once, tiers in rotating turns, warm-up not
/// measured, failures kept apart) with tiers that count their compiles; nothing is timed.</summary>
public class CompileTimeBenchmarkTests
{
    /// <summary>Logs each compile as "tier:file"; allocates <paramref name="allocate"/> bytes per compile;
    /// refuses programs of two statements. Its executable is never run.</summary>
    private sealed class CompilingTier(string name, List<string> log, int allocate = 0) : ITier
    {
        public string Name => name;
        public static byte[]? Kept;

        public IExecutable Compile(CheckedProgram program)
        {
            log.Add($"{name}:{program.FileName}");
            if (program.Syntax.Statements.Count == 2) throw new TierUnsupportedException("two statements are too many");
            if (allocate > 0) Kept = new byte[allocate];
            // A compile that takes no measurable time would have no ratio; take a few microseconds.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed.TotalMilliseconds < 0.005) { }
            return null!;
        }
    }

    private static Source Program(string name, string text = "println(1)") => new(name, text);

    [Fact]
    public void Each_tier_compiles_each_program_once_per_round_and_the_tiers_order_rotates()
    {
        var log = new List<string>();
        var benchmark = new CompileTimeBenchmark([new CompilingTier("a", log), new CompilingTier("b", log)], warmup: 1, iterations: 2);

        var report = benchmark.Run([Program("p.veld"), Program("q.veld")]);

        Assert.Equal(["a:p.veld", "b:p.veld", "a:q.veld", "b:q.veld",   // round 1 (warm-up)
                      "b:p.veld", "a:p.veld", "b:q.veld", "a:q.veld",   // round 2
                      "a:p.veld", "b:p.veld", "a:q.veld", "b:q.veld"],  // round 3
                     log);
        Assert.Equal(["p.veld", "q.veld"], report.Common.Select(p => p.Path));
        Assert.All(report.Programs, p => Assert.All(p.MedianMs, m => Assert.True(m >= 0)));
        Assert.Equal((1, 2), (report.Warmup, report.Iterations));
    }

    [Fact]
    public void A_program_the_front_end_rejects_is_listed_and_never_compiled()
    {
        var log = new List<string>();
        var benchmark = new CompileTimeBenchmark([new CompilingTier("a", log)], warmup: 0, iterations: 1);

        var report = benchmark.Run([Program("bad.veld", "let = 1"), Program("good.veld")]);

        Assert.Equal(["bad.veld"], report.FrontEndFailures);
        Assert.Equal(["a:good.veld"], log);
    }

    [Fact]
    public void A_tier_whose_compiler_fails_keeps_the_reason_is_not_retried_and_the_program_leaves_the_ratios()
    {
        var log = new List<string>();
        var benchmark = new CompileTimeBenchmark([new CompilingTier("a", log), new CompilingTier("b", log)], warmup: 0, iterations: 3);

        var report = benchmark.Run([Program("two.veld", "println(1)\nprintln(2)"), Program("one.veld")]);

        var two = report.Programs.Single(p => p.Path == "two.veld");
        Assert.Equal([null, null], two.MedianMs);
        Assert.All(two.Failures, f => Assert.Equal("two statements are too many", f));
        Assert.Equal(1, log.Count(l => l == "a:two.veld"));
        Assert.Equal(["one.veld"], report.Common.Select(p => p.Path));
        Assert.Equal(1, report.Ratio(1, 0)!.Programs);
    }

    [Fact]
    public void The_bytes_one_compile_allocates_are_counted_per_tier()
    {
        var log = new List<string>();
        var benchmark = new CompileTimeBenchmark([new CompilingTier("small", log), new CompilingTier("big", log, allocate: 1 << 20)], warmup: 0, iterations: 1);

        var report = benchmark.Run([Program("p.veld")]);

        Assert.InRange(report.TotalAllocatedBytes(1), 1 << 20, 2 << 20);
        Assert.InRange(report.TotalAllocatedBytes(0), 0, 64 << 10);
    }

    [Fact]
    public void Ratios_are_the_geometric_mean_and_median_per_program_and_the_ratio_of_totals()
    {
        var report = new CompileTimeReport(["stack", "register"],
        [
            new ProgramCompileTime("a", [1.0, 4.0], [null, null], [0, 0]),
            new ProgramCompileTime("b", [2.0, 2.0], [null, null], [0, 0]),
            new ProgramCompileTime("c", [1.0, 1.0], [null, null], [0, 0]),
            new ProgramCompileTime("failed", [1.0, null], [null, "unsupported"], [0, 0]),
        ], [], Warmup: 1, Iterations: 3);

        var ratio = report.Ratio(1, 0)!;

        Assert.Equal(3, ratio.Programs);
        Assert.Equal(Math.Cbrt(4.0), ratio.GeometricMean, 9);
        Assert.Equal(1.0, ratio.Median, 9);
        Assert.Equal(7.0 / 4.0, ratio.OfTotals, 9);
        Assert.Equal(4.0, report.TotalMs(0), 9);
    }
}
