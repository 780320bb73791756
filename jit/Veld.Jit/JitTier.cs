using Veld.Language.Syntax;
using Veld.RegisterVm;
using Veld.Runtime;
using ExecutionContext = Veld.Runtime.ExecutionContext;

namespace Veld.Jit;

/// <summary>
/// The JIT tier ("jit"): the register tier's compiler, checker and VM, plus compilation of hot functions to
/// IL (<see cref="FunctionEmitter"/>). A function is compiled after <see cref="RunOptions.JitThreshold"/> loop
/// back-edges, a call counting 1/100 of one and a call of a function by itself a whole one (0: before its first
/// instruction), so a long loop in a function called once is compiled too, and the VM continues it in compiled code
/// at the loop header.
/// </summary>
public sealed class JitTier : ITier
{
    public string Name => "jit";

    /// <summary>What the JIT did in the last run of a program this instance compiled (for <c>veld run --stats</c>).</summary>
    public JitStatistics? LastRun { get; private set; }

    public IExecutable Compile(CheckedProgram program)
    {
        var compiled = RegisterVmTier.CompileVerified(program, optimizations: null, RegisterChecking.ProcessDefault);
        return new JitExecutable(compiled, stats => LastRun = stats);
    }
}

/// <summary>A verified register program run with the JIT; every run compiles afresh (compile time counts in the run).</summary>
public sealed class JitExecutable : IExecutable
{
    private readonly RegisterExecutable _program;
    private readonly Action<JitStatistics> _report;

    internal JitExecutable(RegisterExecutable program, Action<JitStatistics> report)
    {
        _program = program;
        _report = report;
    }

    /// <summary>The bytecode's size, as on the register tier (IL sizes are per run, in <see cref="JitStatistics"/>).</summary>
    public long? CodeBytes => _program.CodeBytes;

    public Value Execute(ExecutionContext context)
    {
        var stats = new JitStatistics();
        var options = context.Options;
        // Background compilation only where nothing has to repeat exactly (threshold 0 and stress runs do).
        bool background = options.JitBackground && options.JitThreshold > 0 && options.JitStress is null;
        var jit = new JitCompiler(_program.Program, _program.ProtoCount, options.JitThreshold, options.JitStress, stats, background,
            options.JitBackgroundIlBytes);
        RegisterMachine? machine = null;
        var nativeBefore = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
        try
        {
            machine = new RegisterMachine(_program.Program, context, _program.ProtoCount, jit);
            jit.Machine = machine;
            return machine.RunProgram();
        }
        finally
        {
            stats.DirectMethodCalls = machine?.DirectMethodCalls ?? 0;
            stats.MethodLookupsOutOfLine = machine?.MethodLookupsOutOfLine ?? 0;
            stats.DirectClosureCalls = machine?.DirectClosureCalls ?? 0;
            stats.TailCalleesRun = machine?.TailCalleesRun ?? 0;
            stats.IteratorStepsOutOfLine = machine?.IteratorStepsOutOfLine ?? 0;
            stats.VmThreadNativeMs = (System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - nativeBefore).TotalMilliseconds;
            stats.HeatReports = jit.Reports;
            jit.Dispose(); // before the report: what was never installed is counted
            _report(stats);
        }
    }
}
