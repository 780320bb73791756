using System.Reflection.Emit;
using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Jit;

/// <summary>
/// ITERNEXT: a <c>for</c> loop over an array steps inline (the iterator's array unchanged, an element left, not the
/// loop's first step: the tick, the element to R[a+1], the jump back), with no call; every other step (the first, a
/// range's, a map's, a string's, the end, a changed array's error) is the VM's <see cref="RegisterMachine.StepIterator"/>,
/// so errors, fuel and the loop's end are the interpreter's.
/// </summary>
internal sealed partial class FunctionEmitter
{
    private void EmitIteratorStep(int a, int target)
    {
        var outOfLine = _il.NewLabel("iterator_step");
        Register(a);
        _il.Emit(OpCodes.Call, VmMembers.Vm(nameof(RegisterMachine.ElementStepOf)));
        _il.Emit(OpCodes.Stloc, ElementIterator);
        _il.Emit(OpCodes.Ldloc, ElementIterator);
        _il.Emit(OpCodes.Brfalse, outOfLine);
        // The step's tick first, as StepIterator's: fuel running out leaves the element where it was.
        Tick();
        RegisterAddress(a + 1);
        _il.Emit(OpCodes.Ldloc, ElementIterator);
        _il.Emit(OpCodes.Call, NextElement);
        _il.Emit(OpCodes.Stobj, typeof(Value));
        if (_stress) StressGuard(target, flush: true);
        _il.Emit(OpCodes.Br, Target(target));
        _il.Mark(outOfLine);
        VmCall(nameof(RegisterMachine.StepIteratorOutOfLine), () => Slot(a));
        BackEdgeIfTrue(target);
    }

    /// <summary>The iterator whose next element an ITERNEXT takes inline (one local for every loop).</summary>
    private LocalBuilder ElementIterator => _elementIterator ??= _il.Local(typeof(ForIterator));
    private LocalBuilder? _elementIterator;

    private static readonly System.Reflection.MethodInfo NextElement = VmMembers.Method(typeof(ForIterator), nameof(ForIterator.NextElement));
}
