namespace Veld.TreeWalk.Tests;

/// <summary>Builtin functions, io module paths, imports, builtin methods and the Error struct.</summary>
public class BuiltinTests
{
    [Fact]
    public void Io_paths_and_imports()
    {
        Assert.Equal("a\nb c\n", Stdout("""
            import std.io
            import std.io.{print, println}
            std.io.println("a")
            io.print("b")
            let p = std.io.println
            p("", "c")
            """));
    }

    [Fact]
    public void Builtin_functions_and_methods()
    {
        Assert.Equal("(2, \"float\", 1, 2.5, 3, 3, 2, [1, 2, 3], [\"a\", \"b\"], \"5\", \"Point\")", Result("""
            struct Point(x: i64, y: i64);
            let five = 5
            let p = Point(x: 1, y: 2)
            (len([1, 2]), type_of(1.5), min(3, 1, 2), max(1, 2.5), abs(-3), "abc".len(), (1, 2).len(),
             [3, 1, 2].sort(), "a,b".split(","), five.to_str(), type_of(p))
            """));
    }

    [Fact]
    public void Args_and_clock()
    {
        var outcome = Succeeds("(args(), type_of(clock()))", new RunOptions { Args = ["7", "x"] });
        Assert.Equal("([\"7\", \"x\"], \"float\")", Display.Show(outcome.Result));
    }

    [Fact]
    public void Builtin_method_errors_carry_the_call_line() =>
        FailsWith("let a = []\n\na.pop()", ErrorKind.Index, 3);

    [Fact]
    public void Programs_can_build_Error_values()
    {
        Assert.Equal("(\"K\", \"Error\", true)", Result("""
            let e = Error(kind: "K", message: "m", line: 3)
            let caught = try 1 / 0 catch c c end
            (e.kind, type_of(e), type_of(caught) == type_of(e))
            """));
    }
}
