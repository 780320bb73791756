using Veld.Fuzzing.Generation;
using Veld.Jit;
using Veld.Language;
using Veld.Runtime;
using Veld.TreeWalk;

namespace Veld.Fuzzing.Tests;

/// <summary>The generator's type-changing sites: valid programs on which a JIT's type guards fail.</summary>
public class TypeChangingSitesTests
{
    private static GeneratedProgram WithSites(ulong seed) =>
        ProgramGenerator.Generate(seed, GeneratorOptions.ForSize(10) with { TypeChangingSitePercent = 100, DeliberateErrorPercent = 0 });

    [Fact]
    public void Programs_with_the_sites_record_the_feature_and_agree_with_the_oracle_while_the_jit_deoptimises()
    {
        for (ulong seed = 0; seed < 4; seed++)
        {
            var program = WithSites(seed);
            Assert.Contains(ProgramGenerator.TypeChangingSitesFeature, program.Features);
            Assert.Contains("retyped_", program.Source);
            var source = new Source("generated.veld", program.Source);
            var options = new RunOptions { JitThreshold = 0 };
            var jit = new JitTier();
            var onJit = TierHost.CompileAndRun(jit, source, options);
            var onTree = TierHost.CompileAndRun(new TreeWalkTier(), source, options);
            Assert.Equal(onTree.Stdout, onJit.Stdout);
            Assert.Equal(onTree.Kind, onJit.Kind);
            Assert.NotEmpty(jit.LastRun!.Deoptimizations);
        }
    }

    [Fact]
    public void Set_to_zero_the_mode_leaves_the_generated_programs_unchanged()
    {
        var options = GeneratorOptions.ForSize(20);
        for (ulong seed = 0; seed < 30; seed++)
        {
            var without = ProgramGenerator.Generate(seed, options with { TypeChangingSitePercent = 0 });
            Assert.DoesNotContain(ProgramGenerator.TypeChangingSitesFeature, without.Features);
            Assert.DoesNotContain("retyped_", without.Source);
        }
    }
}
