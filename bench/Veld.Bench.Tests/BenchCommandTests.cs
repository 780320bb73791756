using Veld.Cli;

namespace Veld.Bench.Tests;

/// <summary><c>veld bench</c> end to end, in-process, on the real tiers at tiny sizes. Nothing is timed: the
/// tests look at exit codes, the shape of the report and the files written.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("veld-bench-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Stdout, string Stderr) Veld(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = VeldCli.Run(args, new CliConsole(stdout, stderr, interactive: false));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Measures_named_programs_on_the_chosen_tier_and_writes_csv_and_markdown()
    {
        var csv = Path.Combine(_dir, "out.csv");
        var markdown = Path.Combine(_dir, "out.md");
        var tier = Suite.Tiers[0].Name;

        var (code, stdout, stderr) = Veld("bench", "fib", Path.Combine(Suite.Directory, "sieve.veld"), "--tiers", tier,
            "--size", "5", "--iterations", "2", "--warmup", "0", "--csv", csv, "--markdown", markdown);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains($"| fib | 5 | {tier} |", stdout);
        Assert.Contains($"| sieve | 5 | {tier} |", stdout);
        Assert.Contains("0 warm-up runs + 2 measured runs", stdout);
        Assert.Contains("veld bench: [1/2] fib", stderr);
        Assert.Equal(stdout, File.ReadAllText(markdown));
        var rows = File.ReadAllLines(csv);
        Assert.Equal(3, rows.Length); // header + fib + sieve
        Assert.StartsWith("Program,Size,Tier,Runs,MedianMs", rows[0]);
        Assert.StartsWith($"fib,5,{tier},2,", rows[1]);
    }

    [Fact]
    public void A_program_whose_verification_fails_is_reported_and_the_exit_code_is_1()
    {
        var failing = Path.Combine(_dir, "broken.veld");
        File.WriteAllText(failing, "# bench-size: 3\nassert~(args()[0] == \"4\", \"broken: wrong size\")\nprintln(\"ok\")\n");

        var (code, stdout, _) = Veld("bench", failing, "--tiers", Suite.Tiers[0].Name, "--iterations", "1", "--warmup", "0");

        Assert.Equal(1, code);
        Assert.Contains("| broken | 3 |", stdout);
        Assert.Contains("FAILED", stdout);
        Assert.Contains("broken: wrong size", stdout);
    }

    [Fact]
    public void Compile_time_mode_measures_the_compilers_over_a_folder_searched_recursively()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.WriteAllText(Path.Combine(_dir, "top.veld"), "println(1 + 2)\n");
        File.WriteAllText(Path.Combine(_dir, "sub", "nested.veld"), "fn f(x) x * 2 end\nprintln(f(3))\n");
        File.WriteAllText(Path.Combine(_dir, "sub", "rejected.veld"), "let = 1\n");
        var markdown = Path.Combine(_dir, "compile.md");

        var (code, stdout, stderr) = Veld("bench", _dir, "--compile-time", "--tiers", "stack,register", "--iterations", "2", "--warmup", "0", "--markdown", markdown);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("## Veld compile time", stdout);
        Assert.Contains("2 compiled by every tier; 1 left out because the front end rejects them", stdout);
        Assert.Matches(@"\| register \| [0-9.]+ \| [0-9.]+× \|", stdout);
        Assert.Contains("/sub/nested.veld |", stdout);
        Assert.Contains("veld bench: round 2/2", stderr);
        Assert.Equal(stdout, File.ReadAllText(markdown));
    }

    [Fact]
    public void Compile_time_mode_writes_one_csv_row_per_program_and_tier()
    {
        File.WriteAllText(Path.Combine(_dir, "a.veld"), "println(1 + 2)\n");
        File.WriteAllText(Path.Combine(_dir, "b.veld"), "fn f(x) x * 2 end\nprintln(f(3))\n");
        var csv = Path.Combine(_dir, "compile.csv");

        var (code, stdout, stderr) = Veld("bench", _dir, "--compile-time", "--tiers", "stack,register", "--iterations", "1", "--warmup", "0", "--csv", csv);

        Assert.True(code == 0, stdout + stderr);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("Program,Tier,MedianMs,AllocatedBytes,Failure", lines[0]);
        Assert.Equal(["a.veld,stack", "a.veld,register", "b.veld,stack", "b.veld,register"],
            lines.Skip(1).Select(l => string.Join(',', Path.GetFileName(l.Split(',')[0]), l.Split(',')[1])));
        Assert.All(lines.Skip(1), l => Assert.Matches(@",[0-9.E-]+,[1-9][0-9]*,$", l));
    }

    [Theory]
    [InlineData("--baseline", "lua")]
    [InlineData("--size", "5")]
    public void Compile_time_mode_refuses_the_options_that_time_runs(string option, string value)
    {
        var (code, _, stderr) = Veld("bench", "fib", "--compile-time", option, value);

        Assert.Equal(64, code);
        Assert.Contains("--compile-time measures the compilers only", stderr);
    }

    [Theory]
    [InlineData("no benchmark program 'nope'", "bench", "nope")]
    [InlineData("--size expects a positive whole number or 'default', got '0'", "bench", "fib", "--size", "0")]
    [InlineData("--iterations expects a whole number of at least 1, got '0'", "bench", "fib", "--iterations", "0")]
    [InlineData("--warmup expects a whole number of at least 0, got '-1'", "bench", "fib", "--warmup", "-1")]
    [InlineData("unknown tier 'nope'", "bench", "fib", "--tiers", "nope")]
    [InlineData("Argument 'perl' not recognized", "bench", "fib", "--baseline", "perl")]
    public void Bad_command_lines_are_usage_errors(string message, params string[] args)
    {
        var (code, _, stderr) = Veld(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, stderr);
    }
}
