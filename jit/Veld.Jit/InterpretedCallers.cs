using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>
/// Part of the JIT's cost model, the other side of <see cref="InterpretedCallees"/>: a short function
/// (<see cref="TierUp.IsShort"/>) whose caller stays interpreted waits for that caller. Each call from the
/// interpreter enters its code through the entry switch and leaves it again, which costs about what interpreting a
/// short body does, and its compilation is paid besides (richards' `is_held_or_suspended`, called from the scheduler
/// loop, which waits for the task control block's `run` method, which never gets hot enough in the run: the callee was
/// compiled after 100,000 of its 106,000 calls, and only ever entered from the interpreter). When the caller
/// compiles, the callees waiting for it compile just before it (<see cref="TierUp"/>), so its code links to theirs
/// as when callees compile first.
/// </summary>
internal static class InterpretedCallers
{
    /// <summary>
    /// Whether <paramref name="proto"/>, hot now, is short and called by <paramref name="caller"/> (the frame below its
    /// own), which stays interpreted for now: a loop held back by callees other than <paramref name="proto"/>
    /// (<paramref name="heldByOthers"/>). Not for a loop that waits for <paramref name="proto"/> alone (it compiles right
    /// after it), a compiled caller, or a call to itself. Nor for a short caller not hot yet: waiting for it delayed
    /// towers' helpers, whose recursive caller gets hot later (1.8 million more instructions interpreted).
    /// </summary>
    public static bool Holding(FunctionProto proto, FunctionProto caller, TierUp tier, Func<FunctionProto, bool> heldByOthers)
    {
        if (caller == proto || tier.Code[caller.Id] is not null || !tier.IsShort(proto)) return false;
        return tier.IsWaiting(caller) && heldByOthers(caller);
    }
}
