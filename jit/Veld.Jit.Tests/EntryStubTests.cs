using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// Entry stubs (one per place the VM may resume a frame in compiled code) test each typed register live there in its
/// stack slot, and a failed test goes to one failure per register and web that every entry shares: it deoptimises at
/// the pc the entry switch dispatched on. Before, every entry had its own failure per register (section 20 of
/// docs/PERFORMANCE.md: mandelbrot's IL 8,079 → 6,611 bytes).
/// </summary>
public class EntryStubTests
{
    /// <summary>Entries at pc 0 and the two loop headers (the listing compiles every header: no run says which one the VM
    /// tiers up at); total and count typed across both headers.</summary>
    private const string NestedLoops = """
        fn grid(n)
            var total = 0.0
            var count = 0
            for y in 0..n do
                var row = 0.0
                for x in 0..n do
                    row = row + x * 0.5
                    count = count + 1
                end
                total = total + row
            end
            total + count
        end
        println(grid(40))
        """;

    [Fact]
    public void Entries_loading_the_same_register_share_its_guards_failure()
    {
        var grid = JitRuns.ListingOf(NestedLoops, "grid");
        var reasons = grid.Split('\n').Where(l => l.Contains("ldstr \"entry: register not", StringComparison.Ordinal)).ToList();
        Assert.True(grid.Split('\n').Count(l => l.TrimStart().StartsWith("enter_", StringComparison.Ordinal)) >= 2);
        Assert.NotEmpty(reasons);
        Assert.Equal(reasons.Count, reasons.Distinct().Count()); // the old emitter: r1's and r2's four times each
    }

    [Fact]
    public void The_nested_loops_compile_below_a_bound_the_entry_per_stub_failures_exceeded()
    {
        var stats = new JitStatistics();
        var program = ProgramCompiler.Compile(JitRuns.Check(NestedLoops));
        var grid = program.Script.SelfAndDescendants().Single(p => p.Name == "grid");
        Assert.NotNull(DirectLinking.Compile(grid, TypePlan.For(grid, program, new HashSet<int>()), generation: 0, stress: false,
            nativeNow: false, stats, _ => null, _ => [], _ => null, new HashSet<int>(), out _));
        Assert.InRange(stats.Compiled.Single().IlBytes, 1, 1_350); // 1,483 with a failure per entry
    }

    /// <summary>The script's loop resumes after <c>f(0.5, 5000)</c> returns a float where its compiled code holds an int:
    /// the guard at that resume point fails, and the interpreter takes over at the same pc.</summary>
    private const string ResumeWithAnotherKind = """
        fn f(x, n)
            var s = x
            var i = 0
            while i < n do
                s = s + 1
                i = i + 1
            end
            s
        end
        var t = 0
        for k in 0..30 do t = t + f(1, 3) end
        println(t)
        println(f(0.5, 5000))
        println(f(2, 5000))
        """;

    [Fact]
    public void A_failed_guard_at_an_entry_after_pc_0_hands_the_frame_over_at_that_entry()
    {
        var options = new RunOptions { JitThreshold = 5, Output = new StringWriter() };
        var (outcome, stats) = JitRuns.Run(ResumeWithAnotherKind, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(ResumeWithAnotherKind, options with { Output = new StringWriter() })), JitRuns.Observed(outcome));
        var atEntry = stats.Deoptimizations.Where(d => d.Reason.StartsWith("entry:", StringComparison.Ordinal) && d.Pc > 0).ToList();
        Assert.NotEmpty(atEntry);
        // The pc handed back is the script's resume point after the call that returned the float.
        var script = ProgramCompiler.Compile(JitRuns.Check(ResumeWithAnotherKind)).Script;
        var resume = Assert.Single(atEntry);
        Assert.Equal(script.Name, resume.Name);
        Assert.Equal(OpCode.CallG, Instruction.Op(script.Code[resume.Pc - 1]));
    }
}
