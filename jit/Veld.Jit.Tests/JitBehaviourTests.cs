using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>The JIT tier behaves exactly as the register VM and the oracle, with functions compiled early or late.</summary>
public class JitBehaviourTests
{
    private const string Loops = """
        fn fib(n)
            if n < 2 then n else fib(n - 1) + fib(n - 2) end
        end
        var s = 0
        var f = 0.5
        for i in 0..3000 do
            s = s + i * 2 - 1
            f = f * 1.0001
        end
        println(s)
        println(f)
        println(fib(15))
        """;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(1000)]
    public void Output_and_result_match_the_oracle_at_every_threshold(int threshold)
    {
        var options = new RunOptions { JitThreshold = threshold };
        var (jit, _) = JitRuns.Run(Loops, options);
        Assert.Equal(JitRuns.Observed(JitRuns.Tree(Loops, options)), JitRuns.Observed(jit));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(777L)]
    [InlineData(20_000L)]
    public void Fuel_runs_out_at_the_same_step_as_on_the_register_vm(long fuel)
    {
        const string source = """
            var i = 0
            while true do
                i = i + 1
                if i % 1000 == 0 then println(i) end
            end
            """;
        var options = new RunOptions { JitThreshold = 0, Fuel = fuel };
        var (jit, _) = JitRuns.Run(source, options);
        Assert.Equal(OutcomeKind.LimitExceeded, jit.Kind);
        Assert.Equal(JitRuns.Observed(JitRuns.Register(source, options)), JitRuns.Observed(jit));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(1_001L)]
    [InlineData(4_000L)]
    public void Fuel_runs_out_at_the_same_step_when_compiled_code_pushes_onto_an_array(long fuel)
    {
        // The inline push ticks as the builtin does: a step for the push, one for the loop's end.
        const string source = """
            var xs = []
            for i in 0..10000 do
                xs.push(i)
            end
            println(xs.len())
            """;
        var options = new RunOptions { JitThreshold = 0, Fuel = fuel };
        var (jit, _) = JitRuns.Run(source, options);
        Assert.Equal(OutcomeKind.LimitExceeded, jit.Kind);
        Assert.Equal(JitRuns.Observed(JitRuns.Register(source, options)), JitRuns.Observed(jit));
    }

    [Fact]
    public void A_veld_throw_in_compiled_code_caught_by_a_veld_catch_costs_no_dotnet_exception()
    {
        // Compiled THROW leaves for the interpreter's handler search; a .NET exception would cost microseconds
        // per level of a catch handler that recurses (issue 14).
        var executable = new JitTier().Compile(JitRuns.Check("var n = 0\nfor i in 0..1000 do\n  n += try throw i catch e 1 end\nend\nn"));
        RunOutcome outcome = null!;
        int thrown = DotNetExceptions.ThrownWhile(() => outcome = TierHost.Execute("jit", executable, new RunOptions { JitThreshold = 0 }, null));
        Assert.Equal(1000, outcome.Result.AsInt);
        Assert.Equal(0, thrown);
    }

    [Fact]
    public void A_million_deep_self_tail_call_runs_in_constant_depth()
    {
        const string source = """
            fn count(n, acc)
                if n == 0 then acc else count(n - 1, acc + 1) end
            end
            count(1000000, 0)
            """;
        var (outcome, stats) = JitRuns.Run(source, new RunOptions { JitThreshold = 0, MaxCallDepth = 100 });
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.Equal(1_000_000, outcome.Result.AsInt);
        Assert.Contains(stats.Compiled, f => f.Name == "count");
    }

    [Fact]
    public void Recursion_past_the_depth_limit_is_a_clean_StackOverflow_on_its_line()
    {
        const string source = """
            fn down(n)
                1 + down(n + 1)
            end
            down(0)
            """;
        var (outcome, _) = JitRuns.Run(source, new RunOptions { JitThreshold = 0, MaxCallDepth = 5000 });
        Assert.Equal(OutcomeKind.RuntimeError, outcome.Kind);
        Assert.Equal(nameof(ErrorKind.StackOverflow), outcome.Error!.Kind);
        Assert.Equal(2, outcome.Error.Line);
    }

    [Fact]
    public void An_error_caught_inside_a_compiled_loop_resumes_the_loop()
    {
        const string source = """
            var caught = 0
            for i in 0..100 do
                let v = try 10 / (i % 3) catch e do caught = caught + 1; 0 end end
            end
            caught
            """;
        var (outcome, _) = JitRuns.Run(source, new RunOptions { JitThreshold = 0 });
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.Equal(34, outcome.Result.AsInt);
    }
}
