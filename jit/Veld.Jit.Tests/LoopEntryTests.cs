using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// Compiled code is entered where the VM resumes a frame: pc 0, after a call, at a catch handler, and at the loop header
/// the VM tiered up at; not at forward jump targets, nor at other loop headers. At a loop header without an entry the
/// VM goes on interpreting (with the tree walker's output), and where that keeps happening the function is compiled
/// again with an entry there (section 26 of docs/PERFORMANCE.md).
/// </summary>
public class LoopEntryTests
{
    /// <summary>Three loops, the inner while loop hot first; typed float, int and bool registers across all of them.</summary>
    private const string InnerFirst = """
        fn grid(n)
            var total = 0.0
            var count = 0
            var odd = false
            for y in 0..n do
                var row = 0.0
                var x = 0
                while x < n do
                    row = row + x * 0.5
                    count = count + 1
                    x = x + 1
                end
                for z in 0..3 do
                    if odd then odd = false else odd = true end
                end
                total = total + row
            end
            (total, count, odd)
        end
        println(grid(60))
        """;

    /// <summary>Two loops one after the other: the VM tiers up in the first.</summary>
    private const string SecondLoop = """
        fn two_loops(n)
            var sum = 0
            var i = 0
            while i < n do
                sum = sum + i % 7
                i = i + 1
            end
            var x = 0.5
            var j = 0
            while j < n do
                x = x * 0.999 + 0.25
                sum = sum + j % 3
                j = j + 1
            end
            (sum, i, j, x > 1.0)
        end
        println(two_loops(3000))
        """;

    private static CompiledFunctionInfo Only(JitStatistics stats, string name) => Assert.Single(stats.Compiled, c => c.Name == name);

    [Fact]
    public void A_function_hot_in_its_inner_loop_has_entries_at_pc_0_and_that_loops_header_only()
    {
        var options = new RunOptions { JitThreshold = 10 };
        var (outcome, stats) = JitRuns.Run(InnerFirst, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(InnerFirst, options)), JitRuns.Observed(outcome));
        Assert.Equal(2, Only(stats, "grid").Entries); // every jump target and loop header before: 8
        Assert.Equal(0, stats.EntriesMissed); // entered at the inner header, it ran the outer loops to the end
    }

    [Fact]
    public void Forward_jump_targets_and_loop_headers_not_asked_for_get_no_entry_stub()
    {
        var program = ProgramCompiler.Compile(JitRuns.Check(InnerFirst));
        var grid = program.Script.SelfAndDescendants().Single(p => p.Name == "grid");
        var plan = TypePlan.For(grid, program, new HashSet<int>());
        CompiledFunctionInfo Compile(IReadOnlySet<int>? loopEntries)
        {
            var stats = new JitStatistics();
            Assert.NotNull(DirectLinking.Compile(grid, plan, generation: 0, stress: false, nativeNow: false, stats, _ => null, _ => [], _ => null,
                new HashSet<int>(), out _, loopEntries: loopEntries));
            return stats.Compiled.Single();
        }
        var everyHeader = Compile(null);
        var none = Compile(new HashSet<int>());
        Assert.Equal(4, everyHeader.Entries); // pc 0 and the three loop headers
        Assert.Equal(1, none.Entries);
        Assert.True(none.IlBytes < everyHeader.IlBytes, $"{none.IlBytes} IL bytes with pc 0 only, {everyHeader.IlBytes} with every header");
    }

    [Fact]
    public void A_loop_header_without_an_entry_goes_on_interpreted_and_asks_for_an_entry()
    {
        var missed = new List<long>();
        var recompiled = new List<int>();
        foreach (int threshold in new[] { 0, 10, 1000 })
            foreach (int seed in new[] { 1, 2, 3 })
                foreach (var source in new[] { SecondLoop, InnerFirst })
                {
                    // A stress deoptimisation keeps the code: the VM then comes back to loop headers that may have no entry.
                    var options = new RunOptions { JitThreshold = threshold, JitStress = seed };
                    var (outcome, stats) = JitRuns.Run(source, options);
                    Assert.Equal(JitRuns.Observed(JitRuns.Tree(source, options)), JitRuns.Observed(outcome));
                    missed.Add(stats.EntriesMissed);
                    recompiled.Add(stats.EntryRecompilations);
                }
        Assert.Contains(missed, m => m > 0);
        Assert.Contains(recompiled, r => r > 0);
    }

    [Fact]
    public void Mandelbrots_function_compiles_with_two_entries_and_a_quarter_less_IL()
    {
        string source = File.ReadAllText(Path.Combine(JitRuns.CorpusRoot(), "bench", "mandelbrot.veld"));
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { Args = ["250"] });
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        var compiled = Assert.Single(stats.Compiled);
        Assert.Equal(2, compiled.Entries); // pc 0 and the inner loop's header; 10 before
        Assert.InRange(compiled.IlBytes, 1, 5_000); // 6,010 before
    }
}
