namespace Veld.RegisterVm.Tests;

/// <summary>Register coalescing: an <c>and</c>/<c>or</c> chain assigned to a local is evaluated in the local's
/// register (no temporary and MOVE) only where no one can see its partial value.</summary>
public class RegisterCoalescingTests
{
    private const string Source = """
        fn all_small(xs)
            var ok = true
            for x in xs do
                ok = ok and x < 10
            end
            ok
        end
        fn both(a, b)
            var r = false
            r = a > 0 and b > 0
            r
        end
        (all_small([1, 2, 3]), all_small([1, 20, 3]), both(1, 2), both(1, -2))
        """;

    [Theory]
    [InlineData("all_small")]
    [InlineData("both")]
    public void TheChainIsEvaluatedInTheLocalsRegister(string function)
    {
        var on = PassListings.Listing(Source, function, OptimizationSettings.AllOn);
        var off = PassListings.Listing(Source, function, PassListings.Off(OptimizationPasses.RegisterCoalescing));
        int moves(List<string> code) => code.Count(line => line.StartsWith("MOVE ", StringComparison.Ordinal));
        Assert.True(moves(on) < moves(off), "on:\n" + string.Join("\n", on) + "\noff:\n" + string.Join("\n", off));
        Assert.True(on.Count < off.Count);
    }

    [Fact]
    public void ThePassSavesInstructionsAndKeepsTheResult() =>
        PassListings.AssertSavesInstructions(Source, OptimizationPasses.RegisterCoalescing, "(true, false, true, false)");

    /// <summary>Where a partial value could be seen, the chain still goes through a temporary: inside a try (a
    /// caught error shows the local), for a captured local, in the script, and when an operand reads the local.</summary>
    [Theory]
    [InlineData("fn f(a)\n var x = false\n try\n x = a > 0 and (10 / a > 1)\n catch e\n x = x\n end\n x\n end\n f(0)\n")]
    [InlineData("fn f(a)\n var x = false\n let g = () => x\n x = a > 0 and g()\n x\n end\n f(1)\n")]
    [InlineData("var x = false\nx = 1 > 0 and clock() > 0.0\nx\n")]
    [InlineData("fn f(a)\n var x = true\n x = a > 0 and x and a < 5\n x\n end\n f(1)\n")]
    public void APartialValueThatCouldBeSeenKeepsTheTemporary(string source)
    {
        var on = ProgramCompiler.Compile(TestSupport.Check(source), OptimizationSettings.AllOn);
        var off = ProgramCompiler.Compile(TestSupport.Check(source), PassListings.Off(OptimizationPasses.RegisterCoalescing));
        Assert.Equal(
            on.Script.SelfAndDescendants().SelectMany(p => p.Code),
            off.Script.SelfAndDescendants().SelectMany(p => p.Code));
    }

    /// <summary>A non-bool last operand raises after the chain wrote it; a caught error must still show the
    /// local's old value, so inside a try the pass stands aside and the result is the same either way.</summary>
    [Fact]
    public void ACaughtErrorSeesTheOldValue()
    {
        const string source = "fn f(a)\n var x = true\n try\n x = x and a\n catch e\n return x\n end\n x\n end\n f(5)\n";
        Assert.Equal("true", TestSupport.Result(source));
    }
}
