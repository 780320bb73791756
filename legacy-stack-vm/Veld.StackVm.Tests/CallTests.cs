using Veld.Runtime;

namespace Veld.StackVm.Tests;

/// <summary>CALL, TAIL_CALL, RETURN, INVOKE, GET_STATIC: frames, arity, depth limit, proper tail calls, fuel.</summary>
public class CallTests
{
    [Fact]
    public void Calls_return_the_value_of_the_body()
    {
        Assert.Equal("(5, 42, ())", Veld.Result("fn add(a, b) a + b end\nlet k = () => 42\nproc p(x) x + 1 end\n(add(2, 3), k(), p(1))"));
    }

    [Fact]
    public void Return_leaves_from_inside_loops_and_blocks()
    {
        const string source = """
            fn find(xs, target)
                for (i, x) in xs.map(x => (x, x)) do
                    if x == target then return i * 100 end
                end
                -1
            end
            (find([5, 6, 7], 6), find([1], 9))
            """;
        Assert.Equal("(600, -1)", Veld.Result(source));
    }

    [Fact]
    public void Wrong_argument_counts_are_arity_errors_at_the_call_line()
    {
        var error = Veld.Error("fn f(a, b) => a\n\nf(1)");
        Assert.Equal(("Arity", 3), (error.Kind, error.Line));
        Assert.Equal("f expects 2 argument(s), got 1", error.Message);
        Assert.Equal("Arity", Veld.Error("len(1, 2)").Kind);
    }

    [Fact]
    public void Calling_a_non_function_is_a_type_error()
    {
        var error = Veld.Error("let x = 3\nx(1)");
        Assert.Equal(("Type", 2), (error.Kind, error.Line));
    }

    [Fact]
    public void A_million_tail_calls_run_in_constant_depth()
    {
        const string source = """
            fn loop(n, acc) => if n == 0 then acc else loop(n - 1, acc + 1) end
            fn is_even(n) => if n == 0 then true else is_odd(n - 1) end
            fn is_odd(n) => if n == 0 then false else is_even(n - 1) end
            (loop(1000000, 0), is_even(100001))
            """;
        Assert.Equal("(1000000, false)", Veld.Result(source));
    }

    [Fact]
    public void Tail_calls_through_methods_and_match_arms_do_not_grow_the_stack()
    {
        const string source = """
            struct Counter
                n: i64
            end
            impl Counter
                fn down(self, k) => match k
                    0 => self.n,
                    _ => self.down(k - 1)
                end
            end
            Counter(n: 7).down(200000)
            """;
        Assert.Equal("7", Veld.Result(source, new RunOptions { MaxCallDepth = 100 }));
    }

    [Fact]
    public void Deep_non_tail_recursion_raises_stack_overflow_cleanly()
    {
        const string source = "fn deep(n) => if n == 0 then 0 else 1 + deep(n - 1) end\ndeep(20000)";
        var error = Veld.Error(source);
        Assert.Equal(("StackOverflow", 1), (error.Kind, error.Line));
        Assert.Equal(Veld.RunTree(source).Error, error);
    }

    [Fact]
    public void The_depth_limit_counts_nested_calls_exactly()
    {
        const string source = "fn deep(n) => if n == 0 then 0 else 1 + deep(n - 1) end\ndeep(args()[0] as int)";
        var options = (int n) => new RunOptions { MaxCallDepth = 50, Args = [n.ToString()] };
        // deep(49) nests 50 calls; deep(50) nests 51. The script itself is not a call.
        Assert.Equal(OutcomeKind.Success, Veld.Run(source, options(49)).Kind);
        Assert.Equal("StackOverflow", Veld.Error(source, options(50)).Kind);
        Assert.Equal(OutcomeKind.Success, Veld.RunTree(source, options(49)).Kind);
    }

    [Fact]
    public void Stack_overflow_cannot_be_caught()
    {
        const string source = "fn deep(n) => 1 + deep(n + 1)\ntry deep(0) catch e 0 end";
        Assert.Equal("StackOverflow", Veld.Error(source).Kind);
    }

    [Fact]
    public void Native_callbacks_count_against_the_depth_limit()
    {
        const string source = "fn f(n) => if n == 0 then 0 else [n].map(x => f(x - 1))[0] + 1 end\nf(args()[0] as int)";
        Assert.Equal("30", Display.Show(Veld.Ok(source, new RunOptions { Args = ["30"] }).Result));
        Assert.Equal("StackOverflow", Veld.Error(source, new RunOptions { Args = ["100000"] }).Kind);
    }

    [Fact]
    public void A_depth_limit_beyond_the_native_stack_still_ends_cleanly()
    {
        // Callbacks are the VM's only C# recursion; with the depth limit out of the way the native-stack
        // guard must stop them (as StackOverflow), never a crash of the process.
        const string source = "fn f(n) => if n == 0 then 0 else [n].map(x => f(x - 1))[0] + 1 end\nf(10000000)";
        var error = Veld.Error(source, new RunOptions { MaxCallDepth = int.MaxValue });
        Assert.Equal("StackOverflow", error.Kind);
    }

    [Fact]
    public void Fuel_runs_out_as_limit_exceeded()
    {
        var outcome = Veld.Run("var i = 0\nwhile true do i += 1 end", new RunOptions { Fuel = 10_000 });
        Assert.Equal(OutcomeKind.LimitExceeded, outcome.Kind);
        var recursion = Veld.Run("fn f(n) => f(n + 1)\nf(0)", new RunOptions { Fuel = 10_000 });
        Assert.Equal(OutcomeKind.LimitExceeded, recursion.Kind);
    }

    [Fact]
    public void A_timeout_stops_an_endless_loop()
    {
        var outcome = Veld.Run("var i = 0\nwhile true do i += 1 end", new RunOptions { Timeout = TimeSpan.FromMilliseconds(50) });
        Assert.Equal(OutcomeKind.LimitExceeded, outcome.Kind);
        // At the loop it stopped (passing the error out of the dispatch loop once replaced it with an unstamped one).
        Assert.Equal((2, 1), (outcome.Error!.Line, outcome.Error.Column));
    }

    [Fact]
    public void Functions_display_and_compare_by_identity()
    {
        const string source = "fn f() => 1\nlet g = x => x\nlet h = g\n(f, g, g == h, g == (x => x), len == len)";
        Assert.Equal("(<fn f>, <fn lambda@2>, true, false, true)", Veld.Result(source));
    }

    [Fact]
    public void Runs_share_nothing()
    {
        const string source = "var n = 0\nfn bump() => do n += 1  n end\nbump()\nbump()";
        var executable = Veld.Stack.Compile(global::Veld.Language.VeldCompiler.Compile(new global::Veld.Language.Source("t", source)).Program!);
        var first = TierHost.Execute("stack", executable, new RunOptions(), null);
        var second = TierHost.Execute("stack", executable, new RunOptions(), null);
        Assert.Equal(2, first.Result.AsInt);
        Assert.Equal(2, second.Result.AsInt);
    }
}
