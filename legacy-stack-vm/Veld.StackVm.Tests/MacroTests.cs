namespace Veld.StackVm.Tests;

/// <summary>FORMAT PRINT PRINTLN ASSERT ASSERT_FAIL.</summary>
public class MacroTests
{
    [Fact]
    public void Print_macros_interpolate_display_forms()
    {
        Assert.Equal("a=1, s=[\"x\"], 3.0\nno newline|x is 2 and 3\n",
            Veld.Output("let a = 1\nlet s = [\"x\"]\nprintln~(\"a={a}, s={s}, {a + 2.0}\")\nprint~(\"no newline|\")\nprintln~(\"x is {} and {}\", 2, 3)"));
    }

    [Fact]
    public void Each_part_is_shown_before_the_next_one_runs()
    {
        const string source = """
            struct Box
                v: i64
            end
            let b = Box(v: 1)
            fn bump() => do b.v += 1  b.v end
            println~("{} {} {}", b, bump(), b)
            println~("{b} {bump()} {b.v}")
            """;
        Assert.Equal("Box(v: 1) 2 Box(v: 2)\nBox(v: 2) 3 3\n", Veld.Output(source));
        Assert.Equal(Veld.RunTree(source).Stdout, Veld.Output(source));
    }

    /// <summary>FORMAT shows the parts it joins, so a part needs a SHOW of its own only when a later part can
    /// run code (and change it): a SHOW anywhere else would only cost an instruction.</summary>
    [Fact]
    public void A_part_is_shown_early_only_when_a_later_part_can_run_code()
    {
        // Counted in the disassembly, one instruction a line (an operand byte may equal SHOW's opcode).
        static int Shows(string source) =>
            Disassembler.DisassembleChunk(Veld.Compile(source).Script).Split('\n').Count(l => l.Contains(" SHOW", StringComparison.Ordinal));
        Assert.Equal(0, Shows("let xs = [1]\nlet f = () => 2\nformat~(\"{f()} {xs} {xs[0]}\")"));
        Assert.Equal(1, Shows("let xs = [1]\nlet f = () => 2\nformat~(\"{xs} {f()} {xs[0]}\")"));
        Assert.Equal(2, Shows("let xs = [1]\nlet f = () => 0\nformat~(\"{xs} {xs[0]} {xs[f()]}\")"));
    }

    [Fact]
    public void Format_returns_a_string()
    {
        Assert.Equal("[\"<5>\", \"x\"]", Veld.Result("let n = 5\n[format~(\"<{n}>\"), format~(\"x\")]"));
    }

    [Fact]
    public void Assert_passes_silently_and_fails_with_its_message()
    {
        Assert.Equal("()", Veld.Result("assert~(1 < 2)"));
        var plain = Veld.Error("let x = 1\nassert~(x > 1)");
        Assert.Equal(("Assert", 2, "assertion failed"), (plain.Kind, plain.Line, plain.Message));
        var withMessage = Veld.Error("assert~(false, [1, \"two\"])");
        Assert.Equal("assertion failed: [1, \"two\"]", withMessage.Message);
    }

    [Fact]
    public void Assert_evaluates_its_message_only_when_it_fails()
    {
        Assert.Equal("", Veld.Output("fn msg() => do println(\"evaluated\")  \"m\" end\nassert~(true, msg())"));
        Assert.Equal("evaluated\n", Veld.Run("fn msg() => do println(\"evaluated\")  \"m\" end\nassert~(false, msg())").Stdout);
    }

    [Fact]
    public void Assert_requires_a_bool()
    {
        var error = Veld.Error("assert~(1)");
        Assert.Equal("Type", error.Kind);
        Assert.Contains("assert~ condition", error.Message);
    }
}
