using Veld.Cli.Repl;
using static Veld.Cli.Tests.CliHarness;

namespace Veld.Cli.Tests;

/// <summary><c>veld repl</c> with piped input, over the real front end and tiers.</summary>
public class ReplTests
{
    private static Result Repl(string input, params string[] args) => RunWithInput(null, input, ["repl", .. args]);

    [Theory]
    [InlineData("tree")]
    [InlineData("stack")]
    [InlineData("register")]
    public void Definitions_persist_between_inputs_on_every_tier(string tier)
    {
        var result = Repl("let x = 40\nfn f(a) => a + x\nf(2)\n", "--tier", tier);
        Assert.Equal((0, "42\n", ""), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public void Earlier_output_is_not_printed_again()
    {
        var result = Repl("println(\"once\")\nlet y = 2\nprintln(y)\n");
        Assert.Equal("once\n2\n", result.Stdout);
    }

    [Fact]
    public void An_open_block_continues_on_the_next_line()
    {
        var result = Repl("fn twice(n)\n  let m = n * 2\n  m\nend\ntwice(21)\n");
        Assert.Equal(("42\n", ""), (result.Stdout, result.Stderr));
    }

    [Fact]
    public void An_error_is_shown_like_veld_run_shows_it_and_the_session_goes_on()
    {
        var result = Repl("let a = 1\nprintln(\"before\")\nlet b = a / 0\nlet c = nowhere\na + 1\n");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("before\n2\n", result.Stdout);
        Assert.Contains("<repl>:3:", result.Stderr);
        Assert.Contains(" error[DivisionByZero]: division by zero\n  |\n3 | let b = a / 0\n", result.Stderr);
        Assert.Contains("<repl>:3:9: error[Compile]: undeclared name 'nowhere'", result.Stderr);
    }

    [Fact]
    public void Tier_switches_keep_the_definitions_and_disasm_shows_one_function()
    {
        var result = Repl("fn sq(n) => n * n\n:tier stack\nsq(7)\n:disasm sq\n:tier register\n:disasm sq\n:stats\n");
        Assert.Equal("", result.Stderr);
        Assert.Contains("now on the stack tier\n49\nfunction sq (arity 1", result.Stdout);
        Assert.Contains("function <sq:1>", result.Stdout);
        Assert.DoesNotContain("function script", result.Stdout);
        Assert.Contains("{\"tier\":\"stack\",\"outcome\":\"Success\"", result.Stdout);
    }

    [Fact]
    public void Commands_report_mistakes_and_quit_ends_the_session()
    {
        var result = Repl(":disasm f\n:tier regster\n:stat\n:quit\nprintln(1)\n");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("the tree tier has no bytecode to show", result.Stderr);
        Assert.Contains("unknown tier 'regster'; did you mean 'register'?", result.Stderr);
        Assert.Contains("unknown REPL command ':stat'; did you mean ':stats'?", result.Stderr);
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var result = Repl(":help\n");
        foreach (var command in new[] { ":tier", ":disasm", ":stats", ":help", ":quit" }) Assert.Contains(command, result.Stdout);
        Assert.Equal(ReplCommand.Help.ReplaceLineEndings("\n").TrimEnd('\n') + "\n", result.Stdout);
    }
}
