using System.Reflection.Emit;
using Veld.RegisterVm;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Direct calls (<see cref="DirectEntry"/>): the callee side (a prologue that pushes the frame, or for a frameless
/// entry only counts the call, typed parameters from IL arguments, an epilogue that returns the result or bails) and
/// the caller side (a CALLG whose global holds the linked function goes straight to its direct entry; anything else
/// takes the general call, or in a frameless entry leaves for the VM at the call).
/// </summary>
internal sealed partial class FunctionEmitter
{
    /// <summary>The callee a CALLG read from its global (read once for both paths).</summary>
    private readonly LocalBuilder _callee;
    /// <summary>The closure a direct call's guard returned.</summary>
    private readonly LocalBuilder _directCallee;
    /// <summary>Per web: a typed parameter of this direct entry, which arrives only as an IL argument (its stack slot
    /// holds whatever was there), so it is written back like any register an instruction wrote.</summary>
    private readonly bool[] _parameterInIl;

    /// <summary>Whether this is a frameless direct entry (<see cref="FramelessBodies"/>).</summary>
    private bool Frameless => _links.Self is { Frameless: true };

    /// <summary>Per kind: the local a typed direct call's result arrives in, and the one a typed RETURN leaves in.</summary>
    private readonly Dictionary<RegisterKind, LocalBuilder> _directResults = [], _typedReturns = [];

    private LocalBuilder DirectResult(RegisterKind kind) =>
        _directResults.TryGetValue(kind, out var local) ? local : _directResults[kind] = _il.Local(ClrType(kind));

    private LocalBuilder TypedReturn(RegisterKind kind) =>
        _typedReturns.TryGetValue(kind, out var local) ? local : _typedReturns[kind] = _il.Local(ClrType(kind));

    private bool[] ParametersInIl()
    {
        var inIl = new bool[_kinds.Length];
        if (_links.Self is { } self)
            for (int r = 0; r < self.ParamKinds.Length; r++)
                if (self.ParamKinds[r] != RegisterKind.Boxed) inIl[_plan.Webs.In(0, r)] = true;
        return inIl;
    }

    /// <summary>
    /// A CALLG linked to a direct entry, or a METHODCALL linked to its methods' entries, writes nothing back before the
    /// direct call: the typed arguments go as IL arguments (those a callee keeps boxed go to their slots), and the
    /// caller's other typed registers are written back only if the callee bails (the caller then leaves for the VM, and
    /// its locals still hold them) or raises (the error filter). The general path writes back as every call does. Not in
    /// a function whose catch reads typed registers: its error filter counts on a callee's error finding them written.
    /// </summary>
    private bool FlushesAfterDirectCall(int pc) =>
        !_plan.LiveAtHandlers.Any(w => _local[w] is not null) && Op(_code[pc]) switch
        {
            VmOp.CallG => _links.Calls.TryGetValue(pc, out var target) && !HasMismatchedArgument(pc, target),
            VmOp.MethodCall => LinkedMethods(pc) is { Count: > 0 } linked && linked.All(t => !HasMismatchedArgument(pc, t)),
            _ => false,
        };

    /// <summary>The direct entries a METHODCALL calls (self boxed, a boxed result register), none when it has no direct path.</summary>
    private List<DirectEntry> LinkedMethods(int pc) =>
        _links.Methods.TryGetValue(pc, out var targets) && ResultKind(A(_code[pc])) == RegisterKind.Boxed
            ? targets.Where(t => t.ParamKinds[0] == RegisterKind.Boxed).ToList()
            : [];

    /// <summary>Arguments <paramref name="target"/> reads from their stack slots (it keeps them boxed) that this frame
    /// keeps typed, to their slots (from parameter <paramref name="first"/> on).</summary>
    private void FlushBoxedArguments(DirectEntry target, int a, int first)
    {
        var kinds = target.ParamKinds;
        FlushAll([.. Enumerable.Range(first, kinds.Length - first).Where(r => kinds[r] == RegisterKind.Boxed && IsTyped(a + r)).Select(r => WebIn(a + r))]);
    }

    /// <summary>Whether an argument this frame keeps typed has another kind than <paramref name="target"/> takes it as:
    /// the call's guard then tests the stack slot, so the argument must have been written back before it.</summary>
    private bool HasMismatchedArgument(int pc, DirectEntry target)
    {
        int a = A(_code[pc]);
        for (int r = 0; r < target.ParamKinds.Length; r++)
            if (target.ParamKinds[r] != RegisterKind.Boxed && KindOfWeb(_plan.Webs.In(pc, a + r)) is var kind
                && kind != RegisterKind.Boxed && kind != target.ParamKinds[r])
                return true;
        return false;
    }

    /// <summary>
    /// Whether the register pointer is computed where a register is addressed instead of kept in a local that is reloaded
    /// at entry and after every call (<see cref="ReloadRegisters"/>): in a direct entry (entered per call) whose every web
    /// is typed, only the cold paths address registers (a deoptimisation's or a bail's flush, an entry's guard), and fib
    /// paid a bounds-checked load and a store at its entry and after each of its two calls for none of them.
    /// </summary>
    private bool RegistersOnDemand => _registersOnDemand ??= _links.Self is not null && _kinds.All(k => k != RegisterKind.Boxed);
    private bool? _registersOnDemand;

    /// <summary>The address of the frame's first register, now (valid until the stack is next reallocated). A frameless
    /// entry of typed registers made no stack room on entry (<see cref="StackRoomOnDemand"/>): it does here.</summary>
    private void FirstRegister()
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldloc, _base);
        if (StackRoomOnDemand)
        {
            _il.Int(_proto.MaxStack);
            _il.Emit(OpCodes.Call, VmMembers.Vm(nameof(RegisterMachine.RegistersWithRoom)));
        }
        else _il.Emit(OpCodes.Call, VmMembers.Vm(nameof(RegisterMachine.Registers)));
    }

    /// <summary>Whether this frameless entry addresses its registers only on its cold paths (<see cref="RegistersOnDemand"/>),
    /// so its prologue makes no stack room for them (five instructions a call in fib): the paths that address them make
    /// it (<see cref="FirstRegister"/>), and so does every frame written on the way out to the VM.</summary>
    private bool StackRoomOnDemand => Frameless && RegistersOnDemand;

    /// <summary>The frame is pushed here, not by the caller: the depth limit and the fuel tick raise before it exists,
    /// stamped at the caller's call, as the general call's do.</summary>
    private void EmitDirectPrologue()
    {
        if (Frameless)
        {
            EmitFramelessPrologue();
            return;
        }
        _il.Emit(OpCodes.Ldarg_0);
        _il.Arg(DirectEntry.ClosureArg);
        _il.Arg(DirectEntry.ArgSlotArg);
        _il.Arg(DirectEntry.ResultSlotArg); // the caller's: a CALL's result has a register of its own
        _il.Emit(OpCodes.Call, VmMembers.Vm(nameof(RegisterMachine.PushDirectFrame)));
        _il.Emit(OpCodes.Dup);
        _il.StoreArg(1); // the frame: this activation's frame and its entry frame, as RunCallee passes them
        _il.StoreArg(3);
        _il.Arg(DirectEntry.ArgSlotArg);
        _il.Emit(OpCodes.Stloc, _base);
        _il.Arg(DirectEntry.ClosureArg);
        _il.Emit(OpCodes.Stloc, _closure);
        EmitFrameLocals();
    }

    /// <summary>No frame: the call depth and fuel of a call (raised before this activation exists, stamped at the caller's
    /// call), stack room, and the frame's base and closure from the IL arguments. The frame index (argument 1) is the one
    /// the frame would have: the caller passed its own plus one.</summary>
    private void EmitFramelessPrologue()
    {
        if (StackRoomOnDemand) VmCall(nameof(RegisterMachine.EnterFramelessTyped), () => { });
        else VmCall(nameof(RegisterMachine.EnterFrameless), () => { _il.Arg(DirectEntry.ArgSlotArg); _il.Int(_proto.MaxStack); });
        _il.Arg(DirectEntry.ArgSlotArg);
        _il.Emit(OpCodes.Stloc, _base);
        _il.Arg(DirectEntry.ClosureArg);
        _il.Emit(OpCodes.Stloc, _closure);
        EmitFrameLocals();
    }

    /// <summary>The error filter of a frameless entry: no catch can resume it (it has no TRY, and its callees are
    /// frameless), so nothing goes back to the stack; the error gets this frame in its call stack, and the depth goes.</summary>
    private void EmitFramelessFilter() =>
        VmCall(nameof(RegisterMachine.LeaveFramelessOnError), () =>
        {
            _il.Emit(OpCodes.Ldloc, _error);
            _il.Emit(OpCodes.Ldloc, _closure);
            _il.Emit(OpCodes.Ldloc, _currentPc);
        });

    /// <summary>Entered at pc 0 only: the typed parameters come from the IL arguments, which the caller passes in
    /// their kinds without writing them to the stack (<see cref="_parameterInIl"/>).</summary>
    private void EmitDirectParameters()
    {
        var kinds = _links.Self!.ParamKinds;
        int arg = DirectEntry.FixedParameters.Length;
        for (int r = 0; r < kinds.Length; r++)
        {
            if (kinds[r] == RegisterKind.Boxed) continue;
            _il.Arg(arg++);
            _il.Emit(OpCodes.Stloc, _local[_plan.Webs.In(0, r)]!);
        }
    }

    /// <summary>RETURN of register <paramref name="register"/> (-1: RETURNUNIT): the frame goes (a frameless entry
    /// leaves the depth), and the value leaves in <c>_value</c>, or unboxed in its kind's local when every RETURN
    /// returns a typed register of that kind (<see cref="DirectEntry.ReturnKind"/>); the epilogue returns it.</summary>
    private void EmitDirectReturn(int register)
    {
        var kind = _links.Self!.ReturnKind;
        if (kind != RegisterKind.Boxed)
        {
            _il.Emit(OpCodes.Ldloc, In(register));
            _il.Emit(OpCodes.Stloc, TypedReturn(kind));
        }
        else
        {
            if (register < 0) _il.Emit(OpCodes.Ldsfld, VmMembers.Unit);
            else Register(register);
            _il.Emit(OpCodes.Stloc, _value);
        }
        if (Frameless) VmCall(nameof(RegisterMachine.ReturnFromFrameless), () => { });
        else VmCall(nameof(RegisterMachine.ReturnFromDirect), () => _il.Arg(4));
        _il.Emit(OpCodes.Leave, DirectReturned);
    }

    /// <summary>Where a direct entry's own RETURN leaves its try region to: it returns the value, with no exit code to
    /// store and test (fib's every call paid both). Every other exit goes to <c>_leave</c> with its code.</summary>
    private Label DirectReturned => _directReturned ??= _il.NewLabel("returned");
    private Label? _directReturned;

    /// <summary>The entry's own RETURN: the value; any other exit leaves the frame (or frames) to the VM, which the caller
    /// hears. A frameless entry writes its frame then (<see cref="RegisterMachine.BailFromFrameless"/>).</summary>
    private void EmitDirectEpilogue()
    {
        var kind = _links.Self!.ReturnKind;
        if (_directReturned is { } returned)
        {
            var bail = _il.NewLabel("bail");
            _il.Emit(OpCodes.Br, bail);
            _il.Mark(returned);
            _il.Emit(OpCodes.Ldloc, kind == RegisterKind.Boxed ? _value : TypedReturn(kind));
            _il.Emit(OpCodes.Ret);
            _il.Mark(bail);
        }
        if (kind == RegisterKind.Boxed && !Frameless)
        {
            // A return through the VM's helpers (a builtin in tail position; a typed or frameless entry has no tail call).
            var bailed = _il.NewLabel("bailed");
            _il.Emit(OpCodes.Ldloc, _exit);
            _il.Int(CompiledExit.Returned);
            _il.Emit(OpCodes.Bne_Un, bailed);
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldfld, VmMembers.CompiledResult);
            _il.Emit(OpCodes.Ret);
            _il.Mark(bailed);
        }
        if (Frameless)
            VmCall(nameof(RegisterMachine.BailFromFrameless), () =>
            {
                _il.Emit(OpCodes.Ldarg_1);
                _il.Emit(OpCodes.Ldloc, _closure);
                _il.Emit(OpCodes.Ldloc, _base);
                _il.Arg(DirectEntry.ArgSlotArg); // the result slot
                _il.Emit(OpCodes.Ldloc, _exit);
            });
        else
        {
            VmCall(nameof(RegisterMachine.BailFromDirect), () => { _il.Emit(OpCodes.Ldarg_1); _il.Emit(OpCodes.Ldloc, _exit); });
            _il.Emit(OpCodes.Pop);
        }
        // The value returned with a bail is never read.
        switch (kind)
        {
            case RegisterKind.Int: _il.Emit(OpCodes.Ldc_I8, 0L); break;
            case RegisterKind.Float: _il.Emit(OpCodes.Ldc_R8, 0.0); break;
            case RegisterKind.Bool: _il.Int(0); break;
            default: _il.Emit(OpCodes.Ldloc, _value); break;
        }
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>CALLG: the direct entry linked for this site when the global still holds its function (same proto,
    /// same compilation, room on the native stack) and the typed parameters' arguments have their kinds; else the
    /// general call.</summary>
    private void EmitGlobalCall(int pc, int resume, int global, int a, int argCount)
    {
        // A frameless entry's call of itself through a global that holds it for the whole run (fib): no global read, no
        // callee test and no compilation test, only the native stack's room; the callee is this activation's closure.
        bool unguarded = _links.UnguardedSelfCalls.Contains(pc);
        if (!unguarded)
        {
            VmCall(nameof(RegisterMachine.GlobalAt), () => _il.Int(global));
            _il.Emit(OpCodes.Stloc, _callee);
        }
        if (!_links.Calls.TryGetValue(pc, out var target))
        {
            EmitCall(resume, () => _il.Emit(OpCodes.Ldloc, _callee), a, argCount, a);
            StoreCallResult(a);
            return;
        }
        bool flushLater = FlushesAfterDirectCall(pc);
        var general = _il.NewLabel("general_call");
        var done = _il.NewLabel("call_done");
        if (unguarded)
        {
            // Its compilation is current: this activation was entered through a guard that tested it (its first caller's,
            // which is not this entry), and anything that could have dropped it since (a deoptimisation, which runs the VM,
            // in this activation or in a callee that returned to it) would have made it leave for the VM instead.
            _il.Emit(OpCodes.Ldloc, _closure);
            _il.Emit(OpCodes.Stloc, _directCallee);
        }
        else
        {
            GuardDirectCallee(target, () => _il.Emit(OpCodes.Ldloc, _callee), general);
        }
        NativeStackHasRoom(general);
        CheckArgumentKinds(target, a, 0, general);
        var kinds = target.ParamKinds;
        // An argument the callee reads from its stack slot (it keeps it boxed) but this frame keeps typed goes there.
        if (flushLater) FlushBoxedArguments(target, a, 0);
        if (!Frameless) VmCall(nameof(RegisterMachine.SavePc), () => { _il.Emit(OpCodes.Ldarg_1); _il.Int(resume); });
        var returned = _il.NewLabel("direct_returned");
        InvokeDirect(target, a, returned);
        BailAfterDirectCall(pc, resume, flushLater);
        _il.Mark(returned);
        ReloadRegisters();
        StoreDirectResult(target, a);
        _il.Emit(OpCodes.Br, done);

        _il.Mark(general);
        if (flushLater) FlushLive(-1, pc, resume);
        if (Frameless) Exit(() => _il.Int(pc)); // the VM makes the call: its callee's frame must sit on this one's
        else
        {
            EmitCall(resume, () => _il.Emit(OpCodes.Ldloc, _callee), a, argCount, a);
            StoreCallResult(a);
        }
        _il.Mark(done);
    }

    /// <summary>The guard of a direct call: the closure <paramref name="callee"/> pushes is of <paramref name="target"/>'s proto
    /// and compilation (<see cref="RegisterMachine.DirectCallee"/>): then it goes to <c>_directCallee</c>, else control to
    /// <paramref name="miss"/>.</summary>
    private void GuardDirectCallee(DirectEntry target, Action callee, Label miss)
    {
        VmCall(nameof(RegisterMachine.DirectCallee), () =>
        {
            callee();
            _il.Int(target.Proto.Id);
            _il.Int(target.Generation);
        });
        _il.Emit(OpCodes.Stloc, _directCallee);
        _il.Emit(OpCodes.Ldloc, _directCallee);
        _il.Emit(OpCodes.Brfalse, miss);
    }

    /// <summary>The callee bailed: its frame goes on in the VM, then this one at resume; what this frame reads there goes
    /// to the stack if the call wrote nothing back (below the call window: from a up, the slots are the callee's).</summary>
    private void BailAfterDirectCall(int pc, int resume, bool flushLater)
    {
        if (flushLater)
        {
            ReloadRegisters();
            FlushBelowCallWindow(pc);
        }
        FramelessFrameWaits(resume);
        Exit(() => _il.Int(CompiledExit.Reload));
    }

    /// <summary>The call of <paramref name="target"/>'s direct entry with the window at <paramref name="a"/> (the guard's
    /// closure in <c>_directCallee</c>, the typed arguments' kinds checked): its value goes to <c>_value</c>, and control
    /// to <paramref name="returned"/> unless it bailed. <paramref name="resultRegister"/>: where the result goes when not
    /// to <paramref name="a"/> (CALL of a closure).</summary>
    private void InvokeDirect(DirectEntry target, int a, Label returned, int resultRegister = -1)
    {
        var kinds = target.ParamKinds;
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldarg_1); // the index of the callee's frame (a frameless callee only counts on it)
        _il.Int(1);
        _il.Emit(OpCodes.Add);
        Slot(a); // the arguments' slot, in the entry pc's place (DirectEntry.FixedParameters)
        // The result slot, in the entry frame's place: a frame-pushing callee's prologue reads it, then sets the entry frame.
        if (target.Frameless) _il.Int(0);
        else Slot(resultRegister < 0 ? a : resultRegister);
        // The handler floor, which only a frame-pushing callee reads; a frameless entry's callees are all frameless, so it
        // passes none and keeps its own out of the values that live across the call.
        if (Frameless) _il.Int(0);
        else _il.Arg(4);
        _il.Emit(OpCodes.Ldloc, _directCallee);
        for (int r = 0; r < kinds.Length; r++)
        {
            if (kinds[r] == RegisterKind.Boxed) continue;
            if (KindOf(a + r) == kinds[r]) _il.Emit(OpCodes.Ldloc, In(a + r));
            else
            {
                RegisterAddress(a + r);
                _il.Emit(OpCodes.Call, AsKind(kinds[r]));
            }
        }
        _il.Emit(OpCodes.Call, target.Method);
        _il.Emit(OpCodes.Stloc, target.ReturnKind == RegisterKind.Boxed ? _value : DirectResult(target.ReturnKind));
        // The bail flag is read on every return but cleared only on a bail (a store per call less than clearing it always).
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, VmMembers.DirectBailed);
        _il.Emit(OpCodes.Brfalse, returned);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Int(0);
        _il.Emit(OpCodes.Stfld, VmMembers.DirectBailed);
        ResumeTailCallee(target, resultRegister < 0 ? a : resultRegister, returned);
    }

    /// <summary>The native stack's room for one more compiled C# frame, else a jump to <paramref name="general"/>: the
    /// address of a local of this frame at or above the lowest one the runtime said had room is a compare and a branch;
    /// only a call deeper than any before asks the runtime (<see cref="RegisterMachine.StackCheckedDownTo"/>).</summary>
    private void NativeStackHasRoom(Label general)
    {
        var room = _il.NewLabel("stack_room");
        _il.Emit(OpCodes.Ldloca, StackProbe);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, StackCheckedDownTo);
        _il.Emit(OpCodes.Bge, room);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldloca, StackProbe);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Call, VmMembers.Vm(nameof(RegisterMachine.NativeStackHasRoomBelow)));
        _il.Emit(OpCodes.Brfalse, general);
        _il.Mark(room);
    }

    private static readonly System.Reflection.FieldInfo StackCheckedDownTo =
        VmMembers.Field(typeof(RegisterMachine), nameof(RegisterMachine.StackCheckedDownTo));

    /// <summary>A local whose address stands for this frame's place on the native stack (never read or written).</summary>
    private LocalBuilder StackProbe => _stackProbe ??= _il.Local(typeof(byte));
    private LocalBuilder? _stackProbe;

    /// <summary>Jumps to <paramref name="general"/> unless each argument <paramref name="target"/> takes typed (from
    /// parameter <paramref name="first"/> on) has its kind: one this frame keeps boxed is tested in the stack.</summary>
    private void CheckArgumentKinds(DirectEntry target, int a, int first, Label general)
    {
        var kinds = target.ParamKinds;
        for (int r = first; r < kinds.Length; r++)
        {
            if (kinds[r] == RegisterKind.Boxed || KindOf(a + r) == kinds[r]) continue;
            RegisterAddress(a + r);
            _il.Emit(OpCodes.Call, IsKind(kinds[r]));
            _il.Emit(OpCodes.Brfalse, general);
        }
    }

    /// <summary>
    /// METHODCALL linked to impl methods' direct entries, one per method its site's cache held when this code was compiled
    /// (a polymorphic site holds several): the method the cache holds for the receiver's type now, found inline
    /// (<see cref="RegisterMachine.LinkedMethodOf"/>), picks the linked entry of its proto, whose guard then checks its
    /// compilation and the native stack's room and puts self in R[a] (<see cref="RegisterMachine.DirectMethod"/>).
    /// Anything else (a type the cache does not hold, a method not linked, a recompiled one) falls through to the
    /// general method call that follows, which writes the registers back first (<see cref="FlushesAfterDirectCall"/>).
    /// </summary>
    private void EmitDirectMethodCall(int pc, int a, int b, int resume, int site, Label done)
    {
        var linked = LinkedMethods(pc);
        if (linked.Count == 0) return;
        bool flushLater = FlushesAfterDirectCall(pc);
        var general = _il.NewLabel("general_method_call");
        var bailed = _il.NewLabel("direct_method_bailed");
        VmCall(nameof(RegisterMachine.LinkedMethodOf), () =>
        {
            Register(b);
            CacheAddress(site);
        });
        _il.Emit(OpCodes.Stloc, _directCallee);
        _il.Emit(OpCodes.Ldloc, _directCallee);
        _il.Emit(OpCodes.Brfalse, general);
        // The method's proto picks the entry: one compare each, before any of the entry's own tests.
        var entries = linked.Select(_ => _il.NewLabel("linked_method")).ToList();
        var protoId = MethodProtoId;
        _il.Emit(OpCodes.Ldloc, _directCallee);
        _il.Emit(OpCodes.Call, VmMembers.ClosureProto);
        _il.Emit(OpCodes.Call, VmMembers.ProtoId);
        _il.Emit(OpCodes.Stloc, protoId);
        for (int i = 0; i < linked.Count; i++)
        {
            _il.Emit(OpCodes.Ldloc, protoId);
            _il.Int(linked[i].Proto.Id);
            _il.Emit(OpCodes.Beq, entries[i]);
        }
        _il.Emit(OpCodes.Br, general);
        for (int i = 0; i < linked.Count; i++)
        {
            var target = linked[i];
            _il.Mark(entries[i]);
            // The arguments' kinds first, as for a one-method site: DirectMethod writes self and counts a direct call.
            CheckArgumentKinds(target, a, 1, general);
            NativeStackHasRoom(general);
            VmCall(nameof(RegisterMachine.DirectMethod), () =>
            {
                _il.Emit(OpCodes.Ldloc, _directCallee);
                Register(b);
                Slot(a);
                _il.Int(target.Proto.Id);
                _il.Int(target.Generation);
            });
            _il.Emit(OpCodes.Brfalse, general);
            if (flushLater) FlushBoxedArguments(target, a, 1);
            var returned = _il.NewLabel("direct_method_returned");
            InvokeDirect(target, a, returned);
            _il.Emit(OpCodes.Br, bailed);
            _il.Mark(returned);
            ReloadRegisters();
            StoreDirectResult(target, a);
            _il.Emit(OpCodes.Br, done);
        }
        // One bail path for every method of the site.
        _il.Mark(bailed);
        BailAfterDirectCall(pc, resume, flushLater);
        _il.Mark(general);
        if (flushLater) FlushLive(-1, pc, resume);
    }

    /// <summary>The proto id of the method a linked site found (one local for every site).</summary>
    private LocalBuilder MethodProtoId => _methodProtoId ??= _il.Local(typeof(int));
    private LocalBuilder? _methodProtoId;

    /// <summary>A frameless entry whose direct callee bailed: its frame, waiting at <paramref name="resume"/>, is written
    /// now (the callee wrote its own above it); nothing in a frame-pushing entry.</summary>
    private void FramelessFrameWaits(int resume)
    {
        if (!Frameless) return;
        VmCall(nameof(RegisterMachine.FramelessFrameWaits), () =>
        {
            _il.Emit(OpCodes.Ldarg_1);
            _il.Emit(OpCodes.Ldloc, _closure);
            _il.Emit(OpCodes.Ldloc, _base);
            _il.Int(resume);
            _il.Arg(DirectEntry.ArgSlotArg); // the result slot
        });
    }

    /// <summary>R[a] := the value a direct call to <paramref name="target"/> returned: a typed result goes straight into
    /// a result web of its kind (no guard: the callee's plan proved the kind), else it is boxed or stored as it is.</summary>
    private void StoreDirectResult(DirectEntry target, int a)
    {
        var kind = target.ReturnKind;
        if (kind == RegisterKind.Boxed)
        {
            Store(a, () => _il.Emit(OpCodes.Ldloc, _value));
            return;
        }
        if (ResultKind(a) == kind)
        {
            _il.Emit(OpCodes.Ldloc, DirectResult(kind));
            _il.Emit(OpCodes.Stloc, Out(a));
            return;
        }
        Store(a, () =>
        {
            _il.Emit(OpCodes.Ldloc, DirectResult(kind));
            _il.Emit(OpCodes.Call, kind switch
            {
                RegisterKind.Int => VmMembers.FromInt,
                RegisterKind.Float => VmMembers.FromFloat,
                _ => VmMembers.FromBool,
            });
        });
    }

    /// <summary>The typed registers below call <paramref name="pc"/>'s window that are live where the frame resumes after
    /// it, back to the stack (from the window up, the slots are the callee's).</summary>
    private void FlushBelowCallWindow(int pc)
    {
        int a = A(_code[pc]), resume = pc + Width(pc);
        if (_plan.LiveIn[resume] is not { } live) return;
        var webs = new List<int>();
        for (int r = 0; r < a; r++)
            if (live[r] && _plan.Webs.In(resume, r) is var w && w >= 0 && _local[w] is not null) webs.Add(w);
        FlushAll(webs);
    }

    /// <summary>In the error filter: an error crossing a direct call site that wrote nothing back before the call (it
    /// may come from the callee, or from anything the callee called) may be caught above this frame, which the VM then
    /// resumes from the stack: its registers live after the call go there now, while the locals still hold them.</summary>
    private void FlushForErrorAtDirectCall()
    {
        var sites = _links.Calls.Keys.Concat(_links.Methods.Keys).Where(FlushesAfterDirectCall).Distinct().Order().ToList();
        if (sites.Count == 0) return;
        ReloadRegisters();
        foreach (int pc in sites)
        {
            var other = _il.NewLabel("not_raised_at_call");
            _il.Emit(OpCodes.Ldloc, _currentPc);
            _il.Int(pc);
            _il.Emit(OpCodes.Bne_Un, other);
            FlushBelowCallWindow(pc);
            _il.Mark(other);
        }
    }

    /// <summary>After a general call that returned here, the result is in R[a]'s stack slot: a typed result web takes it
    /// through its guard.</summary>
    private void StoreCallResult(int a)
    {
        if (ResultKind(a) == RegisterKind.Boxed) return;
        RegisterAddress(a);
        _il.Emit(OpCodes.Ldobj, typeof(Value));
        _il.Emit(OpCodes.Stloc, _value);
        GuardedStore(a);
    }
}
