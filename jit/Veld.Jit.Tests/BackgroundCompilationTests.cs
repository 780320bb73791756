using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// Compilation on a second thread (<see cref="RunOptions.JitBackground"/>): code is installed only when the VM reports
/// heat (a call or a loop back-edge, on its own thread), never behind its back; a deoptimisation drops a compilation in
/// flight; a run that ends, fails, runs out of fuel or time, or is cancelled with compilations in flight stops the thread
/// and lets nothing escape; and the output is the same as compiling in the foreground.
/// </summary>
public class BackgroundCompilationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private const string Loop = """
        fn add(a, b)
            let c = a * 3 % 1000 + b * 5 % 1000 - a % 7 + b % 11 - (a + b) % 13 + a * b % 17
            c - a * 3 % 1000 - b * 5 % 1000 + a % 7 - b % 11 + (a + b) % 13 - a * b % 17 + a + b
        end
        fn work(n)
            var s = 0
            for i in 0..n do
                s = add(s, i % 7)
            end
            s
        end
        println(work(200000))
        """;

    /// <summary>A JIT hook for <paramref name="source"/> compiling in the background, and its protos by name.</summary>
    private static (JitCompiler Jit, JitStatistics Stats, Dictionary<string, FunctionProto> Protos) Hook(string source, int threshold)
    {
        var (program, protoCount) = Load(source);
        var stats = new JitStatistics();
        var jit = new JitCompiler(program, protoCount, threshold, stressSeed: null, stats, background: true);
        return (jit, stats, program.Script.SelfAndDescendants().ToDictionary(p => p.Name));
    }

    private static (RegisterProgram Program, int ProtoCount) Load(string source)
    {
        var loaded = RegisterVmTier.Load(ProgramCompiler.Compile(JitRuns.Check(source)));
        return (loaded.Program, loaded.ProtoCount);
    }

    [Fact]
    public void Finished_code_is_installed_at_the_next_heat_report_and_not_before()
    {
        var (jit, stats, protos) = Hook(Loop, threshold: 1);
        var add = protos["add"];
        for (int i = 1; i < TierUp.CallsPerIteration; i++) Assert.False(jit.Heat(add));
        Assert.False(jit.Heat(add)); // hot: compiling starts, the VM goes on interpreting
        Assert.True(jit.WaitForBackground(add, Patience));
        Assert.Null(jit.Code[add.Id]); // finished, but nothing changes under the VM's feet
        Assert.True(jit.Heat(add)); // the next call installs and enters it
        Assert.NotNull(jit.Code[add.Id]);
        Assert.Equal(1, stats.BackgroundCompilations);
        Assert.Equal(0, stats.ForegroundCompileMs);
        jit.Dispose();
        Assert.Equal(0, stats.BackgroundDiscarded);
    }

    [Fact]
    public void A_deoptimisation_while_a_compilation_is_in_flight_drops_that_compilation()
    {
        const string source = "fn work(n)\n    var s = 0\n    for i in 0..n do\n        s = s + i\n    end\n    s\nend\nprintln(work(10))\n";
        var (jit, stats, protos) = Hook(source, threshold: 1);
        var work = protos["work"];
        Assert.False(jit.HeatLoop(work)); // one back-edge reaches threshold 1: compiling starts
        int generation = jit.Generation[work.Id];
        // Older code of the function (a direct entry still running) fails a guard: the compilation assumed the same.
        jit.Deoptimized(work, pc: 0, assumption: 0, "test");
        Assert.NotEqual(generation, jit.Generation[work.Id]);
        Assert.Equal(1, stats.BackgroundDiscarded);
        Thread.Sleep(100); // whatever the thread still does with it, it is never installed
        Assert.False(jit.HeatLoop(work));
        Assert.Null(jit.Code[work.Id]);
        jit.Dispose();
        Assert.Equal(0, stats.BackgroundCompilations);
    }

    [Fact]
    public async Task Disposing_skips_queued_compilations_waits_for_the_running_one_and_stops_the_thread()
    {
        var compiler = new BackgroundCompiler();
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var running = Compilation(_ => { started.Set(); release.Wait(); return (null, null); });
        var queued = Compilation(_ => (null, null));
        compiler.Enqueue(running);
        compiler.Enqueue(queued);
        Assert.True(started.Wait(Patience));
        Assert.True(compiler.IsRunning);
        var releasing = Task.Run(async () =>
        {
            await Task.Delay(100);
            release.Set();
        });
        compiler.Dispose(); // the run ends: returns once the compilation under way is done
        Assert.True(running.Done);
        Assert.False(queued.Done);
        Assert.False(compiler.IsRunning);
        await releasing;
    }

    [Fact]
    public void What_a_compilation_throws_stays_with_it_and_the_thread_goes_on()
    {
        var compiler = new BackgroundCompiler();
        var failing = Compilation(_ => throw new InvalidOperationException("emitter bug"));
        var next = Compilation(_ => (null, null));
        compiler.Enqueue(failing);
        compiler.Enqueue(next);
        Assert.True(SpinWait.SpinUntil(() => next.Done, Patience));
        Assert.IsType<InvalidOperationException>(failing.Error?.SourceException);
        Assert.Null(next.Error);
        compiler.Dispose();
        Assert.False(compiler.IsRunning);
    }

    private static BackgroundCompilation Compilation(Func<JitStatistics, (CompiledFunction?, DirectEntry?)> work)
    {
        var (program, _) = Load(Loop);
        var proto = program.Script.SelfAndDescendants().First(p => p.Name == "add");
        return new BackgroundCompilation(proto, 1, TypePlan.For(proto, program, new HashSet<int>()), work);
    }

    public static TheoryData<string> Endings => new()
    {
        // An error raised while the loop's compilation may be in flight.
        "fn f(n)\n    var s = 0\n    for i in 0..n do\n        s = s + i\n    end\n    s / 0\nend\nprintln(f(5000))\n",
        // Fuel runs out inside the loop.
        "var s = 0\nwhile true do\n    s = s + 1\nend\n",
        // A loop whose site turns float, then str, under compiled code.
        "fn g(x)\n    var s = x\n    for i in 0..3000 do\n        s = s + x\n    end\n    s\nend\nprintln(g(1))\nprintln(g(0.5))\nprintln(g(\"a\").len())\n",
    };

    [Theory]
    [MemberData(nameof(Endings))]
    public void A_run_ending_with_compilations_in_flight_matches_the_tree_walker(string source)
    {
        var options = new RunOptions { Fuel = 200_000, JitThreshold = 1 };
        var expected = JitRuns.Observed(JitRuns.Tree(source, options));
        for (int run = 0; run < 3; run++)
        {
            var (outcome, stats) = JitRuns.Run(source, options with { JitBackground = true });
            Assert.Equal(expected, JitRuns.Observed(outcome));
            Assert.Equal(0, stats.ForegroundCompileMs);
        }
    }

    [Fact]
    public void A_timeout_or_a_cancellation_with_compilations_in_flight_ends_the_run_as_on_the_register_VM()
    {
        const string forever = "fn spin(n)\n    var s = n\n    while true do\n        s = s + 1\n    end\nend\nspin(0)\n";
        var timedOut = JitRuns.Run(forever, new RunOptions { JitThreshold = 1, JitBackground = true, Timeout = TimeSpan.FromMilliseconds(300) }).Outcome;
        Assert.Equal(OutcomeKind.LimitExceeded, timedOut.Kind);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var cancelled = JitRuns.Run(forever, new RunOptions { JitThreshold = 1, JitBackground = true, Cancellation = cancel.Token }).Outcome;
        Assert.Equal(JitRuns.Register(forever, new RunOptions { Cancellation = new CancellationToken(canceled: true) }).Kind, cancelled.Kind);
    }

    [Fact]
    public void Threshold_zero_and_stress_runs_stay_in_the_foreground_so_that_they_repeat_exactly()
    {
        foreach (var options in new[] { new RunOptions { JitThreshold = 0, JitBackground = true }, new RunOptions { JitThreshold = 1, JitStress = 1, JitBackground = true } })
        {
            var (_, stats) = JitRuns.Run(Loop, options);
            Assert.Equal(0, stats.BackgroundCompilations);
            Assert.NotEmpty(stats.Compiled);
        }
    }
}
