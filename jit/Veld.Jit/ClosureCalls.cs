using Veld.RegisterVm;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Calls of closures in registers (CALL, CALLR) linked by proto: a site calls the protos its callees' heat reports
/// recorded (<see cref="TierUp.ClosureCallees"/>), each through its compiled direct entry behind a guard on the closure's
/// proto and compilation (the closure itself, upvalues and all, is the entry's closure argument); a closure of another
/// proto, or of one not compiled, takes the general call. closures' `counter()` and `twice(1)` make a new closure, or call
/// an old one, of the same proto at every iteration: no site names the function, so a compiled loop called them through
/// the general call, and a small callee (<see cref="CallOnlyFunctions"/>) stayed interpreted.
/// </summary>
internal static class ClosureCalls
{
    /// <summary>Each CALL and CALLR of <paramref name="proto"/> with each proto it was seen to call that a direct call can
    /// enter (<see cref="Linkable"/>) and that takes as many arguments as the site passes (another arity raises in the
    /// general call, as in the VM).</summary>
    public static IEnumerable<(int Pc, FunctionProto Callee)> Of(FunctionProto proto, Func<int, IReadOnlyList<FunctionProto>> calleesAt)
    {
        var code = proto.Code;
        for (int pc = 0; pc < code.Length; pc++)
        {
            if (Op(code[pc]) is not (VmOp.Call or VmOp.CallR)) continue;
            foreach (var callee in calleesAt(pc))
                if (callee != proto && callee.ParamCount == B(code[pc]) && Linkable(callee)) yield return (pc, callee);
        }
    }

    /// <summary>The protos each site of <paramref name="proto"/> calls that <see cref="Of"/> links, taken now (a background
    /// compilation reads this copy, not the VM's record, which goes on growing).</summary>
    public static Dictionary<int, IReadOnlyList<FunctionProto>> Snapshot(FunctionProto proto, TierUp tier) =>
        Of(proto, pc => tier.ClosureCallees(proto, pc)).GroupBy(c => c.Pc)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<FunctionProto>)[.. g.Select(c => c.Callee)]);

    /// <summary>
    /// Whether a direct call can run <paramref name="callee"/> to its end: not when it makes a tail call (of a closure, a
    /// global or a method), which a direct entry leaves to the VM at every call, and its caller's compiled code with it
    /// (closures' composition `x => g(f(x))` calls `g` in tail position).
    /// </summary>
    public static bool Linkable(FunctionProto callee)
    {
        foreach (uint i in callee.Code)
            if (Op(i) is VmOp.TailCall or VmOp.TailCallG or VmOp.TailCallR or VmOp.TailMethod) return false;
        return true;
    }
}
