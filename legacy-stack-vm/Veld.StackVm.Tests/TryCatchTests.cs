using Veld.Language;
using Veld.Runtime;

namespace Veld.StackVm.Tests;

/// <summary>TRY_BEGIN / TRY_END / THROW: the handler stack, unwinding frames, closing upvalues.</summary>
public class TryCatchTests
{
    [Fact]
    public void A_veld_throw_caught_by_a_veld_catch_costs_no_dotnet_exception()
    {
        // THROW is handed to the handler search as a return; a .NET exception would cost microseconds per
        // level of a catch handler that recurses (issue 14).
        var compiled = VeldCompiler.Compile(new Source("test.veld", "var n = 0\nfor i in 0..1000 do\n  n += try throw i catch e 1 end\nend\nn"));
        var executable = Veld.Stack.Compile(compiled.Program!);
        RunOutcome outcome = null!;
        int thrown = DotNetExceptions.ThrownWhile(() => outcome = TierHost.Execute("stack", executable, new RunOptions(), null));
        Assert.Equal(1000, outcome.Result.AsInt);
        Assert.Equal(0, thrown);
    }

    [Fact]
    public void Runtime_errors_are_caught_as_error_structs()
    {
        Assert.Equal("Error(kind: \"DivisionByZero\", message: \"division by zero\", line: 3)",
            Veld.Result("let x = 0\nlet r = try\n  1 / x\ncatch e\n  e\nend\nr"));
    }

    [Fact]
    public void Thrown_values_are_caught_as_themselves_and_uncaught_ones_are_thrown_errors()
    {
        Assert.Equal("(\"oops\", 3)", Veld.Result("let v = try throw (\"oops\", 3) catch e e end\nv"));
        var error = Veld.Error("let a = 1\nthrow [1, \"a\"]");
        Assert.Equal(("Thrown", 2, "[1, \"a\"]"), (error.Kind, error.Line, error.Message));
    }

    [Fact]
    public void Errors_unwind_through_frames_to_the_nearest_handler()
    {
        const string source = """
            fn inner(n) => if n == 0 then throw "bottom" else 1 + inner(n - 1) end
            fn middle() => inner(50)
            let r = try middle() catch e "caught " + e end
            let depth_after = try inner(3) + 0 catch e 0 end
            fn ok() => 5
            (r, depth_after, ok())
            """;
        Assert.Equal("(\"caught bottom\", 0, 5)", Veld.Result(source));
    }

    [Fact]
    public void Unwinding_restores_the_call_depth()
    {
        // 200 caught failures 40 calls deep would exceed a depth limit of 100 if frames leaked depth.
        const string source = """
            fn dive(n) => if n == 0 then 1 / 0 else dive(n - 1) end
            var caught = 0
            for i in 0..200 do
                try dive(40) catch e caught += 1 end
            end
            caught
            """;
        Assert.Equal("200", Veld.Result(source, new global::Veld.Runtime.RunOptions { MaxCallDepth = 100 }));
    }

    [Fact]
    public void Captured_locals_of_an_abandoned_try_body_are_closed()
    {
        const string source = """
            var f = () => 0
            try
                let a = 1
                f = () => a
                throw "x"
            catch e
                let b = 99
                b
            end
            f()
            """;
        Assert.Equal("1", Veld.Result(source));
    }

    [Fact]
    public void Nested_tries_and_rethrow()
    {
        const string source = """
            let r = try
                try [1][5] catch e throw e.kind + "!" end
            catch outer
                outer
            end
            r
            """;
        Assert.Equal("Index!", Veld.Result(source));
    }

    [Fact]
    public void Break_continue_and_return_out_of_a_try_drop_its_handler()
    {
        const string source = """
            fn first_ok(xs)
                for x in xs do
                    try
                        if x == 0 then continue end
                        if x > 100 then break end
                        return 10 / x
                    catch e
                        -1
                    end
                end
                0
            end
            fn after() => try 1 / 0 catch e "handled" end
            (first_ok([0, 0, 5]), first_ok([0, 200, 5]), after())
            """;
        Assert.Equal("(2, 0, \"handled\")", Veld.Result(source));
    }

    [Fact]
    public void Errors_inside_native_callbacks_are_caught_outside()
    {
        Assert.Equal("Index", Veld.Result("let r = try [1, 2].map(x => [x][3]) catch e e.kind end\nr"));
    }

    [Fact]
    public void A_try_around_a_callback_that_catches_inside_keeps_going()
    {
        Assert.Equal("[-1, 1]", Veld.Result("[0, 1].map(x => try 1 / x catch e 0 - 1 end)"));
    }
}
