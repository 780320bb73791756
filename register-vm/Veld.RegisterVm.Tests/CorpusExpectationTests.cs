using Veld.Language;

namespace Veld.RegisterVm.Tests;

/// <summary>Every corpus program on the register tier against the expectations written in the file; every
/// compiled program also passes the register checker.</summary>
public class CorpusExpectationTests
{
    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void RegisterMeetsWrittenExpectations(string file)
    {
        var text = CorpusFiles.Read(file);
        var expected = CorpusExpectations.Parse(text);
        var compiled = VeldCompiler.Compile(new Source(file, text));
        if (!compiled.Success || expected.CompileError) return;

        var violations = RegisterChecker.Check(ProgramCompiler.Compile(compiled.Program!));
        Assert.True(violations.Count == 0, "register checker: " + string.Join("\n", violations));

        var outcome = TierHost.Run(new RegisterVmTier(), compiled.Program!, new RunOptions { Timeout = TimeSpan.FromSeconds(60), Fuel = expected.Fuel });
        Assert.True(outcome.Kind is OutcomeKind.Success or OutcomeKind.RuntimeError || outcome.RanOutOfFuel, $"{outcome.Kind}: {outcome.Error?.Message}");

        var lines = outcome.Stdout.Split('\n');
        var printed = lines.Length > 0 && lines[^1] == "" ? lines[..^1] : lines;
        Assert.Equal(expected.Output, printed);

        if (expected.ErrorKind is null)
        {
            Assert.True(outcome.Kind == OutcomeKind.Success, $"unexpected error {outcome.Error}");
            if (expected.Result is not null) Assert.Equal(expected.Result, Display.Show(outcome.Result));
            return;
        }
        Assert.Equal(expected.ErrorKind == nameof(ErrorKind.LimitExceeded) ? OutcomeKind.LimitExceeded : OutcomeKind.RuntimeError, outcome.Kind);
        Assert.Equal(expected.ErrorKind, outcome.Error!.Kind);
        Assert.Equal(expected.ErrorLine, outcome.Error.Line);
        if (expected.ErrorMessage is not null) Assert.Equal(expected.ErrorMessage, outcome.Error.Message);
    }
}
