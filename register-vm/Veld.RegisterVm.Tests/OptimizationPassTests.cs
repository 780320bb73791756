using Veld.Language;
using Veld.Runtime;

namespace Veld.RegisterVm.Tests;

/// <summary>Every named optimization pass can be switched off: the corpus still compiles to code the
/// register checker accepts, the pass changes the code where it applies, and programs give the same results.</summary>
public class OptimizationPassTests
{
    public static TheoryData<string> Passes => [.. OptimizationPasses.All];

    [Theory]
    [MemberData(nameof(Passes))]
    public void CorpusWithThePassOffPassesTheRegisterChecker(string pass)
    {
        var off = OptimizationSettings.Without([pass]);
        long codeOn = 0, codeOff = 0;
        bool changed = false;
        foreach (var file in CorpusFiles.All().Select(row => (string)row[0]))
        {
            var compiled = VeldCompiler.Compile(new Source(file, CorpusFiles.Read(file)));
            if (!compiled.Success) continue;
            var program = ProgramCompiler.Compile(compiled.Program!, off);
            var violations = RegisterChecker.Check(program);
            Assert.True(violations.Count == 0, $"{file} with {pass} off: " + string.Join("\n", violations));
            var programOn = ProgramCompiler.Compile(compiled.Program!, OptimizationSettings.AllOn);
            codeOff += program.CodeBytes;
            codeOn += programOn.CodeBytes;
            changed |= !program.Script.SelfAndDescendants().SelectMany(p => p.Code)
                .SequenceEqual(programOn.Script.SelfAndDescendants().SelectMany(p => p.Code))
                || !program.Script.SelfAndDescendants().SelectMany(p => p.Upvalues)
                .SequenceEqual(programOn.Script.SelfAndDescendants().SelectMany(p => p.Upvalues));
        }
        // The peephole pass rewrites in place (same size), capture by value changes how CLOSURE captures (not the
        // code); the others remove instructions.
        if (pass is OptimizationPasses.Peephole or OptimizationPasses.CaptureByValue) Assert.True(changed, $"{pass} should change some corpus code");
        else Assert.True(codeOff > codeOn, $"{pass} off: {codeOff} code bytes, on: {codeOn}; the pass should shrink the code");
    }

    [Theory]
    [MemberData(nameof(Passes))]
    public void AProgramGivesTheSameResultWithThePassOff(string pass)
    {
        const string source = """
            fn f(a, b)
                let c = 2 * 3 + -(4 - 1)
                var x = a
                x = x + b * c
                var ok = true
                ok = ok and x > a
                note(ok)
                (x, a - b, "s" + "t", 7 / 2)
            end
            var counted = 0
            proc note(ok)
                if ok then counted += 1 else counted -= 1 end
            end
            f(10, 4)
            """;
        var program = TestSupport.Check(source);
        var on = TierHost.Run(new RegisterVmTier(OptimizationSettings.AllOn), program, new RunOptions());
        var off = TierHost.Run(new RegisterVmTier(OptimizationSettings.Without([pass])), program, new RunOptions());
        Assert.Equal(OutcomeKind.Success, off.Kind);
        Assert.Equal(Display.Show(on.Result), Display.Show(off.Result));
        Assert.Equal("(22, 6, \"st\", 3)", Display.Show(off.Result));
        if (pass == OptimizationPasses.CaptureByValue) Assert.Equal(on.Metrics.Instructions, off.Metrics.Instructions);
        else Assert.True(off.Metrics.Instructions > on.Metrics.Instructions, $"{pass} off should execute more instructions");
    }

    [Fact]
    public void AnUnknownPassIsRejected() =>
        Assert.Throws<ArgumentException>(() => OptimizationSettings.Without(["no-such-pass"]));
}
