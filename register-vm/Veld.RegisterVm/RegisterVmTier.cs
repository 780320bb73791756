using Veld.Language.Syntax;
using Veld.Runtime;
using ExecutionContext = Veld.Runtime.ExecutionContext;

namespace Veld.RegisterVm;

/// <summary>
/// The register VM tier ("register"): compiles the checked program to 32-bit register bytecode, verifies it
/// (operand ranges, jump targets: what the VM's unchecked reads rely on), proves its register allocation where
/// <see cref="RegisterChecking"/> asks for it, and runs it on <see cref="RegisterMachine"/>.
/// </summary>
public sealed class RegisterVmTier(OptimizationSettings? optimizations = null, bool? checkRegisters = null) : ITier
{
    public string Name => "register";

    /// <summary>The compiler's passes; null for <see cref="OptimizationSettings.ProcessDefault"/>.</summary>
    public OptimizationSettings? Optimizations { get; } = optimizations;

    /// <summary>Whether <see cref="Compile"/> runs the <see cref="RegisterChecker"/>; null for
    /// <see cref="RegisterChecking.ProcessDefault"/> at the time of each compile.</summary>
    public bool? CheckRegisters { get; } = checkRegisters;

    /// <summary>True if the next <see cref="Compile"/> proves the register allocation.</summary>
    public bool ChecksRegisters => CheckRegisters ?? RegisterChecking.ProcessDefault;

    /// <summary>Compiles and verifies before anything runs; with <see cref="ChecksRegisters"/>, also proves the
    /// register allocation sound (<see cref="RegisterChecker"/>, which runs the verifier first), and a violation
    /// (a compiler bug) is reported as an internal error, never run.</summary>
    public IExecutable Compile(CheckedProgram program) => CompileVerified(program, Optimizations, ChecksRegisters);

    /// <summary>Compiles <paramref name="program"/> and verifies it once: through the checker when
    /// <paramref name="checkRegisters"/> (it verifies first), else the verifier alone. The JIT tier compiles
    /// through this too.</summary>
    public static RegisterExecutable CompileVerified(CheckedProgram program, OptimizationSettings? optimizations, bool checkRegisters)
    {
        var compiled = ProgramCompiler.Compile(program, optimizations);
        if (checkRegisters) RegisterChecker.Require(compiled);
        else ProgramVerifier.Verify(compiled);
        return Verified(compiled);
    }

    /// <summary>Compiles and proves the result sound: what <c>veld build</c> writes, so that no file is written
    /// that its own loader would reject.</summary>
    public static RegisterProgram CompileChecked(CheckedProgram program, OptimizationSettings? optimizations = null)
    {
        var compiled = ProgramCompiler.Compile(program, optimizations);
        RegisterChecker.Require(compiled);
        return compiled;
    }

    /// <summary>An executable for an already compiled (or loaded) program, after verifying it: the VM
    /// relies on the verifier's proof for its unchecked code reads.</summary>
    public static RegisterExecutable Load(RegisterProgram program)
    {
        ProgramVerifier.Verify(program);
        return Verified(program);
    }

    /// <summary>An executable for a program the verifier has passed (directly, or through the checker, which
    /// verifies first).</summary>
    private static RegisterExecutable Verified(RegisterProgram program)
    {
        int id = 0;
        foreach (var proto in program.Script.SelfAndDescendants()) proto.Id = id++;
        return new RegisterExecutable(program, id);
    }
}

/// <summary>A verified register program; each <see cref="Execute"/> is an independent run.</summary>
public sealed class RegisterExecutable : IExecutable
{
    internal RegisterExecutable(RegisterProgram program, int protoCount)
    {
        Program = program;
        ProtoCount = protoCount;
    }

    /// <summary>Protos in the program (they are numbered 0 .. ProtoCount-1).</summary>
    internal int ProtoCount { get; }

    public RegisterProgram Program { get; }

    /// <summary>Four bytes per instruction over every prototype.</summary>
    public long? CodeBytes => Program.CodeBytes;

    public Value Execute(ExecutionContext context) => new RegisterMachine(Program, context, ProtoCount).RunProgram();
}
