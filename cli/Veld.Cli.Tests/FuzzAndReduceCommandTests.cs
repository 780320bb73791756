using Veld.Cli;
using Veld.Differential;
using Veld.Fuzzing.Reduction;
using Veld.Fuzzing.Tests;
using Veld.Language;

namespace Veld.Cli.Tests;

/// <summary><c>veld fuzz</c> and <c>veld reduce</c>, run in-process with captured, non-interactive output.</summary>
public class CliCommandTests
{
    private static readonly CliServices Services = new(
        new TierRegistry(
        [
            new TierRegistration("tree", "the tree-walk oracle", () => new Veld.TreeWalk.TreeWalkTier()),
            new TierRegistration("buggy", "tree-walk with a planted bug in programs that use %", () => new RemainderBugTier()),
        ]),
        VeldCompiler.Compile);

    private sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static Result Veld(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = VeldCli.Run(args, new CliConsole(stdout, stderr, interactive: false), Services);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void FuzzSavesReducesAndExitsOneOnAFinding()
    {
        var dir = TestSupport.TempDirectory();
        try
        {
            var r = Veld("fuzz", "--seed", "7", "--count", "12", "--size", "10", "--tiers", "tree,buggy", "--out", dir);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("veld fuzz: seed 7, 12 programs, size 10, tiers tree,buggy", r.Stderr);
            Assert.Contains("found: ", r.Stderr);
            Assert.Contains("  reduced ", r.Stderr);
            Assert.Contains("disagreement: program ", r.Stdout);
            Assert.Contains(" in 12 programs (seed 7)", r.Stdout);
            var saved = Directory.GetFiles(dir, "fuzz-7-*.veld");
            Assert.NotEmpty(saved);
            Assert.Contains(saved, f => f.EndsWith(".reduced.veld", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FuzzWithAgreeingTiersExitsZeroAndCanShowCoverage()
    {
        var dir = TestSupport.TempDirectory();
        try
        {
            var r = Veld("fuzz", "--seed", "3", "--count", "6", "--size", "12", "--tiers", "tree", "--out", dir, "--stats");
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("no disagreement in 6 programs (seed 3)", r.Stdout);
            Assert.Contains("| feature", r.Stdout);
            Assert.Contains("| program-result", r.Stdout);
            Assert.Contains("| oracle outcome", r.Stdout);
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FuzzIndexReproducesOneProgram()
    {
        var dir = TestSupport.TempDirectory();
        try
        {
            var first = Veld("fuzz", "--seed", "7", "--count", "12", "--size", "10", "--tiers", "tree,buggy", "--out", dir, "--no-reduce");
            var finding = Directory.GetFiles(dir, "fuzz-7-*.veld").Order(StringComparer.Ordinal).First();
            var index = Path.GetFileNameWithoutExtension(finding).Split('-')[2];
            var original = File.ReadAllText(finding);
            File.Delete(finding);

            var again = Veld("fuzz", "--seed", "7", "--index", index, "--size", "10", "--tiers", "tree,buggy", "--out", dir, "--no-reduce");
            Assert.Equal(1, again.ExitCode);
            Assert.Equal(original, File.ReadAllText(finding));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--count", "5", "--time", "3")]
    [InlineData("--shard", "3/3")]
    [InlineData("--shard", "x")]
    [InlineData("--index", "2", "--shard", "0/2")]
    [InlineData("--size", "0")]
    [InlineData("--tiers", "tree,nope")]
    public void FuzzRejectsBadOptions(params string[] options)
    {
        var r = Veld(["fuzz", .. options]);
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.NotEqual("", r.Stderr);
    }

    [Fact]
    public void ReduceKeepsAnErrorAndWritesTheResult()
    {
        var dir = TestSupport.TempDirectory();
        try
        {
            var input = Path.Combine(dir, "in.veld");
            var output = Path.Combine(dir, "out.veld");
            File.WriteAllText(input, "let xs = [1, 2, 3]\nfn f(n) => xs[n] / (n - 2)\nprintln(f(0))\nprintln(f(1))\nprintln(f(2))\nprintln(\"end\")\n");
            var r = Veld("reduce", input, "--keep-error", "DivisionByZero", "--tiers", "tree", "-o", output);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("veld reduce: 6 -> ", r.Stderr);
            var reduced = File.ReadAllText(output);
            Assert.True(Reducer.CountLines(reduced) <= 2, reduced);
            Assert.Equal("DivisionByZero", TestSupport.RunOnTree(reduced).Error?.Kind);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ReduceOfADisagreementPrintsTheSmallProgram()
    {
        var dir = TestSupport.TempDirectory();
        try
        {
            var input = Path.Combine(dir, "in.veld");
            File.WriteAllText(input, "var total = 0\nfor i in 0..5 do\n    total += i\nend\nprintln(total, total % 3)\nprintln(\"done\")\n");
            var r = Veld("reduce", input, "--tiers", "tree,buggy");
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("%", r.Stdout);
            Assert.True(Reducer.CountLines(r.Stdout) <= 2, r.Stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ReduceSaysSoWhenTheProgramDoesNotShowTheProblem()
    {
        var dir = TestSupport.TempDirectory();
        try
        {
            var input = Path.Combine(dir, "in.veld");
            File.WriteAllText(input, "println(1 + 2)\n");
            var r = Veld("reduce", input, "--tiers", "tree,buggy");
            Assert.Equal(ExitCodes.Failure, r.ExitCode);
            Assert.Contains("does not show the problem", r.Stderr);

            File.WriteAllText(input, "println(undeclared)\n");
            Assert.Equal(ExitCodes.CompileError, Veld("reduce", input, "--tiers", "tree,buggy").ExitCode);
            Assert.Equal(ExitCodes.Usage, Veld("reduce", input, "--tiers", "tree").ExitCode);
            Assert.Equal(ExitCodes.Usage, Veld("reduce", input, "--keep-error", "Bogus").ExitCode);
            Assert.Equal(ExitCodes.Usage, Veld("reduce", Path.Combine(dir, "missing.veld"), "--keep-error", "Index").ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
