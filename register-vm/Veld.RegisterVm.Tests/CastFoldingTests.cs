namespace Veld.RegisterVm.Tests;

/// <summary>
/// Constant folding covers casts: a cast of a constant that succeeds becomes its result at compile time, and
/// one that fails is left to raise its error at run time, on its own line.
/// </summary>
public class CastFoldingTests
{
    [Fact]
    public void ACastOfAConstantIsFoldedAtCompileTime()
    {
        const string source = """
            fn f() (7 as float, 2.9 as int, 12 as str) end
            println(f())
            """;
        var f = Proto(CompileRegister(source), "f");
        Assert.DoesNotContain(OpCode.Cast, Opcodes(f));
        Assert.Equal("(7.0, 2, \"12\")\n", Output(source));
    }

    [Fact]
    public void ACastThatFailsIsLeftToRunTime()
    {
        const string source = """
            fn f() "x" as int end
            f()
            """;
        Assert.Contains(OpCode.Cast, Opcodes(Proto(CompileRegister(source), "f")));
        var outcome = Run(source);
        Assert.Equal("Value", outcome.Error!.Kind);
        Assert.Equal(1, outcome.Error.Line);
    }
}
