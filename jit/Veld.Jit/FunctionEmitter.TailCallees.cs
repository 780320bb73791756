using System.Reflection.Emit;
using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Jit;

/// <summary>
/// A direct call whose callee made a tail call (docs/PERFORMANCE.md, JIT section 34): the callee's direct entry left
/// with its frame replaced by the tail-called function's, which used to send this frame to the VM as well. The frame
/// now asks the VM to run the new callee's compiled code in place (<see cref="RegisterMachine.RunTailCallee"/>, a loop
/// over further tail calls, so the native stack does not grow) and, when it returned, goes on with its result as after
/// a direct return. closures' composition `x => g(f(x))`, linked from the loop by proto, tail-calls the adder.
/// </summary>
internal sealed partial class FunctionEmitter
{
    /// <summary>After <see cref="InvokeDirect"/>'s bail flag was cleared: a tail callee of <paramref name="target"/> that
    /// returned sends control to <paramref name="returned"/> with its result (from the <paramref name="resultRegister"/>
    /// slot) in <c>_value</c>; anything else falls through to the bail. Only where the callee can make a tail call (a
    /// frame-pushing entry with a boxed result) and this frame has a frame of its own to resume.</summary>
    private void ResumeTailCallee(DirectEntry target, int resultRegister, Label returned)
    {
        if (Frameless || target.Frameless || target.ReturnKind != RegisterKind.Boxed || !ClosureCalls.MakesTailCall(target.Proto)) return;
        var bail = _il.NewLabel("tail_callee_bailed");
        VmCall(nameof(RegisterMachine.RunTailCallee), () => { _il.Emit(OpCodes.Ldarg_1); _il.Arg(4); });
        _il.Int(CompiledExit.Next);
        _il.Emit(OpCodes.Bne_Un, bail);
        ReloadRegisters();
        RegisterAddress(resultRegister);
        _il.Emit(OpCodes.Ldobj, typeof(Value));
        _il.Emit(OpCodes.Stloc, _value);
        _il.Emit(OpCodes.Br, returned);
        _il.Mark(bail);
    }
}
