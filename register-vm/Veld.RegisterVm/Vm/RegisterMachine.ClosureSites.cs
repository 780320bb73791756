using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>
/// What the JIT's closure-call linking reads from the frames (<see cref="TierUp"/>'s closure call sites): the CALL or
/// CALLR site the top frame was pushed from, and the fix a bailed direct call needs when its result goes elsewhere than
/// its arguments.
/// </summary>
internal sealed partial class RegisterMachine
{
    /// <summary>
    /// The caller whose CALL or CALLR at <paramref name="pc"/> pushed the top frame; null when the frame below is at no such
    /// call, or the closure that call names is not the top frame's: a callee of that closure replaced its frame by a tail
    /// call (closures' `x => g(f(x))` tail-calls `g`, whose frame then sits above `twice(1)`'s call).
    /// </summary>
    internal FunctionProto? ClosureCallSiteOfTop(out int pc)
    {
        pc = -1;
        if (_frameCount < 2) return null;
        ref var below = ref _frames[_frameCount - 2];
        var code = below.Closure.Proto.Code;
        int call = below.Pc - 1; // CALL and CALLR are one word; an EXTRAARG word is no call
        if (call < 0 || call >= code.Length) return null;
        uint i = code[call];
        int calleeRegister = Op(i) switch { OpCode.Call => A(i), OpCode.CallR => C(i), _ => -1 };
        if (calleeRegister < 0 || !_stack[below.Base + calleeRegister].Is<Closure>(out var closure)
            || closure != _frames[_frameCount - 1].Closure)
            return null;
        pc = call;
        return below.Closure.Proto;
    }

    /// <summary>Closure calls compiled code made through a direct entry (its proto guard held), for the JIT's statistics.</summary>
    internal long DirectClosureCalls;

    /// <summary>A direct call of a closure by CALL (arguments above the callee, the result in a register of its own) whose
    /// callee's frame goes on in the VM: that frame, pushed above <paramref name="callerFrame"/> with the arguments' slot
    /// as its result slot, returns to <paramref name="resultSlot"/> instead, as the VM's CALL would have it.</summary>
    internal void ResultGoesTo(int callerFrame, int resultSlot) => _frames[callerFrame + 1].ResultSlot = resultSlot;
}
