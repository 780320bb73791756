using Veld.Bench;
using Veld.Cli.Commands;

namespace Veld.Cli.Tests;

/// <summary>The small things a user trips over: "did you mean", plurals, noisy benchmark figures.</summary>
public class RoughEdgeTests
{
    [Theory]
    [InlineData("rnu", "run")]
    [InlineData("dif", "diff")]
    [InlineData("regster", "register")]
    [InlineData("REPL", "repl")]
    [InlineData("zzzzzz", null)]
    [InlineData("run", null)] // an exact word is not a typo
    public void Closest_known_word(string typed, string? expected) =>
        Assert.Equal(expected, Suggestions.Closest(typed, ["run", "repl", "diff", "register", "reduce"]));

    [Fact]
    public void A_transposition_is_one_edit() => Assert.Equal(1, Suggestions.Distance("rnu", "run"));

    [Theory]
    [InlineData(0, "0 programs")]
    [InlineData(1, "1 program")]
    [InlineData(2, "2 programs")]
    public void Counts_read_as_english(long count, string expected) => Assert.Equal(expected, Plural.Of(count, "program"));

    private static ProgramMeasurement Measured(params double[] ms) =>
        new("fib", "30", [new TierMeasurement("tree", [.. ms.Select(m => new RunSample(m, null, null))], null)]);

    [Fact]
    public void A_wide_spread_of_run_times_is_warned_about()
    {
        var warning = Assert.Single(BenchNoise.Warnings([Measured(3, 10, 699)]));
        Assert.StartsWith("noisy: fib on tree ran 3–699 ms (median 10 ms)", warning);
    }

    [Fact]
    public void A_tight_spread_or_a_single_run_is_not()
    {
        Assert.Empty(BenchNoise.Warnings([Measured(10, 11, 12)]));
        Assert.Empty(BenchNoise.Warnings([Measured(700)]));
        Assert.Empty(BenchNoise.Warnings([Measured(0.1, 0.5)])); // below the timer's useful resolution
    }
}
