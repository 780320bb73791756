using FsCheck;
using FsCheck.Fluent;
using Veld.Language;
using Veld.RegisterVm.Fuzzing;
using Veld.TreeWalk;
using Xunit.Abstractions;

namespace Veld.RegisterVm.Tests;

/// <summary>Random register-pressure programs (nested calls, mid-expression locals, captured loop variables,
/// guards, try) behave on the register tier exactly as on the oracle; failures shrink to fewer statements.</summary>
public class GeneratedProgramTests(ITestOutputHelper output)
{
    [Fact]
    public void GeneratedProgramsBehaveAsOnTheOracle()
    {
        var options = new RunOptions { Timeout = TimeSpan.FromSeconds(20), Fuel = 5_000_000 };
        var property = Prop.ForAll(RegisterPressureProgramGenerator.Arbitrary(), program =>
        {
            var compiled = VeldCompiler.Compile(new Source("generated.veld", program.Source));
            if (!compiled.Success) return false; // the generator promises valid programs
            var tree = TierHost.Run(new TreeWalkTier(), compiled.Program!, options);
            var register = TierHost.Run(new RegisterVmTier(), compiled.Program!, options);
            if (tree.Kind == OutcomeKind.LimitExceeded || register.Kind == OutcomeKind.LimitExceeded) return true;
            return tree.Kind == register.Kind && tree.Stdout == register.Stdout && Equals(tree.Error, register.Error);
        });
        PropertySeed.Check(output, nameof(GeneratedProgramsBehaveAsOnTheOracle), property, maxTest: 80);
    }
}
