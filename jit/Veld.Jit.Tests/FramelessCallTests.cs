using Veld.RegisterVm;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit.Tests;

/// <summary>Direct entries without frames (<see cref="FramelessBodies"/>): which bodies may run without one, and that
/// every way out of a chain of them (a return, an error and its call stack, a caught error, a deoptimisation, a
/// replaced global, the depth limit, fuel) behaves as the oracle does.</summary>
public class FramelessCallTests
{
    private static FunctionProto Proto(string source, string name)
    {
        var loaded = RegisterVmTier.Load(ProgramCompiler.Compile(JitRuns.Check(source)));
        return loaded.Program.Script.SelfAndDescendants().First(p => p.Name == name);
    }

    /// <summary>Whether <paramref name="name"/>'s body may run frameless when each of its global calls is linked to a
    /// frameless entry.</summary>
    private static bool Allowed(string source, string name)
    {
        var proto = Proto(source, name);
        return FramelessBodies.Allow(proto, pc => Op(proto.Code[pc]) is VmOp.CallG or VmOp.MethodCall);
    }

    [Fact]
    public void Fib_may_run_without_a_frame_but_not_when_a_call_site_is_not_linked_to_a_frameless_entry()
    {
        const string fib = "fn fib(n)\n    if n < 2 then n else fib(n - 1) + fib(n - 2) end\nend\nfib(3)";
        Assert.True(Allowed(fib, "fib"));
        var proto = Proto(fib, "fib");
        Assert.False(FramelessBodies.Allow(proto, _ => false));
    }

    [Theory]
    [InlineData("fn f(n)\n    try\n        f(n - 1) + 1\n    catch e\n        0\n    end\nend\nf(1)")] // a handler names its frame
    [InlineData("fn f(n)\n    let g = () => n\n    f(n - 1) + g()\nend\nf(1)")] // an open upvalue is closed at the pop
    [InlineData("fn f(n)\n    if n == 0 then 0 else f(n - 1) + args().len() end\nend\nf(1)")] // a builtin may call back
    [InlineData("fn f(n)\n    if n == 0 then 0 else f(n - 1) end\nend\nf(1)")] // a tail call replaces the top frame
    [InlineData("fn f(n, g)\n    if n == 0 then 0 else f(n - 1, g) + g(n) end\nend\nf(1, x => x)")] // a call of a register
    public void A_body_that_needs_its_frame_while_it_runs_keeps_one(string source) => Assert.False(Allowed(source, "f"));

    private static void AgreesWithTheOracle(string source, RunOptions options)
    {
        var (jit, _) = JitRuns.Run(source, options);
        var tree = JitRuns.Tree(source, options);
        Assert.Equal(JitRuns.Observed(tree), JitRuns.Observed(jit));
        Assert.Equal(tree.Error?.Stack?.ToString(), jit.Error?.Stack?.ToString());
    }

    [Fact]
    public void An_error_five_frameless_calls_deep_has_the_oracles_call_stack()
    {
        const string source = """
            fn leaf(a, i) a[i] + 1 end
            fn chain(a, i, n)
                if n == 0 then leaf(a, i) + 0 else chain(a, i, n - 1) + 1 end
            end
            chain([1, 2], 1, 4)
            chain([1, 2], 7, 4)
            """;
        AgreesWithTheOracle(source, new RunOptions { JitThreshold = 0 });
    }

    [Fact]
    public void Errors_caught_below_a_frameless_chain_give_its_call_depth_back()
    {
        // 2,000 errors six calls deep: a leak of one depth per activation would overflow long before sink does.
        const string source = """
            fn chain(n, a) if n == 0 then a[5] else chain(n - 1, a) + 1 end end
            fn guarded(a)
                try
                    chain(5, a)
                catch e
                    1
                end
            end
            var total = 0
            for i in 0..2000 do total = total + guarded([i]) end
            println(total)
            fn sink(n) 1 + sink(n + 1) end
            sink(0)
            """;
        var options = new RunOptions { JitThreshold = 0, MaxCallDepth = 3000 };
        AgreesWithTheOracle(source, options);
        Assert.Equal(nameof(ErrorKind.StackOverflow), JitRuns.Run(source, options).Outcome.Error!.Kind);
    }

    [Fact]
    public void A_deoptimisation_deep_in_a_frameless_chain_writes_every_frame_and_the_VM_finishes_them()
    {
        const string source = """
            var bottom = 1
            fn deep(n, k) if n == 0 then bottom + k else deep(n - 1, k) + 1 end end
            var total = 0
            for k in 0..50 do
                if k == 45 then bottom = 0.5 end
                total = total + deep(100, k)
            end
            total
            """;
        AgreesWithTheOracle(source, new RunOptions { JitThreshold = 0 });
        AgreesWithTheOracle(source, new RunOptions { JitThreshold = 0, JitStress = 7 });
    }

    [Fact]
    public void A_replaced_global_called_from_a_frameless_chain_runs_the_new_function()
    {
        const string source = """
            var step = n => n + 1
            fn twice(n, d) if d == 0 then step(n) + 0 else twice(n, d - 1) + 0 end end
            var sum = 0
            for i in 0..300 do
                if i == 200 then step = m => m * 2 end
                sum = sum + twice(i, 4)
            end
            sum
            """;
        AgreesWithTheOracle(source, new RunOptions { JitThreshold = 0 });
    }

    [Fact]
    public void Fuel_running_out_in_a_frameless_chain_stops_on_the_oracles_line_with_its_call_stack()
    {
        const string source = "fn fib(n)\n    if n < 2 then n else fib(n - 1) + fib(n - 2) end\nend\nfib(25)";
        AgreesWithTheOracle(source, new RunOptions { JitThreshold = 0, Fuel = 20000 });
    }
}
