using Veld.Testing;

namespace Veld.Cli.Tests;

public class HelpTests
{
    [Theory]
    [InlineData("root", new[] { "--help" })]
    [InlineData("run", new[] { "run", "--help" })]
    [InlineData("diff", new[] { "diff", "-h" })]
    [InlineData("bench", new[] { "bench", "--help" })]
    public void Help_text(string name, string[] args)
    {
        // Fake tiers, so that registering a new tier does not change these snapshots.
        var result = RunFake(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains("Examples:", result.Stdout);
        Snapshot.Verify(result.Stdout, name);
    }

    [Fact]
    public void No_command_shows_help_and_is_a_usage_error()
    {
        var result = Run(null);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
        Assert.Contains("run <FILE>", result.Stdout);
    }

    [Fact]
    public void Help_lists_the_registered_tiers()
    {
        var result = RunFake("run", "--help");
        // Help wraps its descriptions at a width that depends on the longest option: compare the words only.
        Assert.Contains("stack, fake tier with a planted bug", string.Join(' ', result.Stdout.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }
}
