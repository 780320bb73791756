using Veld.Language;
using Veld.Language.Syntax;

namespace Veld.RegisterVm.Tests;

/// <summary>Compiling and running Veld source on the register tier, with the checker run on every compiled program.</summary>
internal static class TestSupport
{
    public static CheckedProgram Check(string source, string file = "test.veld")
    {
        var result = VeldCompiler.Compile(new Source(file, source));
        if (!result.Success)
            throw new InvalidOperationException("front end rejected the test program: " + string.Join("; ", result.Diagnostics.Select(d => $"{d.Pos}: {d.Message}")));
        return result.Program!;
    }

    /// <summary>Compile to register bytecode and prove it with the checker (a test fails on any violation).</summary>
    public static RegisterProgram CompileRegister(string source)
    {
        var program = ProgramCompiler.Compile(Check(source));
        var violations = RegisterChecker.Check(program);
        Assert.True(violations.Count == 0, "register checker: " + string.Join("\n", violations));
        return program;
    }

    public static RunOutcome Run(string source, RunOptions? options = null)
    {
        CompileRegister(source);
        return TierHost.Run(new RegisterVmTier(), Check(source), options ?? new RunOptions());
    }

    /// <summary>Run and require success; returns stdout.</summary>
    public static string Output(string source)
    {
        var outcome = Run(source);
        Assert.True(outcome.Kind == OutcomeKind.Success, $"{outcome.Kind}: {outcome.Error}");
        return outcome.Stdout;
    }

    /// <summary>Run and require success; returns the display form of the result.</summary>
    public static string Result(string source)
    {
        var outcome = Run(source);
        Assert.True(outcome.Kind == OutcomeKind.Success, $"{outcome.Kind}: {outcome.Error}");
        return Display.ShowNested(outcome.Result);
    }

    /// <summary>Every opcode in every proto of the program, in order.</summary>
    public static List<OpCode> Opcodes(RegisterProgram program) =>
        [.. program.Script.SelfAndDescendants().SelectMany(p => p.Code.Select(Instruction.Op))];

    public static List<OpCode> Opcodes(FunctionProto proto) => [.. proto.Code.Select(Instruction.Op)];

    /// <summary>The proto of the function called <paramref name="name"/>.</summary>
    public static FunctionProto Proto(RegisterProgram program, string name) =>
        program.Script.SelfAndDescendants().First(p => p.Name == name);
}
