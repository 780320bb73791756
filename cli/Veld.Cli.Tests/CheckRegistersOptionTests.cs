using Veld.Differential;
using Veld.Language;
using Veld.RegisterVm;

namespace Veld.Cli.Tests;

/// <summary>Which commands prove register allocations (<see cref="RegisterChecking"/>): run and bench only with
/// <c>--check-registers</c>, diff and fuzz always, whatever an earlier command in the process chose. The setting is
/// process-wide, so this class runs alone.</summary>
[Collection(nameof(ProcessWideRegisterChecking))]
public sealed class CheckRegistersOptionTests : TempCorpusTest
{
    private static readonly CliServices RealTree = new(
        new TierRegistry([new TierRegistration("tree", "the tree-walk oracle", () => new Veld.TreeWalk.TreeWalkTier())]),
        VeldCompiler.Compile);

    [Fact]
    public void Run_checks_only_when_asked_and_diff_and_fuzz_always_check()
    {
        var program = Corpus.Write("p.veld", "print 1 # expect: 1\n");

        Assert.Equal(0, RunFake("run", program).ExitCode);
        Assert.False(RegisterChecking.ProcessDefault);
        Assert.Equal(0, RunFake("run", "--check-registers", program).ExitCode);
        Assert.True(RegisterChecking.ProcessDefault);

        Assert.Equal(0, RunFake("run", program).ExitCode);
        Assert.Equal(0, RunFake("diff", Corpus.Root).ExitCode);
        Assert.True(RegisterChecking.ProcessDefault);

        Assert.Equal(0, RunFake("run", program).ExitCode);
        Assert.Equal(0, Run(RealTree, "fuzz", "--seed", "1", "--count", "1", "--size", "5", "--tiers", "tree", "--out", Corpus.Root, "--no-reduce").ExitCode);
        Assert.True(RegisterChecking.ProcessDefault);
    }

    [Fact]
    public void Bench_checks_only_when_asked()
    {
        var program = Corpus.Write("p.veld", "print 1\n");
        RegisterChecking.ProcessDefault = true;
        RunFake("bench", program, "--compile-time", "--tiers", "tree", "--iterations", "1", "--warmup", "0");
        Assert.False(RegisterChecking.ProcessDefault);
        RunFake("bench", program, "--compile-time", "--tiers", "tree", "--iterations", "1", "--warmup", "0", "--check-registers");
        Assert.True(RegisterChecking.ProcessDefault);
    }
}

/// <summary>Tests that change <see cref="RegisterChecking.ProcessDefault"/> run apart from every other test.</summary>
[CollectionDefinition(nameof(ProcessWideRegisterChecking), DisableParallelization = true)]
public sealed class ProcessWideRegisterChecking;
