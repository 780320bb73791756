using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// Calls of closures in registers linked by proto (<see cref="ClosureCalls"/>): a compiled loop that calls a closure made
/// anew at every iteration, or one of several protos, enters the callees' direct entries; a callee that makes a tail call
/// does not hold its caller back; a callee that deoptimises inside a CALL's direct call still delivers its result to the call's register.
/// </summary>
public class ClosureCallLinkingTests
{
    private static readonly RunOptions Threshold10 = new() { JitThreshold = 10 };

    /// <summary>A new adder (one proto, its own `k`) at each of 3,000 iterations, called through CALLR.</summary>
    private const string NewClosureEachIteration = """
        fn make_adder(k) => x => x + k
        fn work(n)
            var s = 0
            for i in 0..n do
                let add = make_adder(i)
                s = add(s) % 1000003
            end
            s
        end
        work(3000)
        """;

    [Fact]
    public void A_closure_made_anew_each_iteration_is_called_directly_from_the_compiled_loop()
    {
        var (outcome, stats) = JitRuns.RunAgreeing(NewClosureEachIteration, Threshold10);
        // The lambda compiles with its caller (just before it), after the loop's first 20 iterations.
        Assert.Equal(["make_adder", "lambda", "work"], stats.Compiled.Select(f => f.Name.StartsWith("lambda") ? "lambda" : f.Name));
        Assert.InRange(stats.DirectClosureCalls, 2_970, 2_990);
        Assert.InRange(outcome.Metrics.Instructions ?? 0, 0, 400);
    }

    [Fact]
    public void A_site_that_sees_two_protos_in_turn_calls_both_directly()
    {
        const string source = """
            fn work(n)
                let inc = x => x + 1
                let dbl = x => x * 2 % 1000003
                var s = 0
                for i in 0..n do
                    let f = if i % 2 == 0 then inc else dbl end
                    s = f(s)
                end
                s
            end
            work(3000)
            """;
        var (_, stats) = JitRuns.RunAgreeing(source, Threshold10);
        Assert.Equal(3, stats.FunctionsCompiled);
        Assert.InRange(stats.DirectClosureCalls, 2_970, 2_990);
    }

    /// <summary>A loop calls a lambda that tail-calls a global function.</summary>
    internal const string CalleeMakingATailCall = """
        fn step(x) => x + 1
        fn work(n)
            let via = x => step(x)
            var s = 0
            for i in 0..n do s = via(s) end
            s
        end
        work(3000)
        """;

    [Fact]
    public void A_callee_that_makes_a_tail_call_does_not_hold_its_caller_back()
    {
        // The cost model leaves it out of the loop's callees (ClosureCalls.Of): a compiled call would link it (section 34).
        var (_, stats) = JitRuns.RunAgreeing(CalleeMakingATailCall, Threshold10);
        Assert.Equal(0, stats.DirectClosureCalls);
        Assert.DoesNotContain(stats.Compiled, f => f.Name.StartsWith("lambda"));
    }

    [Fact]
    public void A_callee_that_deoptimises_in_a_call_returns_to_the_calls_result_register()
    {
        // fs[0](i) is a CALL (the callee in a temporary register): its result goes to `r`, not to the arguments' slot.
        // After 2,500 iterations `k` turns into a float, and the compiled lambda's int guard on it fails inside the call.
        const string source = """
            fn work(n)
                var k = 1
                let fs = [x => x + k]
                var s = 0
                for i in 0..n do
                    if i == 2500 then k = 0.5 end
                    let r = fs[0](i)
                    s = s + r * 2
                end
                s
            end
            work(3000)
            """;
        var (_, stats) = JitRuns.RunAgreeing(source, Threshold10);
        Assert.InRange(stats.DirectClosureCalls, 2_400, 3_000);
        Assert.NotEmpty(stats.Deoptimizations);
    }

    /// <summary>The lambda, compiled and entered directly from the CALL, calls `helper` (30 calls: never hot, so
    /// interpreted) every hundredth time: the trampoline must run that call, so the lambda's frame goes on in the VM and
    /// must return to `r`, the CALL's result register, not to the arguments' slot (the sum would miss those results).</summary>
    [Fact]
    public void A_callee_that_bails_inside_a_call_returns_to_the_calls_result_register()
    {
        const string source = """
            fn helper(x) => x + 1
            fn work(n)
                let fs = [x => if x % 100 == 0 then helper(x) * 2 else x end]
                var s = 0
                for i in 0..n do
                    let r = fs[0](i)
                    s = s + r
                end
                s
            end
            work(3000)
            """;
        var (_, stats) = JitRuns.RunAgreeing(source, Threshold10);
        Assert.DoesNotContain(stats.Compiled, f => f.Name == "helper");
        Assert.InRange(stats.DirectClosureCalls, 2_900, 3_000);
    }

    /// <summary>An error caught in the lambda entered directly from a CALL: the VM runs the lambda's frame on from its
    /// catch, and that frame must return to `r`, the CALL's result register (fuzz seed 1, program 972; before the fix the
    /// frame returned to the arguments' slot and `r` kept the last value the VM's general call put there).</summary>
    [Fact]
    public void A_callee_that_catches_an_error_inside_a_call_returns_to_the_calls_result_register()
    {
        const string source = """
            fn work(n)
                var s = 0
                for i in 0..n do
                    let r = [x => do try {}[""] catch e end x * 2 end][0](i)
                    s = s + r
                end
                s
            end
            work(3000)
            """;
        var (outcome, stats) = JitRuns.RunAgreeing(source, Threshold10);
        Assert.Equal(8_997_000L, outcome.Result.AsInt);
        Assert.InRange(stats.DirectClosureCalls, 2_900, 3_000);
    }

    /// <summary>The same with the catch in a function the lambda calls: the catch's frame, then the lambda's, go on in the
    /// VM, and the lambda's returns to the CALL's result register.</summary>
    [Fact]
    public void A_callee_whose_callee_catches_an_error_returns_to_the_calls_result_register()
    {
        const string source = """
            fn lookup(m, k)
                try
                    m[k]
                catch e
                    -1
                end
            end
            fn work(n)
                let m = {"a": 1}
                var s = 0
                for i in 0..n do
                    let q = [x => lookup(m, if x % 3 == 0 then "a" else "b" end) * 3][0](i)
                    s = s * 2 % 1000003 + q
                end
                s
            end
            work(3000)
            """;
        var (_, stats) = JitRuns.RunAgreeing(source, Threshold10);
        Assert.InRange(stats.DirectClosureCalls, 2_900, 3_000);
    }
}
