namespace Veld.RegisterVm.Tests;

/// <summary>One function's code compiled with chosen passes, as "MNEMONIC operands" lines, for tests that
/// show what a pass changes (the register checker proves every program compiled here).</summary>
internal static class PassListings
{
    public static RegisterProgram Compile(string source, OptimizationSettings settings)
    {
        var program = ProgramCompiler.Compile(TestSupport.Check(source), settings);
        var violations = RegisterChecker.Check(program);
        Assert.True(violations.Count == 0, $"register checker ({settings}): " + string.Join("\n", violations));
        return program;
    }

    public static List<string> Listing(string source, string function, OptimizationSettings settings) =>
        [.. TestSupport.Proto(Compile(source, settings), function).Code
            .Select(i => $"{Disassembler.Name(Instruction.Op(i))} {Disassembler.Operands(i)}")];

    public static OptimizationSettings Off(string pass) => OptimizationSettings.Without([pass]);

    /// <summary>Running <paramref name="source"/> gives <paramref name="expected"/> with <paramref name="pass"/>
    /// on and off, and the pass makes the register VM execute fewer instructions.</summary>
    public static void AssertSavesInstructions(string source, string pass, string expected)
    {
        long on = Instructions(source, OptimizationSettings.AllOn, out var resultOn);
        long off = Instructions(source, Off(pass), out var resultOff);
        Assert.Equal(expected, resultOn);
        Assert.Equal(expected, resultOff);
        Assert.True(on < off, $"{pass} on: {on} instructions, off: {off}");
    }

    private static long Instructions(string source, OptimizationSettings settings, out string result)
    {
        var outcome = TierHost.Run(new RegisterVmTier(settings), TestSupport.Check(source), new RunOptions());
        Assert.True(outcome.Kind == OutcomeKind.Success, $"{outcome.Kind}: {outcome.Error}");
        result = Display.ShowNested(outcome.Result);
        return outcome.Metrics.Instructions ?? throw new InvalidOperationException("the register tier reports instructions executed");
    }
}
