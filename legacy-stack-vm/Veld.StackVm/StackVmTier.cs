using Veld.Language.Syntax;
using Veld.Runtime;
using ExecutionContext = Veld.Runtime.ExecutionContext;

namespace Veld.StackVm;

/// <summary>
/// The legacy stack VM tier ("stack"): a clox-style bytecode compiler and VM, the baseline the register
/// VM and the JIT are measured against.
/// </summary>
public sealed class StackVmTier : ITier
{
    public string Name => "stack";

    public IExecutable Compile(CheckedProgram program) => new StackExecutable(ProgramCompiler.Compile(program));

    /// <summary>Compile without wrapping, for the disassembler and tools.</summary>
    public static StackProgram CompileProgram(CheckedProgram program) => ProgramCompiler.Compile(program);
}

/// <summary>A compiled program; every <see cref="Execute"/> is a fresh run with its own VM state.</summary>
public sealed class StackExecutable(StackProgram program) : IExecutable
{
    public StackProgram Program { get; } = program;

    public long? CodeBytes { get; } = program.CodeBytes;

    public Value Execute(ExecutionContext context) => new StackMachine(Program, context).RunScript();
}
