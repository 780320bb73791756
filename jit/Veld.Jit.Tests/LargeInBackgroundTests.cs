using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// <c>--jit-background auto</c> (<see cref="RunOptions.JitBackgroundIlBytes"/> &gt; 0): every function is emitted on the
/// VM's thread; only .NET's compile of a compilation whose new methods reach the IL bound goes to the background thread,
/// started by the first one; a compilation still queued past its wait is taken back by the VM's thread; and disposing
/// the run stops the thread. Which functions go where depends on their IL alone, not on timing.
/// </summary>
public class LargeInBackgroundTests
{
    /// <summary>Two functions, each hot in its own loop and called once: neither's compilation depends on the other's.</summary>
    private const string SmallThenLarge = """
        fn small(n)
            var s = 0
            for i in 0..n do
                s = s + i % 7
            end
            s
        end
        fn large(n)
            var s = 0
            for i in 0..n do
                s = s + i % 7 * 3 - i % 5 + (i + s) % 11 * 2 - i % 13 + i % 17 * 5 - (s + 3) % 19 + i % 23 - i % 29 + i % 31
                s = s - i % 37 + i % 41 * 2 - (i + 1) % 43 + i % 47 - s % 53 + i % 59 * 3 - i % 61 + (i + s) % 67 - i % 71
            end
            s
        end
        println(small(50000))
        println(large(50000))
        """;

    private static RunOptions Auto(int ilBytes) => new() { JitThreshold = 100, JitBackground = true, JitBackgroundIlBytes = ilBytes };

    private static int IlOf(JitStatistics stats, string name) => stats.Compiled.Single(c => c.Name == name).IlBytes;

    [Fact]
    public void Only_compilations_reaching_the_IL_bound_hand_their_NET_compile_to_the_background_thread()
    {
        var (expected, foreground) = JitRuns.Run(SmallThenLarge, new RunOptions { JitThreshold = 100 });
        int small = IlOf(foreground, "small"), large = IlOf(foreground, "large");
        Assert.True(small < large, $"small {small} IL, large {large}");
        string Handed(int bound)
        {
            var (outcome, stats) = JitRuns.Run(SmallThenLarge, Auto(bound));
            Assert.Equal(JitRuns.Observed(expected), JitRuns.Observed(outcome));
            // Emitted on the VM's thread whichever way: the same IL as in the foreground.
            Assert.Equal(small, IlOf(stats, "small"));
            return string.Join(",", stats.HandedToBackground);
        }
        Assert.Equal("", Handed(large + 1));
        Assert.Equal("large@8", Handed(large));
        Assert.Equal("large@8", Handed(small + 1));
        Assert.Equal("small@1,large@8", Handed(small));
    }

    private static (JitCompiler Jit, JitStatistics Stats, FunctionProto Large) Hook(BackgroundCompiler compiler, double takeBackMsPerIlByte)
    {
        var loaded = RegisterVmTier.Load(ProgramCompiler.Compile(JitRuns.Check(SmallThenLarge)));
        var stats = new JitStatistics();
        var jit = new JitCompiler(loaded.Program, loaded.ProtoCount, threshold: 1, stressSeed: null, stats, background: true, backgroundIlBytes: 1,
            compiler, takeBackMsPerIlByte);
        return (jit, stats, loaded.Program.Script.SelfAndDescendants().Single(p => p.Name == "large"));
    }

    /// <summary>Heat reports of <paramref name="large"/>'s loop until one enters compiled code; how many it took (at most 10,000).</summary>
    private static int ReportsUntilInstalled(JitCompiler jit, FunctionProto large)
    {
        for (int report = 1; report <= 10_000; report++)
            if (jit.HeatLoop(large)) return report;
        return int.MaxValue;
    }

    [Fact]
    public void A_compilation_still_queued_past_its_wait_is_taken_back_by_the_VMs_thread()
    {
        // A thread that never runs: what is queued stays queued, as on a machine whose second core is busy.
        var (jit, stats, large) = Hook(new BackgroundCompiler(startsThread: false), takeBackMsPerIlByte: 0);
        int reports = ReportsUntilInstalled(jit, large);
        Assert.True(reports <= 1 + 64, $"installed after {reports} reports"); // the clock is read every 64th report
        Assert.NotNull(jit.Code[large.Id]);
        Assert.Equal(["large@8"], stats.HandedToBackground);
        Assert.Equal(1, stats.TakenBack);
        jit.Dispose();
        Assert.Equal(0, stats.BackgroundDiscarded);
    }

    [Fact]
    public void A_compilation_queued_within_its_wait_is_left_to_the_background_thread()
    {
        var (jit, stats, large) = Hook(new BackgroundCompiler(startsThread: false), takeBackMsPerIlByte: 1_000);
        Assert.Equal(int.MaxValue, ReportsUntilInstalled(jit, large));
        Assert.Null(jit.Code[large.Id]);
        Assert.Equal(0, stats.TakenBack);
        jit.Dispose();
        Assert.Equal(1, stats.BackgroundDiscarded);
    }

    [Fact]
    public void The_thread_starts_at_the_first_compilation_queued_and_disposing_the_run_stops_it()
    {
        var compiler = new BackgroundCompiler();
        var (jit, stats, large) = Hook(compiler, takeBackMsPerIlByte: 1_000);
        Assert.False(compiler.IsRunning); // a run that queues nothing makes no thread
        Assert.False(jit.HeatLoop(large)); // hot: emitted here, queued for .NET's compile
        Assert.Equal(["large@8"], stats.HandedToBackground);
        Assert.True(compiler.IsRunning);
        jit.Dispose();
        Assert.False(compiler.IsRunning);
    }

    [Theory]
    [MemberData(nameof(BackgroundCompilationTests.Endings), MemberType = typeof(BackgroundCompilationTests))]
    public void A_run_ending_with_compilations_in_flight_matches_the_tree_walker(string source)
    {
        var options = new RunOptions { Fuel = 200_000, JitThreshold = 1, JitBackground = true, JitBackgroundIlBytes = 1 };
        var expected = JitRuns.Observed(JitRuns.Tree(source, options));
        for (int run = 0; run < 3; run++) Assert.Equal(expected, JitRuns.Observed(JitRuns.Run(source, options).Outcome));
    }
}
