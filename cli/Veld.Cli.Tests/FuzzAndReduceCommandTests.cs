using Veld.Cli;
using Veld.Differential;
using Veld.Fuzzing.Reduction;
using Veld.Fuzzing.Tests;
using Veld.Language;

namespace Veld.Cli.Tests;

/// <summary><c>veld fuzz</c> and <c>veld reduce</c>, run in-process with captured, non-interactive output.</summary>
public sealed class FuzzAndReduceCommandTests : TempCorpusTest
{
    private static readonly CliServices Services = new(
        new TierRegistry(
        [
            new TierRegistration("tree", "the tree-walk oracle", () => new Veld.TreeWalk.TreeWalkTier()),
            new TierRegistration("buggy", "tree-walk with a planted bug in programs that use %", () => new RemainderBugTier()),
        ]),
        VeldCompiler.Compile);

    private static Result Veld(params string[] args) => Run(Services, args);

    [Fact]
    public void FuzzSavesReducesAndExitsOneOnAFinding()
    {
        var r = Veld("fuzz", "--seed", "7", "--count", "12", "--size", "10", "--tiers", "tree,buggy", "--out", Corpus.Root);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("veld fuzz: seed 7, 12 programs, size 10, tiers tree,buggy", r.Stderr);
        Assert.Contains("found: ", r.Stderr);
        Assert.Contains("  reduced ", r.Stderr);
        Assert.Contains("disagreement: program ", r.Stdout);
        Assert.Contains(" in 12 programs (seed 7)", r.Stdout);
        var saved = Directory.GetFiles(Corpus.Root, "fuzz-7-*.veld");
        Assert.NotEmpty(saved);
        Assert.Contains(saved, f => f.EndsWith(".reduced.veld", StringComparison.Ordinal));
    }

    [Fact]
    public void FuzzWithAgreeingTiersExitsZeroAndCanShowCoverage()
    {
        var r = Veld("fuzz", "--seed", "3", "--count", "6", "--size", "12", "--tiers", "tree", "--out", Corpus.Root, "--stats");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("no disagreement in 6 programs (seed 3)", r.Stdout);
        Assert.Contains("| feature", r.Stdout);
        Assert.Contains("| program-result", r.Stdout);
        Assert.Contains("| oracle outcome", r.Stdout);
        Assert.Empty(Directory.GetFiles(Corpus.Root));
    }

    [Fact]
    public void FuzzIndexReproducesOneProgram()
    {
        var first = Veld("fuzz", "--seed", "7", "--count", "12", "--size", "10", "--tiers", "tree,buggy", "--out", Corpus.Root, "--no-reduce");
        var finding = Directory.GetFiles(Corpus.Root, "fuzz-7-*.veld").Order(StringComparer.Ordinal).First();
        var index = Path.GetFileNameWithoutExtension(finding).Split('-')[2];
        var original = File.ReadAllText(finding);
        File.Delete(finding);

        var again = Veld("fuzz", "--seed", "7", "--index", index, "--size", "10", "--tiers", "tree,buggy", "--out", Corpus.Root, "--no-reduce");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(original, File.ReadAllText(finding));
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
        var input = Corpus.Write("in.veld", "let xs = [1, 2, 3]\nfn f(n) => xs[n] / (n - 2)\nprintln(f(0))\nprintln(f(1))\nprintln(f(2))\nprintln(\"end\")\n");
        var output = Path.Combine(Corpus.Root, "out.veld");
        var r = Veld("reduce", input, "--keep-error", "DivisionByZero", "--tiers", "tree", "-o", output);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("veld reduce: 6 -> ", r.Stderr);
        var reduced = File.ReadAllText(output);
        Assert.True(Reducer.CountLines(reduced) <= 2, reduced);
        Assert.Equal("DivisionByZero", TestSupport.RunOnTree(reduced).Error?.Kind);
    }

    [Fact]
    public void ReduceOfADisagreementPrintsTheSmallProgram()
    {
        var input = Corpus.Write("in.veld", "var total = 0\nfor i in 0..5 do\n    total += i\nend\nprintln(total, total % 3)\nprintln(\"done\")\n");
        var r = Veld("reduce", input, "--tiers", "tree,buggy");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("%", r.Stdout);
        Assert.True(Reducer.CountLines(r.Stdout) <= 2, r.Stdout);
    }

    [Fact]
    public void ReduceSaysSoWhenTheProgramDoesNotShowTheProblem()
    {
        var input = Corpus.Write("in.veld", "println(1 + 2)\n");
        var r = Veld("reduce", input, "--tiers", "tree,buggy");
        Assert.Equal(ExitCodes.Failure, r.ExitCode);
        Assert.Contains("does not show the problem", r.Stderr);

        File.WriteAllText(input, "println(undeclared)\n");
        Assert.Equal(ExitCodes.CompileError, Veld("reduce", input, "--tiers", "tree,buggy").ExitCode);
        Assert.Equal(ExitCodes.Usage, Veld("reduce", input, "--tiers", "tree").ExitCode);
        Assert.Equal(ExitCodes.Usage, Veld("reduce", input, "--keep-error", "Bogus").ExitCode);
        Assert.Equal(ExitCodes.Usage, Veld("reduce", Path.Combine(Corpus.Root, "missing.veld"), "--keep-error", "Index").ExitCode);
    }
}
