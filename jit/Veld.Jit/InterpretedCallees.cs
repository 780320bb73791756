using Veld.RegisterVm;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Part of the JIT's cost model: a hot function whose hot code keeps calling interpreted functions waits before it is
/// compiled. Compiled code that calls an interpreted function leaves for the VM's trampoline, which runs the callee
/// and enters the caller's code again at the return point (the entry switch, the live registers loaded again): per
/// call that costs more than interpreting the caller would (richards' scheduler loop, compiled after 1% of its
/// iterations, called four interpreted task methods through the trampoline for the other 99%). So the caller waits
/// until those callees are compiled too; then a call runs the callee's code directly.
/// </summary>
internal static class InterpretedCallees
{
    /// <summary>A callee called at least once per this many of the caller's iterations (or calls) is a hot callee.</summary>
    public const int HotCallRatio = 8;

    /// <summary>
    /// Whether <paramref name="proto"/>'s hot code (its loop bodies; its whole body when it has no loop) has a call site
    /// whose Veld callee is interpreted, hot (called at least once per <see cref="HotCallRatio"/> of
    /// <paramref name="proto"/>'s iterations or calls) and still on its way to compilation. Callees that will never be
    /// compiled (refused by the size budget) or that wait themselves (mutual recursion) do not hold a caller back, nor
    /// do calls to itself (linked to its own direct entry) or closure calls to protos no compiled call links to. A
    /// METHODCALL is judged by every method its cache holds (<paramref name="methodsOfSite"/>): judged by the first alone,
    /// deltablue's `execute_plan` compiled while its site's hot `execute` (the second method found) was interpreted, and
    /// left compiled code for the VM's trampoline 93,002 times before it was compiled again to link it.
    /// <paramref name="except"/>, when given, counts as compiled (would anything else hold the caller back?).
    /// </summary>
    public static bool Holding(FunctionProto proto, TierUp tier, Func<int, FunctionProto?> calleeOfGlobal,
        Func<FunctionProto, int, IEnumerable<FunctionProto>> methodsOfSite, FunctionProto? except = null)
    {
        var code = proto.Code;
        var hot = HotCode(code);
        long work = WorkOf(proto, tier, hot);
        for (int pc = 0; pc < code.Length; pc++)
        {
            if (hot is not null && !hot[pc]) continue;
            var op = Op(code[pc]);
            if (op is VmOp.Call or VmOp.CallR)
            {
                foreach (var closureCallee in LinkedClosureCallees(proto, pc, tier))
                    if (HoldsBack(closureCallee)) return true;
                continue;
            }
            if (op is VmOp.MethodCall)
            {
                foreach (var method in methodsOfSite(proto, SiteOf(code, pc)))
                    if (HoldsBack(method)) return true;
                continue;
            }
            if (op is VmOp.CallG && calleeOfGlobal(C(code[pc])) is { } callee && HoldsBack(callee)) return true;
        }
        return false;

        bool HoldsBack(FunctionProto callee) =>
            callee != proto && callee != except && tier.Code[callee.Id] is null && !tier.Refused(callee) && !tier.IsWaiting(callee)
            && tier.CallsOf(callee) * HotCallRatio >= work;
    }

    /// <summary>The protos the CALL or CALLR at <paramref name="pc"/> of <paramref name="proto"/> was seen to call that a
    /// compiled call links to (<see cref="ClosureCalls"/>): its callees as a global's or a method's are.</summary>
    private static IEnumerable<FunctionProto> LinkedClosureCallees(FunctionProto proto, int pc, TierUp tier) =>
        ClosureCalls.Of(proto, at => at == pc ? tier.ClosureCallees(proto, at) : []).Select(c => c.Callee);

    /// <summary>
    /// The interpreted functions to compile with <paramref name="proto"/>, a caller still held back after waiting a whole
    /// threshold (<see cref="Holding"/>), as pairs of a callee and the caller it is hot in (each compiles before its
    /// caller): the callees hot in it as <see cref="Holding"/> counts (every method a polymorphic site has found), then
    /// theirs in turn. A function that is only called needs <see cref="TierUp.CallsPerIteration"/> times the threshold in
    /// calls to get hot by itself, which the callees of a loop may never get (dispatch's `area` methods, 15,000 calls
    /// each: its loop waited for them to the end; queens' `set_row_column`). Null, to go on waiting as before, when
    /// the tree has more than <see cref="MostCompiledWith"/> callees. A worklist with a set of the functions
    /// taken: cycles in the call graph end.
    /// </summary>
    public static List<(FunctionProto Callee, FunctionProto Caller)>? HotCallTree(FunctionProto proto, TierUp tier,
        Func<int, FunctionProto?> calleeOfGlobal, Func<FunctionProto, int, IEnumerable<FunctionProto>> methodsOfSite) =>
        // Closure callees only where they fit: a loop whose tree of globals and methods fits compiles as before.
        HotCallTree(proto, tier, calleeOfGlobal, methodsOfSite, withClosures: true)
        ?? HotCallTree(proto, tier, calleeOfGlobal, methodsOfSite, withClosures: false);

