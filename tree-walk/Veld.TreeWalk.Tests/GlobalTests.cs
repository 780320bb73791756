namespace Veld.TreeWalk.Tests;

/// <summary>Module globals, shadowing, destructuring and reads before a declaration has run.</summary>
public class GlobalTests
{
    [Fact]
    public void Declarations_and_shadowing()
    {
        Assert.Equal("(2, 3, 1, 2, 103)", Result("""
            let x = 1
            let x = x + 1
            var z = 3
            const LIMIT = 100
            let (a, (b, _)) = (1, (2, 3))
            (x, z, a, b, LIMIT + z)
            """));
    }

    [Fact]
    public void Functions_see_globals_declared_after_them()
    {
        Assert.Equal("(true, false)", Result("""
            let is_even = n => if n == 0 then true else is_odd(n - 1) end
            let is_odd = n => if n == 0 then false else is_even(n - 1) end
            (is_even(10), is_even(7))
            """));
    }

    [Fact]
    public void Reading_a_global_before_its_declaration_ran_is_a_value_error()
    {
        var outcome = FailsWith("""
            fn f()
                x + 1
            end
            let y = f()
            let x = 1
            """, ErrorKind.Value, 2);
        Assert.Equal("global 'x' read before its declaration ran", outcome.Error!.Message);
    }

    [Fact]
    public void Assigning_globals_from_functions()
    {
        Assert.Equal("3", Result("""
            var count = 0
            fn bump() count += 1 end
            bump()
            bump()
            bump()
            count
            """));
    }

    [Fact]
    public void Destructuring_mismatch_is_a_match_error() => FailsWith("let x = 5\nlet (a, b) = x", ErrorKind.Match, 2);
}
