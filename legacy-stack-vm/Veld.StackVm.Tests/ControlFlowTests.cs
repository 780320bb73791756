namespace Veld.StackVm.Tests;

/// <summary>EQ NE LT LE GT GE, JUMP JUMP_IF_FALSE AND OR CHECK_BOOL LOOP: comparisons, branches, loops.</summary>
public class ControlFlowTests
{
    [Theory]
    [InlineData("1 < 2", "true")]
    [InlineData("2 <= 2", "true")]
    [InlineData("3 > 4", "false")]
    [InlineData("1 == 1.0", "true")]
    [InlineData("\"a\" < \"b\"", "true")]
    [InlineData("[1, (2, \"x\")] == [1, (2, \"x\")]", "true")]
    [InlineData("1 != \"1\"", "true")]
    public void Comparisons(string expression, string expected)
    {
        Assert.Equal(expected, Veld.Result(expression));
    }

    [Fact]
    public void Ordering_different_kinds_is_a_type_error()
    {
        Assert.Equal("Type", Veld.Error("1 < \"2\"").Kind);
    }

    [Fact]
    public void If_chains_take_one_branch_and_yield_its_value()
    {
        const string source = """
            fn sign(n) => if n < 0 then "neg" else if n == 0 then "zero" else "pos" end
            [sign(-5), sign(0), sign(3)]
            """;
        Assert.Equal("[\"neg\", \"zero\", \"pos\"]", Veld.Result(source));
        Assert.Equal("()", Veld.Result("if false then 1 end"));
    }

    [Fact]
    public void And_or_short_circuit_and_require_bools()
    {
        Assert.Equal("false", Veld.Result("false and (1 / 0 == 1)"));
        Assert.Equal("true", Veld.Result("true or (1 / 0 == 1)"));
        Assert.Equal("true", Veld.Result("true and true"));
        var left = Veld.Error("1 and true");
        Assert.Equal("Type", left.Kind);
        Assert.Contains("operand of 'and'", left.Message);
        var right = Veld.Error("true or false\nfalse or 2");
        Assert.Equal(("Type", 2), (right.Kind, right.Line));
        Assert.Contains("operand of 'or'", right.Message);
    }

    [Fact]
    public void A_non_bool_condition_is_reported_at_the_condition_line()
    {
        var error = Veld.Error("let x = 3\nif x == 1 then 1\nelse if x then 2\nend");
        Assert.Equal(("Type", 3), (error.Kind, error.Line));
        Assert.Equal(Veld.RunTree("let x = 3\nif x == 1 then 1\nelse if x then 2\nend").Error, error);
    }

    [Fact]
    public void While_loops_run_until_the_condition_fails()
    {
        Assert.Equal("45", Veld.Result("var i = 0\nvar s = 0\nwhile i < 10 do s += i  i += 1 end\ns"));
    }

    [Fact]
    public void Break_and_continue_leave_the_right_loop()
    {
        const string source = """
            var out = []
            for i in 0..5 do
                if i == 1 then continue end
                var j = 0
                while true do
                    j += 1
                    if j > i then break end
                end
                if i == 4 then break end
                out.push((i, j))
            end
            out
            """;
        Assert.Equal("[(0, 1), (2, 3), (3, 4)]", Veld.Result(source));
    }

    [Fact]
    public void Break_from_inside_an_expression_drops_its_operands()
    {
        // The break happens with the array literal and the call's callee already pushed.
        const string source = """
            var n = 0
            while true do
                n += 1
                let xs = [1, 2, if n == 3 then break else n end]
            end
            let after = [10, 20]
            (n, after)
            """;
        Assert.Equal("(3, [10, 20])", Veld.Result(source));
    }

    [Fact]
    public void Loops_are_unit_valued()
    {
        Assert.Equal("()", Veld.Result("while false do 1 end"));
        Assert.Equal("()", Veld.Result("for x in [1] do x end"));
    }

    [Fact]
    public void Top_level_return_ends_the_program_with_its_value()
    {
        var outcome = Veld.Ok("println(1)\nreturn 42\nprintln(2)");
        Assert.Equal("1\n", outcome.Stdout);
        Assert.Equal(42, outcome.Result.AsInt);
    }
}
