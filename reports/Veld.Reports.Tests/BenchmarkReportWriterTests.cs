using CsvHelper;
using Veld.Bench;

namespace Veld.Reports.Tests;

/// <summary>Speedups, geometric means and the two report formats, on synthetic measurements.</summary>
public class BenchmarkReportWriterTests
{
    private static TierMeasurement Tier(string name, params double[] ms) =>
        new(name, [.. ms.Select(m => new RunSample(m, AllocatedBytes: (long)(m * 1000), Instructions: name == "tree" ? null : 5000))], null);

    private static TierMeasurement Failed(string name) => new(name, [], "run 1/5: RuntimeError: Assert: assertion failed at line 3");

    /// <summary>Two programs: on "a" stack takes 100 ms and register 25 ms (4x); on "b" 90 ms and 90 ms (1x).
    /// Tree is 2x slower than stack on both; Lua is 50 ms and 45 ms.</summary>
    private static BenchmarkReport Report(bool registerFailsOnB = false) => new(
        new BenchmarkEnvironment("TestOS", ".NET 10", "Test CPU", 2, "workstation", DateTimeOffset.UnixEpoch),
        Warmup: 1, Iterations: 3,
        Tiers: ["tree", "stack", "register", "lua"],
        Programs:
        [
            new("a", "10", [Tier("tree", 200, 210, 190), Tier("stack", 100, 120, 95), Tier("register", 25, 30, 20), Tier("lua", 50, 50, 51)]),
            new("b", "20", [Tier("tree", 180, 181, 179), Tier("stack", 90, 80, 100),
                            registerFailsOnB ? Failed("register") : Tier("register", 90, 91, 89), Tier("lua", 45, 44, 46)]),
        ],
        LuaVersion: "Lua 5.4.6", LuaStartupMs: 1.5, Notes: ["a note"]);

    [Fact]
    public void Tier_measurement_gives_median_min_and_max_of_its_runs()
    {
        var t = Tier("stack", 100, 120, 95);
        Assert.Equal(100, t.MedianMs);
        Assert.Equal(95, t.MinMs);
        Assert.Equal(120, t.MaxMs);
        Assert.Equal(100_000, t.MedianAllocatedBytes);
        Assert.Equal(5000, t.Instructions);
    }

    [Fact]
    public void Speedup_per_program_is_the_ratio_of_medians()
    {
        var a = Report().Programs[0];
        Assert.Equal(4.0, a.Speedup("register", "stack"));
        Assert.Equal(0.5, a.Speedup("tree", "stack"));
        Assert.Equal(8.0, a.Speedup("register", "tree"));
        Assert.Equal(2.0, a.Speedup("register", "lua"));
        Assert.Null(a.Speedup("register", "jit"));
    }

    [Fact]
    public void Geometric_mean_speedup_is_over_programs_where_both_tiers_succeeded()
    {
        var all = Report().GeometricMeanSpeedup("register", "stack")!;
        Assert.Equal(2.0, all.GeometricMean, precision: 12); // sqrt(4 * 1)
        Assert.Equal((2, 2), (all.Programs, all.OutOf));

        var partial = Report(registerFailsOnB: true).GeometricMeanSpeedup("register", "stack")!;
        Assert.Equal(4.0, partial.GeometricMean, precision: 12);
        Assert.Equal((1, 2), (partial.Programs, partial.OutOf));

        Assert.Null(Report().GeometricMeanSpeedup("register", "jit"));
    }

    [Fact]
    public void References_are_stack_tree_and_lua_in_that_order_when_they_were_run()
    {
        Assert.Equal(["stack", "tree", "lua"], Report().References);
        var noLua = Report() with { Tiers = ["register", "stack"] };
        Assert.Equal(["stack"], noLua.References);
    }

    [Fact]
    public void Markdown_has_a_row_per_program_and_tier_the_summary_and_the_failures()
    {
        var w = new StringWriter();
        MarkdownReportWriter.Write(w, Report(registerFailsOnB: true));
        var text = w.ToString();

        Assert.Contains("| Program | Size | Tier | Median ms | Min–max ms | Allocated | Instructions | × stack | × tree | × lua |", text);
        Assert.Contains("| a | 10 | register | 25.00 | 20.00–30.00 | 24.4 KiB | 5,000 | 4.00× | 8.00× | 2.00× |", text);
        Assert.Contains("| b | 20 | register | FAILED | | | | – | – | – |", text);
        Assert.Contains("| register | 4.00× (1/2) | 8.00× (1/2) | 2.00× (1/2) |", text);
        Assert.Contains("- **b** on **register**: run 1/5: RuntimeError: Assert: assertion failed at line 3", text);
        Assert.Contains("an empty script takes 1.500 ms", text);
        Assert.Contains("- a note", text);
    }

    [Fact]
    public void Markdown_summary_sentences_say_which_side_is_faster()
    {
        var readings = MarkdownReportWriter.Readings(Report()).ToList();
        Assert.Contains("register is 2.00× as fast as stack (geometric mean over all 2 programs).", readings);
        Assert.Contains("stack is 2.00× as fast as tree (geometric mean over all 2 programs).", readings);
        Assert.Contains("lua is 2.00× as fast as stack (geometric mean over all 2 programs).", readings);
        Assert.Equal(readings.Count, readings.Distinct().Count());
        // Each pair once: tree, stack, register and lua give six pairs with a reference in them.
        Assert.Equal(6, readings.Count);
    }

    [Fact]
    public void Csv_has_one_row_per_program_and_tier_that_reads_back()
    {
        var w = new StringWriter();
        CsvReportWriter.Write(w, Report(registerFailsOnB: true));

        using var reader = CsvReader.Create(new StringReader(w.ToString()));
        var rows = reader.GetRecords<BenchmarkCsvRow>().ToList();

        Assert.Equal(8, rows.Count);
        var a = rows.Single(r => r.Program == "a" && r.Tier == "register");
        Assert.Equal((25.0, 20.0, 30.0, 3), (a.MedianMs, a.MinMs, a.MaxMs, a.Runs));
        Assert.Equal((4.0, 8.0, 2.0), (a.SpeedupVsStack, a.SpeedupVsTree, a.SpeedupVsLua));
        Assert.Equal("25 30 20", a.SamplesMs);
        var failed = rows.Single(r => r.Program == "b" && r.Tier == "register");
        Assert.Equal(0, failed.Runs);
        Assert.Null(failed.MedianMs);
        Assert.Null(failed.SpeedupVsStack);
        Assert.StartsWith("run 1/5", failed.Failure);
    }
}
