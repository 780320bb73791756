using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>
/// Part of the JIT's cost model: a deoptimisation widens what the function's next compilation assumes, beyond the web
/// whose guard failed. The interpreter samples a function's registers only where it reports heat (its parameters at a
/// frame start, every register at a loop header), and the plan extends a register's profile to all of its webs; a
/// web never live at a sampling point takes a kind nobody saw it hold. When one such guess fails, the others of the
/// function are as unfounded: deltablue's `remove_constraint` deoptimised on the result of `remove` (r3), was
/// recompiled, and deoptimised again on an element read (r4), each compilation 2,748 IL bytes and another wait. So the
/// next compilation leaves every such guess boxed, with the failing web. A web its own field or element reads were seen reading
/// (<see cref="TypePlan.FromSiteReads"/>) was observed, wherever it is live.
/// </summary>
internal static class WidenedAssumptions
{
    /// <summary>The webs of <paramref name="plan"/> typed from the profile alone (boxed in <paramref name="unprofiled"/>,
    /// the plan made without it) that are live at no sampling point of <paramref name="proto"/>.</summary>
    public static IEnumerable<int> UnobservedGuesses(FunctionProto proto, TypePlan plan, TypePlan unprofiled)
    {
        var observed = Sampled(proto.Code, plan.LiveIn, plan.Webs);
        for (int w = 0; w < plan.Kinds.Length; w++)
            if (plan.Kinds[w] != RegisterKind.Boxed && w < unprofiled.Kinds.Length && unprofiled.Kinds[w] == RegisterKind.Boxed
                && !observed.Contains(w) && !plan.FromSiteReads[w])
                yield return w;
    }

    /// <summary>The webs live at a sampling point: what their registers' profile says is what they held.</summary>
    public static HashSet<int> Sampled(uint[] code, bool[]?[] liveIn, RegisterWebs webs)
    {
        var observed = new HashSet<int>();
        foreach (int pc in SamplingPoints(code))
            if (liveIn[pc] is { } live)
                for (int r = 0; r < live.Length; r++)
                    if (live[r] && webs.In(pc, r) is var w && w >= 0) observed.Add(w);
        return observed;
    }

    /// <summary>The pc of the function's last backward jump (-1: none). A value written after it never reaches a sampling
    /// point, so its register's profile is what the register's other webs held.</summary>
    public static int LastBackEdge(uint[] code)
    {
        int last = -1;
        for (int pc = 0; pc < code.Length; pc++)
            if (BackwardJumps.TargetOf(code, pc) >= 0) last = pc;
        return last;
    }

    /// <summary>Where the interpreter samples: the entry, and each loop header (a backward jump's target).</summary>
    private static IEnumerable<int> SamplingPoints(uint[] code)
    {
        yield return 0;
        for (int pc = 0; pc < code.Length; pc++)
            if (BackwardJumps.TargetOf(code, pc) is var header && header >= 0) yield return header;
    }
}
