using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// A deoptimisation widens the next compilation's assumptions (<see cref="WidenedAssumptions"/>): every web typed from
/// a profile that never saw it is left boxed with the one that failed, so a function pays one recompilation, not one
/// per such guess.
/// </summary>
public class WidenedAssumptionTests
{
    /// <summary>deltablue at its default size (100), threshold 10: `remove_constraint` deoptimised on the result of
    /// `remove` (r3) and, recompiled without that web alone, again on an element read (r4).</summary>
    [Fact]
    public void Deltablue_compiles_remove_constraint_once_without_deoptimising()
    {
        string source = File.ReadAllText(Path.Combine(JitRuns.CorpusRoot(), "bench", "deltablue.veld"));
        var options = new RunOptions { JitThreshold = 10, JitBackground = false };
        var (outcome, stats) = JitRuns.Run(source, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Register(source, options)), JitRuns.Observed(outcome));
        // Its element read `self.constraints[i]` is a struct by its own site (ElementReads): before, the plan took its
        // register's int, deoptimised there and compiled the function a second time.
        Assert.Empty(stats.Deoptimizations);
        Assert.Equal(1, stats.Compiled.Count(f => f.Name == "remove_constraint"));
    }
}