    private static List<(FunctionProto Callee, FunctionProto Caller)>? HotCallTree(FunctionProto proto, TierUp tier,
        Func<int, FunctionProto?> calleeOfGlobal, Func<FunctionProto, int, IEnumerable<FunctionProto>> methodsOfSite, bool withClosures)
    {
        var tree = new List<(FunctionProto, FunctionProto)>();
        var taken = new HashSet<FunctionProto> { proto };
        var pending = new Queue<FunctionProto>();
        pending.Enqueue(proto);
        while (pending.TryDequeue(out var caller))
        {
            var hot = HotCode(caller.Code);
            long work = WorkOf(caller, tier, hot);
            foreach (var callee in CalleesInHotCode(caller, hot, withClosures ? tier : null, calleeOfGlobal, methodsOfSite))
            {
                if (callee == caller || tier.Code[callee.Id] is not null || tier.Refused(callee)) continue;
                if (tier.CallsOf(callee) * HotCallRatio < work || !taken.Add(callee)) continue;
                tree.Add((callee, caller));
                if (tree.Count > MostCompiledWith) return null;
                pending.Enqueue(callee);
            }
        }
        return tree;
    }

    /// <summary>
    /// The most callees a held caller compiles with (<see cref="HotCallTree"/>): dispatch's loop over four shapes' `area`
    /// methods gained 16% when they compiled with it; richards' tree of 16 functions cost more to compile than the whole
    /// interpreted run at the bench size, and was no faster at four times that size (compiled, its short methods still
    /// pay a general call each). A bigger tree waits, as before, for its functions to get hot by themselves.
    /// </summary>
    public const int MostCompiledWith = 4;

    /// <summary>What a callee's calls are weighed against: the iterations of a function with loops (its
    /// <paramref name="hot"/> code is its loop bodies), else its calls.</summary>
    private static long WorkOf(FunctionProto proto, TierUp tier, bool[]? hot) =>
        hot is null ? tier.CallsOf(proto) : tier.IterationsOf(proto);

    /// <summary>The Veld functions the call sites in the hot code of <paramref name="proto"/> (<paramref name="hot"/>) call, in tail position or
    /// not: CALLG globals, the methods METHODCALL caches hold (a task's `run` calls the scheduler in tail position), and the
    /// protos CALL and CALLR sites were seen to call that a compiled call links to (<paramref name="closuresOf"/>: their
    /// record; null: none).</summary>
    private static IEnumerable<FunctionProto> CalleesInHotCode(FunctionProto proto, bool[]? hot, TierUp? closuresOf, Func<int, FunctionProto?> calleeOfGlobal,
        Func<FunctionProto, int, IEnumerable<FunctionProto>> methodsOfSite)
    {
        var code = proto.Code;
        for (int pc = 0; pc < code.Length; pc++)
        {
            if (hot is not null && !hot[pc]) continue;
            var op = Op(code[pc]);
            if (op is VmOp.CallG or VmOp.TailCallG && calleeOfGlobal(C(code[pc])) is { } callee) yield return callee;
            else if (op is VmOp.MethodCall or VmOp.TailMethod)
                foreach (var method in methodsOfSite(proto, SiteOf(code, pc))) yield return method;
            else if (op is VmOp.Call or VmOp.CallR && closuresOf is not null)
                foreach (var closureCallee in LinkedClosureCallees(proto, pc, closuresOf)) yield return closureCallee;
        }
    }

    /// <summary>The call site constant of the METHODCALL at <paramref name="pc"/>.</summary>
    private static int SiteOf(uint[] code, int pc)
    {
        int next = pc + 1;
        return ConstantIndex(code, ref next, C(code[pc]));
    }

    /// <summary>Per pc, whether it lies in a loop body (from a backward jump's target to the jump); null: no loop.</summary>
    private static bool[]? HotCode(uint[] code)
    {
        bool[]? inLoop = null;
        for (int pc = 0; pc < code.Length; pc++)
        {
            int header = BackwardJumps.TargetOf(code, pc);
            if (header < 0) continue;
            inLoop ??= new bool[code.Length];
            for (int body = header; body <= pc; body++) inLoop[body] = true;
        }
        return inLoop;
    }
}
