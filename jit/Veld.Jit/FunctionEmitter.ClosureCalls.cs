using System.Reflection.Emit;
using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>
/// CALL and CALLR linked by proto (<see cref="ClosureCalls"/>): the closure in the register is tested against each
/// linked direct entry's proto and compilation in turn (<see cref="RegisterMachine.DirectCallee"/>), and the first that
/// matches is entered directly with that closure; anything else takes the general call. The registers were written back
/// before the call (CALL and CALLR leave the frame), so a callee's frame that goes on in the VM needs nothing more but,
/// for CALL, to return to the result's register (<see cref="DirectEntry.ResultSlotArg"/>).
/// </summary>
internal sealed partial class FunctionEmitter
{
    /// <summary>A call of the closure <paramref name="callee"/> pushes, with <paramref name="argCount"/> arguments from
    /// <paramref name="argRegister"/> and the result to <paramref name="resultRegister"/> (CALLR: both its window's first
    /// register; CALL: the register above the callee, and a register of its own).</summary>
    private void EmitClosureCall(int pc, int resume, Action callee, int argRegister, int argCount, int resultRegister)
    {
        var done = _il.NewLabel("closure_call_done");
        if (!Frameless && _links.ClosureCalls?.GetValueOrDefault(pc) is { } targets)
            foreach (var target in targets)
                EmitDirectClosureCall(target, resume, callee, argRegister, resultRegister, done);
        EmitCall(resume, callee, argRegister, argCount, resultRegister);
        _il.Mark(done);
    }

    /// <summary>One linked proto: its guard, then its direct entry; on a miss, control falls through to the next.</summary>
    private void EmitDirectClosureCall(DirectEntry target, int resume, Action callee, int argRegister, int resultRegister, Label done)
    {
        var other = _il.NewLabel("other_closure");
        GuardDirectCallee(target, callee, other);
        NativeStackHasRoom(other);
        CheckArgumentKinds(target, argRegister, 0, other);
        VmCall(nameof(RegisterMachine.SavePc), () => { _il.Emit(OpCodes.Ldarg_1); _il.Int(resume); });
        CountDirectClosureCall();
        var returned = _il.NewLabel("direct_closure_returned");
        InvokeDirect(target, argRegister, returned, resultRegister);
        // The callee's frame goes on in the VM, and returns to this frame's result register, then this frame at resume. A
        // frame-pushing callee's frame has that slot from its prologue; a frameless one's was written with its arguments'.
        if (target.Frameless && resultRegister != argRegister)
            VmCall(nameof(RegisterMachine.ResultGoesTo), () =>
            {
                _il.Emit(OpCodes.Ldarg_1);
                Slot(resultRegister);
            });
        Exit(() => _il.Int(CompiledExit.Reload));
        _il.Mark(returned);
        ReloadRegisters();
        StoreDirectResult(target, resultRegister);
        _il.Emit(OpCodes.Br, done);
        _il.Mark(other);
    }

    /// <summary><see cref="RegisterMachine.DirectClosureCalls"/>++ (a load, an add and a store).</summary>
    private void CountDirectClosureCall()
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Ldfld, DirectClosureCallsField);
        _il.Emit(OpCodes.Ldc_I8, 1L);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stfld, DirectClosureCallsField);
    }

    private static readonly System.Reflection.FieldInfo DirectClosureCallsField =
        VmMembers.Field(typeof(RegisterMachine), nameof(RegisterMachine.DirectClosureCalls));
}
