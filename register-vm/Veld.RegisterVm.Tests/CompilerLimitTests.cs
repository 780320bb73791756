namespace Veld.RegisterVm.Tests;

/// <summary>
/// Limits of the encoding that the compiler reports as "unsupported" instead of emitting a wrapped operand.
/// </summary>
public class CompilerLimitTests
{
    [Fact]
    public void AFunctionDefiningMoreFunctionsThanClosureCanNameIsUnsupported()
    {
        // CLOSURE names its proto in Bx (17 bits): 131,072 nested functions at most. One more is reported,
        // not wrapped round to proto 0.
        int count = Instruction.MaxBx + 2;
        string source = "fn f()\n    let fs = [" + string.Join(", ", Enumerable.Repeat("() => 1", count)) + "]\n    len(fs)\nend\nprintln(f())\n";
        var e = Assert.Throws<TierUnsupportedException>(() => ProgramCompiler.Compile(Check(source)));
        Assert.Equal("register VM: function 'f' defines more than 131072 functions", e.Message);
    }
}
