using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>
/// The JIT's hook in one run of the register VM: compiles a function when the VM reports it hot, and hears
/// about deoptimisations. A web (live range) whose type guard failed is left out of the function's next compilation
/// (its code is dropped now and rebuilt when the function is hot again), so a site that changes type
/// costs a few deoptimisations, not one per execution.
/// </summary>
internal sealed class JitCompiler(RegisterProgram program, int protoCount, int threshold, int? stressSeed, JitStatistics stats)
    : TierUp(protoCount, threshold)
{
    private readonly Dictionary<int, HashSet<int>> _untyped = [];
    private ulong _stress = stressSeed is { } seed ? (ulong)seed * 0x9E3779B97F4A7C15UL + 1 : 0;

    protected override CompiledFunction? Compile(FunctionProto proto)
    {
        var excluded = _untyped.GetValueOrDefault(proto.Id) ?? [];
        return Compilation.Compile(proto, TypePlan.For(proto, program, excluded, Profile.Of(proto.Id)), stressSeed is not null, stats);
    }

    public override void Deoptimized(FunctionProto proto, int pc, int assumption, string reason)
    {
        stats.AddDeoptimization(proto, pc, reason);
        // A stress failure or an overflow (an error on its way) proves no assumption wrong: the code stays.
        if (assumption < 0) return;
        if (!_untyped.TryGetValue(proto.Id, out var set)) _untyped[proto.Id] = set = [];
        set.Add(assumption); // the web: its ids depend on the code alone, so they name the same range next time
        // Recompiled without that web when the function is hot again.
        Invalidate(proto, heat: 0);
    }

    /// <summary>About one guard in 64 fails under stress: a xorshift sequence from the seed, so runs repeat exactly.</summary>
    public override bool StressFails()
    {
        if (_stress == 0) return false;
        _stress ^= _stress << 13;
        _stress ^= _stress >> 7;
        _stress ^= _stress << 17;
        return (_stress & 63) == 0;
    }
}
