using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// The limits a compiled direct call keeps while it costs less (docs/PERFORMANCE.md, JIT section 22): the native stack
/// is tested in the caller's own IL and a self call of a frameless entry no longer tests its compilation, so recursion
/// far deeper than the native stack holds must still end in the depth limit's StackOverflow, at the depth and on the line
/// the register VM gives; and fuel, counted with the clock by one countdown, must run out on the same step.
/// </summary>
public class CompiledCallLimitTests
{
    private static readonly RunOptions Deep = new() { JitThreshold = 0, MaxCallDepth = 300_000 };

    /// <summary>The JIT tier's run on a thread of 16 MB, which holds far fewer compiled frames than the depth limit allows
    /// (fib's direct entry takes about 130 bytes; a run's own thread has 512 MB, <see cref="LargeStack"/>), so the native
    /// stack's test must send the deepest calls to the VM's trampoline: without it the process dies.</summary>
    private static RunOutcome JitOnSmallStack(string source, RunOptions options)
    {
        RunOutcome? outcome = null;
        var thread = new Thread(() => outcome = TierHost.Execute("jit", new JitTier().Compile(JitRuns.Check(source)), options, null), 16 << 20);
        thread.Start();
        thread.Join();
        return outcome!;
    }

    private static void SameAsTheRegisterVmOnSmallStack(string source, RunOptions options, string expectedKind)
    {
        var jit = JitOnSmallStack(source, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Register(source, options)), JitRuns.Observed(jit));
        Assert.Equal(expectedKind, jit.Error?.Kind.ToString() ?? "none");
    }

    private static void SameAsTheRegisterVm(string source, RunOptions options, string expectedKind)
    {
        var (jit, stats) = JitRuns.Run(source, options);
        Assert.NotEmpty(stats.DirectEntries);
        Assert.Equal(JitRuns.Observed(JitRuns.Register(source, options)), JitRuns.Observed(jit));
        Assert.Equal(expectedKind, jit.Error?.Kind.ToString() ?? "none");
    }

    [Fact]
    public void A_frameless_self_recursion_past_the_native_stack_ends_in_the_depth_limit()
    {
        const string source = "fn sink(n)\n    if n < 0 then 0 else sink(n + 1) + 1 end\nend\nsink(0)";
        SameAsTheRegisterVm(source, Deep, nameof(ErrorKind.StackOverflow));
        SameAsTheRegisterVmOnSmallStack(source, Deep, nameof(ErrorKind.StackOverflow));
    }

    [Fact]
    public void A_recursion_that_returns_from_below_the_native_stack_limit_gives_the_right_sum()
    {
        const string source = "fn down(n)\n    if n == 0 then 0 else down(n - 1) + 1 end\nend\ndown(250000)";
        SameAsTheRegisterVm(source, Deep, "none");
        SameAsTheRegisterVmOnSmallStack(source, Deep, "none");
        Assert.Equal("250000", Display.ShowNested(JitRuns.Run(source, Deep).Outcome.Result));
    }

    [Fact]
    public void A_recursion_through_frame_pushing_direct_entries_ends_in_the_depth_limit()
    {
        // The builtin call keeps the entry from being frameless: its self call is guarded (callee, compilation, stack).
        const string source = "fn sink(n, a)\n    if len(a) == 0 then 0 else sink(n + 1, a) + 1 end\nend\nsink(0, [1])";
        SameAsTheRegisterVm(source, Deep, nameof(ErrorKind.StackOverflow));
        SameAsTheRegisterVmOnSmallStack(source, Deep, nameof(ErrorKind.StackOverflow));
    }

    [Fact]
    public void A_recursion_through_direct_method_calls_ends_in_the_depth_limit()
    {
        // Warm first, so that the site's cache holds the method when it compiles; then a depth that never reaches 0.
        const string source = """
            struct Node
                depth: i64
            end
            impl Node
                fn sink(self, n) => if n == 0 then 0 else self.sink(n - 1) + 1 end
            end
            let node = Node(depth: 0)
            var warm = 0
            for i in 0..300 do warm = warm + node.sink(20) end
            println(warm)
            node.sink(-1)
            """;
        var options = new RunOptions { JitThreshold = 100, MaxCallDepth = 300_000 };
        SameAsTheRegisterVm(source, options, nameof(ErrorKind.StackOverflow));
        SameAsTheRegisterVmOnSmallStack(source, options, nameof(ErrorKind.StackOverflow));
        Assert.True(JitRuns.Run(source, options).Stats.DirectMethodCalls > 100_000);
    }

    public static TheoryData<long> Fuels => [1_000, 4_095, 4_096, 4_097, 10_000, 23_456];

    [Theory]
    [MemberData(nameof(Fuels))]
    public void Fuel_runs_out_inside_a_compiled_direct_call_on_the_register_VMs_step(long fuel)
    {
        // Every finished fib prints, so the output shows how many steps ran before the one that had no fuel.
        const string source = "fn fib(n)\n    if n < 2 then n else fib(n - 1) + fib(n - 2) end\nend\nfor k in 0..100000 do println(fib(k % 13)) end";
        SameAsTheRegisterVm(source, new RunOptions { JitThreshold = 0, Fuel = fuel }, nameof(ErrorKind.LimitExceeded));
    }

    [Theory]
    [MemberData(nameof(Fuels))]
    public void Fuel_runs_out_inside_a_frame_pushing_direct_call_on_the_register_VMs_step(long fuel)
    {
        const string source = "fn walk(n, a)\n    if n < 2 then len(a) else walk(n - 1, a) + walk(n - 2, a) end\nend\nfor k in 0..100000 do println(walk(k % 13, [k])) end";
        SameAsTheRegisterVm(source, new RunOptions { JitThreshold = 0, Fuel = fuel }, nameof(ErrorKind.LimitExceeded));
    }
}
