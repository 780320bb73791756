using Veld.Language;
using Veld.TreeWalk;

namespace Veld.RegisterVm.Tests;

/// <summary>
/// Every corpus program on the tree-walk tier (the oracle) and on the register tier: the same stdout,
/// the same result (kind and value), the same outcome and error (kind, message, line). Every compiled
/// program also passes the register checker.
/// </summary>
public class CorpusDifferentialTests
{
    private static readonly RunOptions Options = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void RegisterAgreesWithTreeWalk(string file)
    {
        var source = new Source(file, CorpusFiles.Read(file));
        var compiled = VeldCompiler.Compile(source);
        if (!compiled.Success) return; // compile errors come from the shared front end: nothing tier-specific to compare

        var register = ProgramCompiler.Compile(compiled.Program!);
        var violations = RegisterChecker.Check(register);
        Assert.True(violations.Count == 0, "register checker: " + string.Join("\n", violations));

        var tree = TierHost.Run(new TreeWalkTier(), compiled.Program!, Options);
        var reg = TierHost.Run(new RegisterVmTier(), compiled.Program!, Options);
        AssertSameBehaviour(tree, reg);
    }

    internal static void AssertSameBehaviour(RunOutcome expected, RunOutcome actual)
    {
        Assert.True(actual.Kind != OutcomeKind.InternalError, $"register tier crashed: {actual.Error?.Message}");
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Stdout, actual.Stdout);
        Assert.Equal(expected.Error, actual.Error);
        if (expected.Kind == OutcomeKind.Success)
        {
            Assert.Equal(expected.Result.Kind, actual.Result.Kind);
            Assert.Equal(Display.ShowNested(expected.Result), Display.ShowNested(actual.Result));
        }
    }
}
