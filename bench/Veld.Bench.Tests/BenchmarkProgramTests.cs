using Veld.Bench;
using Veld.Language;
using Veld.Runtime;

namespace Veld.Bench.Tests;

/// <summary>
/// Every benchmark program verifies its own result; these tests run each one on every registered tier at a
/// small size (given through args(), as veld bench does) and check the line it prints. Nothing is timed.
/// </summary>
public class BenchmarkProgramTests
{
    public static IEnumerable<object[]> ProgramsOnTiers =>
        from name in SmallSizes.Expected.Keys.Order()
        from tier in Suite.Tiers
        select new object[] { name, tier.Name };

    [Fact]
    public void Every_program_in_the_suite_has_a_small_size_check_and_every_check_has_a_program()
    {
        Assert.Equal(SmallSizes.Expected.Keys.Order(), Suite.Programs.Select(p => p.Name).Order());
    }

    [Theory]
    [MemberData(nameof(ProgramsOnTiers))]
    public void Program_verifies_its_result_on_the_tier(string name, string tierName)
    {
        var program = Suite.Program(name);
        var (size, line) = SmallSizes.Expected[name];
        var compiled = VeldCompiler.Compile(new Source(program.Path, program.Text));
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics.Select(d => d.Message)));

        var outcome = TierHost.Run(Suite.Tier(tierName), compiled.Program!, new RunOptions { Args = [size] });

        Assert.True(outcome.Kind == OutcomeKind.Success, $"{name} on {tierName}: {outcome.Kind} {outcome.Error}");
        Assert.Equal(line + "\n", outcome.Stdout);
    }

    [Theory]
    [MemberData(nameof(SmallSizes.Names), MemberType = typeof(SmallSizes))]
    public void Program_declares_a_bench_size_larger_than_its_test_size_and_has_a_lua_twin(string name)
    {
        var program = Suite.Program(name);
        Assert.NotNull(program.BenchSize);
        Assert.True(program.BenchSize > long.Parse(SmallSizes.Expected[name].Size));
        Assert.NotNull(program.LuaPath);
    }

    [Theory]
    [MemberData(nameof(SmallSizes.Names), MemberType = typeof(SmallSizes))]
    public void Program_is_a_corpus_program_tagged_bench_with_an_expectation_for_its_default_size(string name)
    {
        var lines = Suite.Program(name).Text.Split('\n');
        Assert.StartsWith("# tags: bench", lines[0]);
        Assert.Single(lines, l => l.Contains("# expect: ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("clock()", StringComparison.Ordinal));
    }

    /// <summary>The default size (no arguments) prints the line its <c># expect:</c> comment promises, on the oracle.</summary>
    [Theory]
    [MemberData(nameof(SmallSizes.Names), MemberType = typeof(SmallSizes))]
    public void Program_without_arguments_prints_its_expect_line(string name)
    {
        var program = Suite.Program(name);
        var expectLine = program.Text.Split('\n').Single(l => l.Contains("# expect: ", StringComparison.Ordinal));
        var expected = expectLine[(expectLine.IndexOf("# expect: ", StringComparison.Ordinal) + "# expect: ".Length)..].TrimEnd('\r');

        var outcome = TierHost.CompileAndRun(Suite.Tier(Suite.Tiers[0].Name), new Source(program.Path, program.Text), new RunOptions());

        Assert.True(outcome.Kind == OutcomeKind.Success, $"{outcome.Kind} {outcome.Error}");
        Assert.Equal(expected + "\n", outcome.Stdout);
    }

    /// <summary>A size without a reference value runs, but says it is unverified rather than claiming success.</summary>
    [Theory]
    [InlineData("mandelbrot", "7")]
    [InlineData("nbody", "7")]
    [InlineData("richards", "77")]
    public void Program_says_so_when_it_has_no_reference_value_for_a_size(string name, string size)
    {
        var program = Suite.Program(name);
        var outcome = TierHost.CompileAndRun(Suite.Tier(Suite.Tiers[0].Name), new Source(program.Path, program.Text), new RunOptions { Args = [size] });
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.EndsWith("(no reference value for this size)\n", outcome.Stdout);
    }
}

/// <summary>The self-verification is real: a program whose reference value is corrupted fails its run.</summary>
public class SelfVerificationTests
{
    [Theory]
    [InlineData("sieve", "primes == 669", "sieve: wrong prime count")]
    [InlineData("bounce", "bounces == 1331", "bounce: wrong bounce count")]
    [InlineData("richards", "1000: (2322, 928)", "richards: wrong queue/hold counts")]
    [InlineData("mandelbrot", "30: 31", "mandelbrot: wrong sum")]
    [InlineData("nbody", "1000: -0.169087605234606", "nbody: wrong energy")]
    [InlineData("fib", "result == fib_reference(n)", "fib: wrong result")]
    [InlineData("closures", "total == n * n", "closures: wrong total")]
    public void A_corrupted_reference_value_makes_the_run_fail_with_an_assertion(string name, string reference, string message)
    {
        var program = Suite.Program(name);
        Assert.Contains(reference, program.Text);
        var corrupted = program.Text.Replace(reference, Corrupt(reference));

        var outcome = TierHost.CompileAndRun(Suite.Tier(Suite.Tiers[0].Name), new Source(program.Path, corrupted), new RunOptions());

        Assert.Equal(OutcomeKind.RuntimeError, outcome.Kind);
        Assert.Equal("Assert", outcome.Error!.Kind);
        Assert.Contains(message, outcome.Error.Message);
    }

    [Fact]
    public void DeltaBlue_throws_when_its_constraint_arithmetic_is_wrong()
    {
        var program = Suite.Program("deltablue");
        const string backward = "(self.v2.value - self.offset.value) / self.scale.value";
        Assert.Contains(backward, program.Text);

        var outcome = TierHost.CompileAndRun(Suite.Tier(Suite.Tiers[0].Name),
            new Source(program.Path, program.Text.Replace(backward, backward + " + 1")), new RunOptions());

        Assert.Equal(OutcomeKind.RuntimeError, outcome.Kind);
        Assert.Equal("Thrown", outcome.Error!.Kind);
        Assert.Contains("projection 2 failed", outcome.Error.Message);
    }

    /// <summary>Changes the last digit of the last number in <paramref name="text"/>, or breaks an equation.</summary>
    private static string Corrupt(string text)
    {
        for (int i = text.Length - 1; i >= 0; i--)
            if (char.IsAsciiDigit(text[i]))
                return text[..i] + (char)('0' + (text[i] - '0' + 1) % 10) + text[(i + 1)..];
        return text.Replace("==", "== 1 +");
    }
}
