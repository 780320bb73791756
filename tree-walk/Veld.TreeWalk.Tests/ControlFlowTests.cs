namespace Veld.TreeWalk.Tests;

/// <summary>if, while, for, break/continue/return, do blocks, let-in, top-level return.</summary>
public class ControlFlowTests
{
    [Theory]
    [InlineData(-5, "neg")]
    [InlineData(0, "zero")]
    [InlineData(7, "pos")]
    public void If_chain_takes_one_branch(int n, string expected) =>
        Assert.Equal(expected, Result($"let n = {n}\nif n < 0 then \"neg\" else if n == 0 then \"zero\" else \"pos\" end"));

    [Fact]
    public void If_without_else_and_loops_are_unit()
    {
        Assert.Equal("()", Result("if false then 1 end"));
        Assert.Equal("()", Result("while false do 1 end"));
        Assert.Equal("()", Result("for x in [1] do x end"));
    }

    [Fact]
    public void Condition_must_be_bool_reported_at_condition_line()
    {
        FailsWith("let x = 1\nif x then 1 end", ErrorKind.Type, 2);
        FailsWith("""
            let x = 1
            if x == 2 then
                1
            else if x then
                2
            end
            """, ErrorKind.Type, 4);
        FailsWith("var i = 0\nwhile i do i += 1 end", ErrorKind.Type, 2);
    }

    [Fact]
    public void While_with_break_and_continue()
    {
        Assert.Equal("25", Result("""
            var i = 0
            var sum = 0
            while true do
                i += 1
                if i > 10 then break end
                if i % 2 == 0 then continue end
                sum += i
            end
            sum
            """));
    }

    [Fact]
    public void Break_leaves_only_the_innermost_loop()
    {
        Assert.Equal("0:0 1:0 2:0 \n", Stdout("""
            for i in 0..3 do
                for j in 0..3 do
                    if j == 1 then break end
                    print~("{i}:{j} ")
                end
            end
            println()
            """));
    }

    [Fact]
    public void For_iterates_arrays_ranges_maps_and_strings()
    {
        Assert.Equal("123|0123|01234|a=1 b=2 |h-é-y-\n", Stdout("""
            for x in [1, 2, 3] do print(x) end
            print("|")
            for i in 0..4 do print(i) end
            print("|")
            for i in 0..=4 do print(i) end
            print("|")
            for (k, v) in {a: 1, b: 2} do print~("{k}={v} ") end
            print("|")
            for c in "héy" do print~("{c}-") end
            println()
            """));
    }

    [Fact]
    public void Empty_range_runs_zero_times() => Assert.Equal("", Stdout("for i in 5..2 do println(i) end"));

    [Fact]
    public void For_errors_are_reported_at_the_for_line()
    {
        FailsWith("""
            let a = [1, 2, 3]
            for x in a do
                a.push(x)
            end
            """, ErrorKind.Value, 2);
        FailsWith("let n = 5\nfor x in n do println(x) end", ErrorKind.Type, 2);
    }

    [Fact]
    public void For_allows_assigning_existing_elements()
    {
        Assert.Equal("[2, 4, 6]", Result("""
            let a = [1, 2, 3]
            var i = 0
            for x in a do
                a[i] = x * 2
                i += 1
            end
            a
            """));
    }

    [Fact]
    public void Return_leaves_the_function_from_loops_match_and_blocks()
    {
        Assert.Equal("(3, \"neg\", 10)", Result("""
            fn find(xs, target)
                var i = 0
                for x in xs do
                    if x == target then return i end
                    i += 1
                end
                -1
            end
            fn sign(n) => match n
                0 => "zero",
                _ => do
                    if n < 0 then return "neg" end
                    "pos"
                end
            end
            fn early()
                let v = if true then return 10 else 0 end
                v + 1
            end
            (find([5, 6, 7, 8], 8), sign(-2), early())
            """));
    }

    [Fact]
    public void Do_block_and_let_in_have_values()
    {
        Assert.Equal("(6, 6, 10)", Result("""
            let v = do let t = 2  t * 3 end
            let w = let t = 2 in t * 3
            let p = 5
            let q = let p = p * 2 in p
            (v, w, q)
            """));
    }

    [Fact]
    public void Top_level_return_ends_the_program_with_its_value()
    {
        var outcome = Succeeds("""
            println(1)
            if true then return 5 end
            println(2)
            """);
        Assert.Equal("1\n", outcome.Stdout);
        Assert.Equal(5, outcome.Result.AsInt);
    }

    [Fact]
    public void Program_result_is_unit_after_a_declaration() => Assert.Equal("()", Result("1 + 1\nlet x = 2"));
}
