using Veld.Language;
using Veld.Language.Syntax;
using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>Running Veld source on the JIT tier (and, for comparison, on the register and tree tiers).</summary>
internal static class JitRuns
{
    public static CheckedProgram Check(string source)
    {
        var result = VeldCompiler.Compile(new Source("test.veld", source));
        Assert.True(result.Success, string.Join("; ", result.Diagnostics.Select(d => $"{d.Pos}: {d.Message}")));
        return result.Program!;
    }

    /// <summary>One run on a fresh JIT tier; its statistics come back with the outcome.</summary>
    public static (RunOutcome Outcome, JitStatistics Stats) Run(string source, RunOptions options)
    {
        var tier = new JitTier();
        var outcome = TierHost.Run(tier, Check(source), options);
        return (outcome, tier.LastRun!);
    }

    /// <summary><see cref="Run"/>, which must succeed with the tree-walk oracle's output, result and error.</summary>
    public static (RunOutcome Outcome, JitStatistics Stats) RunAgreeing(string source, RunOptions options)
    {
        var (outcome, stats) = Run(source, options);
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.Equal(Observed(Tree(source, options)), Observed(outcome));
        return (outcome, stats);
    }

    public static RunOutcome RunOn(ITier tier, string source, RunOptions options) => TierHost.Run(tier, Check(source), options);

    public static RunOutcome Register(string source, RunOptions options) => RunOn(new RegisterVmTier(), source, options);
    public static RunOutcome Tree(string source, RunOptions options) => RunOn(new TreeWalk.TreeWalkTier(), source, options);

    /// <summary>The repository's corpus directory, found upwards from the test binaries.</summary>
    public static string CorpusRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "corpus")) && File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
                return Path.Combine(dir.FullName, "corpus");
        throw new DirectoryNotFoundException("corpus");
    }

    /// <summary>Output, result display, and error (kind, message, line) of a run, for comparing tiers.</summary>
    public static string Observed(RunOutcome o) =>
        $"{o.Kind}|{o.Stdout}|{Display.ShowNested(o.Result)}|{o.Error?.Kind}|{o.Error?.Message}|{o.Error?.Line}";

    /// <summary>Every fuel budget from 1 to <paramref name="mostFuel"/> runs out at threshold 0 exactly where the register VM's
    /// does (same output, result and error): compiled code ticks where the interpreter ticks.</summary>
    public static void AssertFuelRunsOutAsOnRegisterVm(string source, long mostFuel)
    {
        for (long fuel = 1; fuel <= mostFuel; fuel++)
        {
            var options = new RunOptions { JitThreshold = 0, Fuel = fuel };
            var expected = Observed(Register(source, options));
            Assert.Equal(expected, Observed(Run(source, options).Outcome));
        }
    }

    /// <summary>The JIT's listing (<c>veld disasm --tier jit</c>) of the one function named <paramref name="function"/> in
    /// <paramref name="source"/>: its type assumptions and IL.</summary>
    public static string ListingOf(string source, string function)
    {
        var listing = JitDisassembler.Disassemble(ProgramCompiler.Compile(Check(source)));
        return listing.Split("function ").Single(f => f.StartsWith(function + " ", StringComparison.Ordinal));
    }
}
