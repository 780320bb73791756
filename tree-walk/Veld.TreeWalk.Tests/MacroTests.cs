namespace Veld.TreeWalk.Tests;

/// <summary>print~, println~, format~ and assert~.</summary>
public class MacroTests
{
    [Fact]
    public void Interpolation_and_placeholders()
    {
        var outcome = Succeeds("""
            let name = "Veld"
            println~("Hello {name}, {1 + 2}")
            println~("x = {} and {}", 1, "a")
            print~("no newline ")
            let strings = ["s"]
            print~("{strings}")
            format~("{{}} {}", [1, "b"])
            """);
        Assert.Equal("Hello Veld, 3\nx = 1 and a\nno newline [\"s\"]", outcome.Stdout);
        Assert.Equal("{} [1, \"b\"]", Display.Show(outcome.Result));
    }

    [Fact]
    public void Assert_passes_silently_and_evaluates_its_message_only_on_failure()
    {
        var outcome = Succeeds("assert~(1 < 2)\nassert~(true, println(\"never\"))");
        Assert.Equal("", outcome.Stdout);
        Assert.True(outcome.Result.IsUnit);
    }

    [Fact]
    public void Assert_failures()
    {
        Assert.Equal("assertion failed", FailsWith("let x = 1\nassert~(x == 2)", ErrorKind.Assert, 2).Error!.Message);
        Assert.Equal("assertion failed: x is 1", FailsWith("let x = 1\n\nassert~(x == 2, format~(\"x is {x}\"))", ErrorKind.Assert, 3).Error!.Message);
        FailsWith("assert~(1)", ErrorKind.Type, 1);
    }
}
