using System.Reflection.Emit;
using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>
/// A compiled function's second entry, for calls from compiled code to a known global function or a monomorphic
/// method: a static method that takes the arguments its plan keeps typed as <c>long</c>/<c>double</c>/<c>bool</c> IL
/// arguments (no unboxing guards) and returns the result as an IL value, where the general call goes through the VM's
/// call helper, a delegate, the entry switch and the result slot. Its signature: the <see cref="CompiledFunction"/>
/// parameters with the arguments' slot for the entry pc and the result slot for the entry frame (the caller passes its
/// own frame index plus one: the index this activation's frame has or would have), then the closure, then one argument
/// per typed parameter. It returns the
/// result (unboxed when <see cref="ReturnKind"/> is typed), or anything with <see cref="RegisterMachine.DirectBailed"/>
/// set when the callee's frame must go on in the VM (a deoptimisation, a call the trampoline must run, a tail call).
/// </summary>
/// <param name="Generation">The compilation of <see cref="Proto"/> it belongs to (<see cref="TierUp.Generation"/>):
/// callers check it, so a function recompiled without a failed assumption is not entered through a stale copy.</param>
/// <param name="ParamKinds">Per parameter, the kind it is passed as (<see cref="RegisterKind.Boxed"/>: not passed,
/// the callee reads the stack slot the caller wrote).</param>
/// <param name="Frameless">Whether the entry runs without a <see cref="CallFrame"/> (<see cref="FramelessBodies"/>): it
/// counts the call depth and ticks fuel as a call does, and writes its frame only when it leaves for the VM.</param>
/// <param name="ReturnKind">The kind every RETURN of the plan returns (<see cref="RegisterKind.Boxed"/>: a
/// <c>Value</c>); typed, the result travels unboxed and the caller adds two <c>long</c>s (fib).</param>
internal sealed record DirectEntry(FunctionProto Proto, int Generation, DynamicMethod Method, RegisterKind[] ParamKinds,
    bool Frameless, RegisterKind ReturnKind)
{
    /// <summary>The arguments before the typed parameters: the <see cref="CompiledFunction"/> parameters but for the entry
    /// pc, whose place holds the arguments' slot (a direct entry starts at pc 0 and has no entry switch to read it), then
    /// the closure. Six, so that on x64 they and fib's one <c>long</c> go in registers but the last: each argument more
    /// was a store in the caller and a load in the callee per call.</summary>
    public static readonly Type[] FixedParameters =
        [typeof(RegisterMachine), typeof(int), typeof(int), typeof(int), typeof(int), typeof(Closure)];

    /// <summary>The closure; the arguments' slot, which is also a frameless entry's result slot when it writes its frame
    /// (CALLG's and a method's result goes to the first register of its window, where its callee was).</summary>
    public const int ClosureArg = 5, ArgSlotArg = 2;

    /// <summary>The slot a frame-pushing entry's frame returns to when the VM runs it on (a bail, a catch above it): the
    /// caller's, in the entry frame's place, which the prologue then sets. Not the arguments' slot: a CALL's result has a
    /// register of its own, and a frame that went on in the VM from a catch in it or above it returned there (fuzz seed
    /// 1, program 972). A frameless entry gets 0: its frame is written only when it leaves, and its caller fixes it.</summary>
    public const int ResultSlotArg = 3;

    /// <summary>The entry for <paramref name="proto"/> compiled with <paramref name="plan"/>: its method, still to be emitted.</summary>
    public static DirectEntry Create(FunctionProto proto, int generation, TypePlan plan, bool frameless)
    {
        var kinds = new RegisterKind[proto.ParamCount];
        for (int r = 0; r < kinds.Length; r++)
            kinds[r] = plan.LiveIn[0] is { } live && live[r] && plan.Webs.In(0, r) is var w && w >= 0 ? plan.Kinds[w] : RegisterKind.Boxed;
        var returns = plan.ReturnKind(proto) ?? RegisterKind.Boxed;
        var parameters = FixedParameters.Concat(kinds.Where(k => k != RegisterKind.Boxed).Select(FunctionEmitter.ClrType)).ToArray();
        var method = new DynamicMethod($"veld_{proto.Name}_{proto.Line}_direct", FunctionEmitter.ClrType(returns), parameters,
            typeof(RegisterMachine).Module, skipVisibility: true);
        return new DirectEntry(proto, generation, method, kinds, frameless, returns);
    }
}

/// <summary>What one emission links to: the direct entry being emitted (null: the <see cref="CompiledFunction"/>
/// body), the direct entry each CALLG site calls when its guard holds (by pc), and the direct entries each METHODCALL
/// site tries in turn, one per impl method its cache held (by pc); <paramref name="UnguardedSelfCalls"/>: the CALLG
/// sites (by pc) of a frameless entry that call itself through a global holding it for the whole run, which check only
/// the stack's room and the compilation (fib); <paramref name="ClosureCalls"/>: the direct entries each CALL or CALLR site
/// tries in turn, one per proto its closures had (by pc; <see cref="Veld.Jit.ClosureCalls"/>).</summary>
internal sealed record DirectLinks(DirectEntry? Self, IReadOnlyDictionary<int, DirectEntry> Calls,
    IReadOnlyDictionary<int, IReadOnlyList<DirectEntry>> Methods, IReadOnlySet<int> UnguardedSelfCalls,
    IReadOnlyDictionary<int, IReadOnlyList<DirectEntry>>? ClosureCalls = null);
