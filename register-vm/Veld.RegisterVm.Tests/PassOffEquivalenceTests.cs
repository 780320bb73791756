using FsCheck;
using FsCheck.Fluent;
using Veld.Language;
using Veld.RegisterVm.Fuzzing;
using Xunit.Abstractions;

namespace Veld.RegisterVm.Tests;

/// <summary>Switching any one pass off changes the code, never the behaviour: corpus programs (the benchmarks
/// excluded, for time) and random register-pressure programs give the same outcome with the pass off as
/// with every pass on.</summary>
public class PassOffEquivalenceTests(ITestOutputHelper output)
{
    private static readonly RunOptions Options = new() { Timeout = TimeSpan.FromSeconds(20), Fuel = 5_000_000 };

    public static TheoryData<string> Passes => [.. OptimizationPasses.All];

    [Theory]
    [MemberData(nameof(Passes))]
    public void CorpusProgramsBehaveTheSameWithThePassOff(string pass)
    {
        var off = OptimizationSettings.Without([pass]);
        foreach (var file in CorpusFiles.All().Select(row => (string)row[0]).Where(f => !f.StartsWith("bench/", StringComparison.Ordinal)))
        {
            var compiled = VeldCompiler.Compile(new Source(file, CorpusFiles.Read(file)));
            if (!compiled.Success) continue;
            var expected = TierHost.Run(new RegisterVmTier(OptimizationSettings.AllOn), compiled.Program!, Options);
            var actual = TierHost.Run(new RegisterVmTier(off), compiled.Program!, Options);
            Assert.True(SameOutcome(expected, actual), $"{file} with {pass} off: {actual.Kind} {actual.Error}, all on: {expected.Kind} {expected.Error}");
        }
    }

    [Theory]
    [MemberData(nameof(Passes))]
    public void GeneratedProgramsBehaveTheSameWithThePassOff(string pass)
    {
        var off = OptimizationSettings.Without([pass]);
        var property = Prop.ForAll(RegisterPressureProgramGenerator.Arbitrary(), program =>
        {
            var compiled = VeldCompiler.Compile(new Source("generated.veld", program.Source));
            if (!compiled.Success) return false; // the generator promises valid programs
            var expected = TierHost.Run(new RegisterVmTier(OptimizationSettings.AllOn), compiled.Program!, Options);
            var actual = TierHost.Run(new RegisterVmTier(off), compiled.Program!, Options);
            return SameOutcome(expected, actual);
        });
        PropertySeed.Check(output, $"{nameof(GeneratedProgramsBehaveTheSameWithThePassOff)}({pass})", property, maxTest: 30);
    }

    private static bool SameOutcome(RunOutcome expected, RunOutcome actual) =>
        actual.Kind != OutcomeKind.InternalError && expected.Kind == actual.Kind && expected.Stdout == actual.Stdout
        && Equals(expected.Error, actual.Error)
        && (expected.Kind != OutcomeKind.Success || Display.ShowNested(expected.Result) == Display.ShowNested(actual.Result));
}
