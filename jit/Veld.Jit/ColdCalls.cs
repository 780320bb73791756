using System.Runtime.CompilerServices;
using Veld.RegisterVm;
using Veld.Runtime;
using ExecutionContext = Veld.Runtime.ExecutionContext;

namespace Veld.Jit;

/// <summary>
/// The VM's helpers that compiled code calls off its fast paths, behind wrappers .NET may not inline into the emitted
/// methods. .NET compiles every emitted method afresh in every run, and inlined the bodies of these helpers (a general
/// call's frame push, arity check and stack growth, a return's frame pop, a field lookup by name) into every site: two
/// thirds of its compile time of deltablue's code was inlining (section 18 of docs/PERFORMANCE.md). Each wrapper is
/// compiled once per process, and the helper is inlined into it there; the register VM's own calls of the helpers are
/// unchanged. <see cref="VmMembers.Vm"/> hands out a wrapper in place of the helper of the same name, so a wrapper
/// takes the helper's arguments with the machine first (an instance call's <c>this</c>).
/// </summary>
internal static class ColdCalls
{
    // ---- calls and returns: each pushes or pops a frame, work that dwarfs one more call ------------------------

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CallFromCompiled(RegisterMachine vm, int frameIndex, int resumePc, Value callee, int argSlot, int argCount, int resultSlot, int handlerFloor) =>
        vm.CallFromCompiled(frameIndex, resumePc, callee, argSlot, argCount, resultSlot, handlerFloor);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int TailCall(RegisterMachine vm, Value callee, int argSlot, int argCount, int entryFrame, int handlerFloor) =>
        vm.TailCall(callee, argSlot, argCount, entryFrame, handlerFloor);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ReturnValue(RegisterMachine vm, Value result, int entryFrame, int handlerFloor) =>
        vm.ReturnValue(result, entryFrame, handlerFloor);

    // ---- fields by name: compiled code tests the inline cache itself and calls these on a miss only -------------

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value GetField(Value target, string name, ref InlineCache cache) => RegisterMachine.GetField(target, name, ref cache);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SetField(Value target, string name, Value value, ref InlineCache cache) =>
        RegisterMachine.SetField(target, name, value, ref cache);

    // ---- allocation: the allocation costs more than the call ---------------------------------------------------

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value NewStruct(RegisterMachine vm, int constructor, int slot) => vm.NewStruct(constructor, slot);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value NewVariant(RegisterMachine vm, int constructor, int slot) => vm.NewVariant(constructor, slot);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value NewArray(RegisterMachine vm, int slot, int count) => vm.NewArray(slot, count);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value NewTuple(RegisterMachine vm, int slot, int count) => vm.NewTuple(slot, count);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value NewMap(RegisterMachine vm, int slot, int pairs) => vm.NewMap(slot, pairs);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value NewClosure(RegisterMachine vm, Closure enclosing, int index, int @base) => vm.NewClosure(enclosing, index, @base);

    // ---- text: building the string costs more than the call -----------------------------------------------------

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Value Format(RegisterMachine vm, Value template, int slot) => vm.Format(template, slot);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Print(RegisterMachine vm, Value template, int slot, bool newline) => vm.Print(template, slot, newline);

    // ---- the clock's check: in the out-of-line stub a tick takes now and then ------------------------------------

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void CheckClockNow(ExecutionContext context) => context.CheckClockNow();
}
