using Veld.RegisterVm;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Which direct entries run without a <see cref="CallFrame"/> (docs/PERFORMANCE.md, JIT section 10). Such an entry
/// counts the call depth and ticks fuel as every call does, but pushes no frame: its closure, base, result slot and
/// resume pc stay in IL arguments and locals, and the frame is written only on the way out to the VM, innermost
/// first (a deoptimisation, a THROW, a call whose guard fails), or stands in an error's call stack through the
/// error filter. So its body may hold nothing that needs its frame to exist while it runs: no call the VM makes
/// (a general or builtin call, whose callee would push its frame where this one belongs, and whose builtin may call
/// back), no tail call (it replaces the top frame), no TRY (a handler names its frame), no CLOSURE or CLOSE (open
/// upvalues are closed when a frame is popped). Its CALLG and METHODCALL sites must be linked to frameless entries;
/// when such a site's guard fails at run time, the entry leaves for the VM at the call, which the VM then makes.
/// </summary>
internal static class FramelessBodies
{
    /// <summary>Whether <paramref name="proto"/>'s direct entry can run without a frame; <paramref name="linkedFrameless"/>
    /// says whether a call site (by pc) calls a frameless direct entry.</summary>
    public static bool Allow(FunctionProto proto, Func<int, bool> linkedFrameless)
    {
        var code = proto.Code;
        for (int pc = 0; pc < code.Length; pc++)
        {
            switch (Op(code[pc]))
            {
                case VmOp.CallG or VmOp.MethodCall when !linkedFrameless(pc):
                case VmOp.Call or VmOp.CallR or VmOp.CallK:
                case VmOp.TailCall or VmOp.TailCallG or VmOp.TailCallR or VmOp.TailMethod:
                case VmOp.Try or VmOp.EndTry or VmOp.Closure or VmOp.Close:
                    return false;
            }
        }
        return true;
    }
}
