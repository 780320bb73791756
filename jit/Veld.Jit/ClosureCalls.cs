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
    /// <summary>Each CALL and CALLR of <paramref name="proto"/> with each proto it was seen to call that takes as many
    /// arguments as the site passes (another arity raises in the general call, as in the VM): what a compiled site links to.
    /// A callee that makes a tail call is linked too: its caller runs the tail-called function's code when its entry leaves
    /// for one (docs/PERFORMANCE.md, JIT section 34).</summary>
    public static IEnumerable<(int Pc, FunctionProto Callee)> Linked(FunctionProto proto, Func<int, IReadOnlyList<FunctionProto>> calleesAt)
    {
        var code = proto.Code;
        for (int pc = 0; pc < code.Length; pc++)
        {
            if (Op(code[pc]) is not (VmOp.Call or VmOp.CallR)) continue;
            foreach (var callee in calleesAt(pc))
                if (callee != proto && callee.ParamCount == B(code[pc])) yield return (pc, callee);
        }
    }

    /// <summary>The cost model's closure callees (<see cref="InterpretedCallees"/>): <see cref="Linked"/>'s but those that make
    /// a tail call. Counting closures' composition `x => g(f(x))` and its adder brings the loop's hot call tree to five
    /// functions, over <see cref="InterpretedCallees.MostCompiledWith"/>, and its fallback then leaves the counter lambda out
    /// too (10.53 M instructions interpreted at bench size instead of 8.04 M; section 34).</summary>
    public static IEnumerable<(int Pc, FunctionProto Callee)> Of(FunctionProto proto, Func<int, IReadOnlyList<FunctionProto>> calleesAt) =>
        Linked(proto, calleesAt).Where(c => !MakesTailCall(c.Callee));

    /// <summary>The protos each site of <paramref name="proto"/> calls that <see cref="Linked"/> links, taken now (a background
    /// compilation reads this copy, not the VM's record, which goes on growing).</summary>
    public static Dictionary<int, IReadOnlyList<FunctionProto>> Snapshot(FunctionProto proto, TierUp tier) =>
        Linked(proto, pc => tier.ClosureCallees(proto, pc)).GroupBy(c => c.Pc)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<FunctionProto>)[.. g.Select(c => c.Callee)]);

    /// <summary>Whether <paramref name="proto"/> makes a tail call (of a closure, a global or a method): a direct entry of it
    /// may leave with its frame replaced, which its caller then runs on (<see cref="FunctionEmitter"/>'s tail callees).</summary>
    public static bool MakesTailCall(FunctionProto proto)
    {
        foreach (uint i in proto.Code)
            if (Op(i) is VmOp.TailCall or VmOp.TailCallG or VmOp.TailCallR or VmOp.TailMethod) return true;
        return false;
    }
}
