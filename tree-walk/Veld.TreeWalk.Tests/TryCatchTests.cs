namespace Veld.TreeWalk.Tests;

/// <summary>try/catch of every catchable runtime error, throw, and what catch cannot stop.</summary>
public class TryCatchTests
{
    [Theory]
    [InlineData("v / 0", "DivisionByZero")]
    [InlineData("9223372036854775807 + v", "Overflow")]
    [InlineData("[1, 2][v + 5]", "Index")]
    [InlineData("{a: 1}[\"b\"]", "Key")]
    [InlineData("v.nope()", "Field")]
    [InlineData("let (a, b) = v", "Match")]
    [InlineData("v + \"a\"", "Type")]
    [InlineData("len(v, v)", "Arity")]
    [InlineData("\"x\" as int", "Value")]
    [InlineData("assert~(v == 2)", "Assert")]
    public void Catches_each_runtime_error_as_an_Error_struct(string failing, string kind)
    {
        Assert.Equal($"(\"{kind}\", 3, \"Error\")", Result($"""
            let v = 1
            let r = try
                {failing}
            catch e
                (e.kind, e.line, type_of(e))
            end
            r
            """));
    }

    [Fact]
    public void Error_message_is_the_runtime_message()
    {
        Assert.Equal("f expects 1 argument(s), got 2", Result("""
            fn f(a) a end
            try f(1, 2) catch e e.message end
            """));
    }

    [Fact]
    public void Thrown_values_are_bound_as_they_are()
    {
        Assert.Equal("(43, \"boom\", [1, 2])", Result("""
            let a = try throw 42 catch e e + 1 end
            let b = try throw "boom" catch e e end
            let c = try
                throw [1, 2]
            catch e
                e
            end
            (a, b, c)
            """));
    }

    [Fact]
    public void Uncaught_throw_is_a_thrown_error_with_the_display_form()
    {
        var outcome = FailsWith("println(\"before\")\nthrow [\"a\", 1]", ErrorKind.Thrown, 2);
        Assert.Equal("[\"a\", 1]", outcome.Error!.Message);
        Assert.Equal("before\n", outcome.Stdout);
    }

    [Fact]
    public void Try_without_error_is_the_body_value_and_bare_catch_works()
    {
        Assert.Equal("(7, \"caught\")", Result("""
            let a = try 3 + 4 catch e 0 end
            let b = try
                1 / 0
            catch
                "caught"
            end
            (a, b)
            """));
    }

    [Fact]
    public void Errors_from_nested_calls_and_callbacks_are_caught()
    {
        Assert.Equal("(\"DivisionByZero\", 2, \"Index\")", Result("""
            fn inner(x)
                10 / x
            end
            fn outer(x) inner(x) + 1 end
            let e1 = try outer(0) catch e e end
            let k = try [1, 0].map(x => [x][x + 1]) catch e e.kind end
            (e1.kind, e1.line, k)
            """));
    }

    [Fact]
    public void Rethrow_from_a_handler()
    {
        Assert.Equal("DivisionByZero", Result("""
            try
                try 1 / 0 catch e throw e end
            catch outer
                outer.kind
            end
            """));
    }

    [Fact]
    public void Control_flow_passes_through_try()
    {
        Assert.Equal("(1, 3)", Result("""
            fn f()
                try return 1 catch e 2 end
                99
            end
            fn g()
                var n = 0
                while true do
                    try
                        n += 1
                        if n == 3 then break end
                    catch e
                        0
                    end
                end
                n
            end
            (f(), g())
            """));
    }

    [Fact]
    public void Limit_errors_cannot_be_caught() =>
        FailsWith("let r = try\n    while true do end\ncatch e\n    0\nend", ErrorKind.LimitExceeded, 2, new RunOptions { Fuel = 10_000 });
}
