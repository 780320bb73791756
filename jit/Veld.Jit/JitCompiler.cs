using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>The JIT's hook in one run of the register VM: compiles a function when the VM reports it hot.</summary>
internal sealed class JitCompiler(int protoCount, int threshold, JitStatistics stats) : TierUp(protoCount, threshold)
{
    protected override CompiledFunction? Compile(FunctionProto proto) => Compilation.Compile(proto, stats);
}
