using Veld.Fuzzing.Generation;
using Veld.Language;
using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Fuzzing.Tests;

/// <summary>The shapes aimed at VM bugs: each is common enough to matter, runs cleanly on the oracle, and
/// reaches the encoding limits it is written for.</summary>
public class TargetedShapeTests
{
    private static readonly string[] ShapeFeatures =
    [
        Features.EdgeValues, Features.ImmediateLimits, Features.EqualOperandComparisons, Features.PolymorphicSites,
        Features.MixedOperandKinds, Features.MethodNameKeys, Features.BigFunctions, Features.ManyRegisters,
        Features.CaptureWithLoopExit, Features.CaptureThenThrow, Features.ReturnCaptureFromLoop,
        Features.TailCallCapture, Features.WriteInsideExpression, Features.SelfReferentialLogic,
    ];

    [Fact]
    public void EveryShapeAppearsInAtLeastFivePercentOfProgramsAtTheDefaultOptions()
    {
        const int programs = 600;
        var counts = ShapeFeatures.ToDictionary(f => f, _ => 0);
        for (ulong seed = 0; seed < programs; seed++)
            foreach (var f in ProgramGenerator.Generate(seed).Features.Where(counts.ContainsKey)) counts[f]++;
        var rare = counts.Where(c => c.Value < programs / 20).Select(c => $"{c.Key} ({c.Value})").ToList();
        Assert.True(rare.Count == 0, "in fewer than 5% of programs: " + string.Join(", ", rare));
    }

    [Fact]
    public void SwitchedOffTheGeneratorWritesNoneOfTheShapes()
    {
        var options = new GeneratorOptions { TargetedShapes = false };
        for (ulong seed = 0; seed < 100; seed++)
            Assert.Empty(ProgramGenerator.Generate(seed, options).Features.Intersect(ShapeFeatures));
    }

    [Fact]
    public void ProgramsWithShapesRunToTheEndOnTheOracle()
    {
        // Every operation in the shapes that may raise is guarded, so they add no errors of their own; the
        // rest of a program may still stop by accident now and then, as GeneratorTests tolerates.
        int runs = 0, clean = 0;
        for (ulong seed = 0; runs < 40; seed++)
        {
            var p = ProgramGenerator.Generate(seed, new GeneratorOptions { DeliberateErrorPercent = 0, BigFunctionPercent = 30 });
            if (!p.Features.Overlaps(ShapeFeatures)) continue;
            runs++;
            var outcome = TestSupport.RunOnTree(p.Source);
            Assert.True(outcome.Kind is OutcomeKind.Success or OutcomeKind.RuntimeError, $"seed {seed}: {outcome.Kind} {outcome.Error?.Message}");
            if (outcome.Kind == OutcomeKind.Success) clean++;
        }
        Assert.True(clean >= runs * 9 / 10, $"only {clean} of {runs} programs ran to the end");
    }

    [Fact]
    public void BigFunctionsCrossTheRegisterVmsEightBitConstantAndNearItsRegisterLimit()
    {
        int constantsSeen = 0, registersSeen = 0;
        for (ulong seed = 0; seed < 200 && (constantsSeen == 0 || registersSeen == 0); seed++)
        {
            var p = ProgramGenerator.Generate(seed, new GeneratorOptions { BigFunctionPercent = 50 });
            if (!p.Features.Contains(Features.BigFunctions) && !p.Features.Contains(Features.ManyRegisters)) continue;
            var protos = ProgramCompiler.Compile(TestSupport.CompileOrFail(p.Source)).Script.SelfAndDescendants().ToList();
            if (p.Features.Contains(Features.BigFunctions))
            {
                Assert.Contains(protos, f => f.Name.StartsWith("big", StringComparison.Ordinal) && f.Constants.Length > 255);
                constantsSeen++;
            }
            if (p.Features.Contains(Features.ManyRegisters))
            {
                Assert.Contains(protos, f => f.Name.StartsWith("wide", StringComparison.Ordinal) && f.MaxStack >= 180);
                registersSeen++;
            }
        }
        Assert.True(constantsSeen > 0 && registersSeen > 0);
    }
}
