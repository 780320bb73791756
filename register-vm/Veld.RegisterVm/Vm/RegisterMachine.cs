using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Veld.Runtime;
using ExecutionContext = Veld.Runtime.ExecutionContext;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>
/// One run of a <see cref="RegisterProgram"/>. All frames share one register stack (frames are base
/// offsets into it), so a Veld call pushes a <see cref="CallFrame"/> instead of recursing in C#. The
/// only re-entry is a native method calling back into Veld through <see cref="IInvoker"/>, which runs
/// a nested <see cref="Run"/> on top of the same stack and counts against the depth limit.
/// <para>
/// Semantics live in the runtime: every instruction has a fast path for ints, floats and bools that
/// agrees with <see cref="Operators"/>, and calls the runtime for everything else.
/// </para>
/// </summary>
internal sealed partial class RegisterMachine : IInvoker
{
    private readonly RegisterProgram _program;
    private readonly ExecutionContext _context;
    private readonly Value[] _globals;
    private readonly VeldType[] _types;
    private readonly UnitVariantCache _unitVariants;

    /// <summary>The register stack. It starts small (4 KiB; Lua starts at 40 slots) and doubles when a call needs
    /// more: most programs never go deep, and a deep one pays for its doublings once.</summary>
    private Value[] _stack = new Value[256];
    private CallFrame[] _frames = new CallFrame[64];
    private int _frameCount;
    /// <summary>Open upvalues sorted by stack slot, lowest first.</summary>
    private readonly List<Upvalue> _open = [];
    private readonly List<TryHandler> _handlers = [];
    /// <summary>Inline caches of this run, per proto (by <see cref="FunctionProto.Id"/>), one entry per constant (<see cref="CachesOf"/>).</summary>
    private readonly InlineCache[]?[] _caches;
    /// <summary>The JIT tier's hook (null on the register tier): hot functions run as compiled code.</summary>
    private readonly TierUp? _tierUp;

    public RegisterMachine(RegisterProgram program, ExecutionContext context, int protoCount, TierUp? tierUp = null)
    {
        _tierUp = tierUp;
        _caches = new InlineCache[]?[protoCount];
        _program = program;
        _context = context;
        _globals = new Value[program.GlobalNames.Length];
        Array.Fill(_globals, Value.Uninitialized);
        _types = CreateTypes(program);
        _unitVariants = new UnitVariantCache(_types.Length);
    }

    /// <summary>Create the run's types and hoisted functions, then run the script to its result.</summary>
    public Value RunProgram()
    {
        var script = new Closure(_program.Script, []);
        foreach (var h in _program.Hoisted)
            _globals[h.GlobalIndex] = Value.FromObject(new Closure(_program.Script.Protos[h.ProtoIndex], []));
        foreach (var m in _program.Methods)
        {
            var method = Value.FromObject(new Closure(_program.Script.Protos[m.ProtoIndex], []));
            _types[m.TypeId].Methods[m.Name] = method;
            _globals[m.GlobalIndex] = method;
        }

        var previousInvoker = _context.Invoker;
        _context.Invoker = this;
        try
        {
            EnsureStack(_program.Script.MaxStack);
            PushFrame(script, 0, resultSlot: -1);
            return Run(entryFrame: 0);
        }
        finally
        {
            _context.Invoker = previousInvoker;
        }
    }

    /// <summary>Run the top frames to the return of frame <paramref name="entryFrame"/> in this tier's own copy of
    /// the dispatch loop (see <see cref="IDispatchTier"/>).</summary>
    private Value Run(int entryFrame) =>
        _tierUp is null ? Run<InterpretOnly>(entryFrame) : Run<InterpretAndTierUp>(entryFrame);

    private static VeldType[] CreateTypes(RegisterProgram program)
    {
        var types = new VeldType[program.Types.Length];
        for (int i = 0; i < types.Length; i++)
        {
            var t = program.Types[i];
            types[i] = t.Shape switch
            {
                TypeShape.ErrorStruct => StructType.Error,
                TypeShape.Struct => new StructType(t.Name, t.Members),
                _ => new EnumType(t.Name, t.Members, t.PayloadArity),
            };
        }
        return types;
    }

    // ---- IInvoker: native code calling back into Veld ------------------------------------------------

    public Value Call(Value function, ReadOnlySpan<Value> args)
    {
        if (function.Is<BuiltinFunction>(out var builtin))
        {
            _context.Tick();
            return builtin.Invoke(_context, args);
        }
        if (!function.Is<Closure>(out var closure)) throw RuntimeErrors.NotCallable(function);
        var proto = closure.Proto;
        if (args.Length != proto.ParamCount) throw RuntimeErrors.Arity(proto.Name, proto.ParamCount, args.Length);

        // The one C# recursion of the VM (a nested Run): bounded by the depth limit, the callback nesting
        // bound and the native stack.
        _context.EnterCall();
        _context.EnterCallback();
        try
        {
            int newBase = _frameCount == 0 ? 0 : _frames[_frameCount - 1].Base + _frames[_frameCount - 1].Closure.Proto.MaxStack;
            EnsureStack(newBase + Math.Max(proto.MaxStack, args.Length));
            args.CopyTo(_stack.AsSpan(newBase));
            int entry = _frameCount;
            PushFrame(closure, newBase, resultSlot: -1);
            return Run(entry);
        }
        finally
        {
            _context.ExitCallback();
        }
    }

    // ---- frames, stack and upvalues ------------------------------------------------------------------------

    // PushFrame and EnsureStack are inlined into every call (the interpreter's and compiled code's direct entries):
    // there they are a test and the frame's stores; growing the arrays is out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PushFrame(Closure closure, int @base, int resultSlot)
    {
        // The room test is the array's bounds check as well (the unsigned compare against this array's length).
        var frames = _frames;
        int count = _frameCount;
        var frame = new CallFrame { Closure = closure, Base = @base, Pc = 0, ResultSlot = resultSlot };
        if ((uint)count < (uint)frames.Length) frames[count] = frame;
        else GrowFrames()[count] = frame;
        _frameCount = count + 1;
    }

    private CallFrame[] GrowFrames()
    {
        Array.Resize(ref _frames, _frames.Length * 2);
        return _frames;
    }

    /// <summary>Make the register stack at least <paramref name="size"/> slots; open upvalues follow the move.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureStack(int size)
    {
        if (size > _stack.Length) GrowStack(size);
    }

    private void GrowStack(int size)
    {
        int newSize = _stack.Length;
        while (newSize < size) newSize *= 2;
        Array.Resize(ref _stack, newSize);
        foreach (var uv in _open) uv.Rebind(_stack);
    }

    /// <summary>The open upvalue for stack slot <paramref name="slot"/>, shared by every closure capturing it.</summary>
    private Upvalue FindUpvalue(int slot)
    {
        int i = _open.Count - 1;
        while (i >= 0 && _open[i].StackIndex > slot) i--;
        if (i >= 0 && _open[i].StackIndex == slot) return _open[i];
        var created = new Upvalue(_stack, slot);
        _open.Insert(i + 1, created);
        return created;
    }

    /// <summary>Close every open upvalue at or above stack slot <paramref name="level"/>.</summary>
    private void CloseUpvalues(int level)
    {
        while (_open.Count > 0 && _open[^1].StackIndex >= level)
        {
            _open[^1].Close();
            _open.RemoveAt(_open.Count - 1);
        }
    }

    /// <summary>Leave the top frame: close its upvalues, drop its handlers, and leave its call depth
    /// (the script's frame never entered one). Returns the frame's result slot. Inlined into RETURN: no copy of the
    /// frame is made, and with no open upvalue and no handler above the floor (one test of two counts) no call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PopFrame(int handlerFloor)
    {
        int index = _frameCount - 1;
        if (_open.Count > 0 || _handlers.Count > handlerFloor) LeaveScopes(index, handlerFloor);
        ref var frame = ref _frames[index];
        // Only the closure needs clearing (for the collector): the next push writes every field.
        frame.Closure = null!;
        _frameCount = index;
        if (index > 0) _context.ExitCall();
        return frame.ResultSlot;
    }

    /// <summary>Frame <paramref name="frameIndex"/> goes: close the upvalues of its registers and drop its handlers.</summary>
    private void LeaveScopes(int frameIndex, int handlerFloor)
    {
        if (_open.Count > 0) CloseUpvalues(_frames[frameIndex].Base);
        DropHandlers(frameIndex, handlerFloor);
    }

    /// <summary>Drop the TRY handlers of frame <paramref name="frameIndex"/> (and above) that belong to this activation.</summary>
    private void DropHandlers(int frameIndex, int handlerFloor)
    {
        while (_handlers.Count > handlerFloor && _handlers[^1].Frame >= frameIndex) _handlers.RemoveAt(_handlers.Count - 1);
    }

    /// <summary>
    /// A catchable error inside a TRY of this activation: unwind to the handler's frame, close the upvalues
    /// the try body created, bind the caught value, resume at the handler. False if nothing here catches it.
    /// </summary>
    private bool Catch(VeldRuntimeException e, int handlerFloor)
    {
        if (!e.IsCatchable || _handlers.Count == handlerFloor) return false;
        // Entering a handler spends no fuel (no tier charges it: SPEC 16), but a loop of throw and catch (possible
        // in a hand-made .veldc, whose handler may lie before its TRY) still ends at the time limit.
        _context.CheckClockNow();
        var handler = _handlers[^1];
        _handlers.RemoveAt(_handlers.Count - 1);
        while (_frameCount - 1 > handler.Frame) PopFrame(handlerFloor);
        CloseUpvalues(handler.CatchSlot);
        _stack[handler.CatchSlot] = e.ToCatchValue();
        _frames[handler.Frame].Pc = handler.HandlerPc;
        return true;
    }

    /// <summary>Nothing in this activation catches: drop its frames before the error leaves it.</summary>
    private void Abandon(int entryFrame, int handlerFloor)
    {
        while (_frameCount > entryFrame) PopFrame(handlerFloor);
        if (_handlers.Count > handlerFloor) _handlers.RemoveRange(handlerFloor, _handlers.Count - handlerFloor);
    }

    // ---- calls ---------------------------------------------------------------------------------------------------

    /// <summary>A call of a closure whose arity is checked: the depth limit and fuel tick, stack room, the frame.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PushCallFrame(Closure closure, int argSlot, int resultSlot)
    {
        _context.EnterCall();
        EnsureStack(argSlot + closure.Proto.MaxStack);
        PushFrame(closure, argSlot, resultSlot);
    }

    /// <summary>
    /// Call <paramref name="callee"/> with the <paramref name="argCount"/> arguments at absolute slot
    /// <paramref name="argSlot"/>. A closure gets a new frame whose registers start at the arguments (the
    /// dispatch loop continues in it); a builtin runs now and its result is stored. Returns true if a frame
    /// was pushed. <paramref name="self"/>: an impl method, whose arity error counts the arguments without self.
    /// </summary>
    private bool CallValue(Value callee, int argSlot, int argCount, int resultSlot, bool self = false)
    {
        if (callee.Is<Closure>(out var closure))
        {
            var proto = closure.Proto;
            if (argCount != proto.ParamCount) throw ArityError(proto, argCount, self);
            PushCallFrame(closure, argSlot, resultSlot);
            return true;
        }
        CallNonClosure(callee, argSlot, argCount, resultSlot);
        return false;
    }

    /// <summary><see cref="CallValue"/> of anything but a closure: a builtin runs now and its result is stored. Out of
    /// line, so that the closure call's path saves no registers for the builtin's span and result.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CallNonClosure(Value callee, int argSlot, int argCount, int resultSlot)
    {
        if (!callee.Is<BuiltinFunction>(out var builtin)) throw RuntimeErrors.NotCallable(callee);
        _context.Tick();
        var result = builtin.Invoke(_context, _stack.AsSpan(argSlot, argCount));
        _stack[resultSlot] = result;
    }

    /// <summary>
    /// A tail call from the top frame: a closure replaces the frame (arguments move down to its base, the
    /// call depth does not grow); a builtin runs now and the frame returns its result. Returns the value to
    /// return when the frame must return (builtin), or null when the frame was replaced.
    /// </summary>
    private Value? TailCallValue(Value callee, int argSlot, int argCount, int handlerFloor, bool self = false)
    {
        ref var frame = ref _frames[_frameCount - 1];
        if (callee.Is<Closure>(out var closure))
        {
            var proto = closure.Proto;
            if (argCount != proto.ParamCount) throw ArityError(proto, argCount, self);
            _context.Tick();
            if (_open.Count > 0) CloseUpvalues(frame.Base);
            if (_handlers.Count > handlerFloor) DropHandlers(_frameCount - 1, handlerFloor);
            // The arguments move down (the frame's base is below them): a forward loop is safe, and for the one
            // to three arguments of a typical tail call it costs less than Array.Copy's call and range checks.
            var stack = _stack;
            for (int k = 0; k < argCount; k++) stack[frame.Base + k] = stack[argSlot + k];
            EnsureStack(frame.Base + proto.MaxStack);
            frame = ref _frames[_frameCount - 1];
            frame.Closure = closure;
            frame.Pc = 0;
            return null;
        }
        if (callee.Is<BuiltinFunction>(out var builtin))
        {
            _context.Tick();
            return builtin.Invoke(_context, _stack.AsSpan(argSlot, argCount));
        }
        throw RuntimeErrors.NotCallable(callee);
    }

    /// <summary>Arity errors name the function as written (<c>f</c>, <c>lambda@3</c>); for an impl method
    /// called on a value, the counts leave self out.</summary>
    private static VeldRuntimeException ArityError(FunctionProto proto, int argCount, bool self) =>
        self ? RuntimeErrors.Arity(proto.Name, proto.ParamCount - 1, argCount - 1)
             : RuntimeErrors.Arity(proto.Name, proto.ParamCount, argCount);

    /// <summary>
    /// Dynamic dispatch of <c>target.name(args)</c> in the runtime's order (<see cref="MethodLookup"/>),
    /// with the impl methods found remembered in the call site's cache (marked as methods by a negative
    /// field index). The arguments are at absolute slots <paramref name="slot"/> + 1 ..; for an impl method
    /// the target is copied into <paramref name="slot"/> to become the callee's self. The result goes to
    /// <paramref name="slot"/>. For a builtin method the callee is the target itself.
    /// </summary>
    private MethodTarget ResolveMethod(Value target, int slot, int argCount, string name, ref InlineCache cache)
    {
        var type = TypeOf(target);
        if (cache.Field < 0 && cache.Type is { } cached && type is not null)
        {
            if (ReferenceEquals(cached, type))
            {
                _stack[slot] = target;
                return new(Value.FromObject(cache.Method!), slot, argCount + 1, MethodKind.Self);
            }
            if (cache.Others is { } others && others.TryGet(type, out var known))
            {
                _stack[slot] = target;
                return new(Value.FromObject(known), slot, argCount + 1, MethodKind.Self);
            }
        }
        switch (MethodLookup.Find(target, name, out var callee))
        {
            case MethodKind.Self:
                // Only a method this site can call is cached: a hit then needs no arity check (CachedMethod).
                if (type is not null && callee.AsObject is Closure method && method.Proto.ParamCount == argCount + 1)
                    Remember(ref cache, type, method);
                _stack[slot] = target;
                return new(callee, slot, argCount + 1, MethodKind.Self);
            case MethodKind.Function:
                return new(callee, slot + 1, argCount, MethodKind.Function);
            default:
                return new(target, slot + 1, argCount, MethodKind.Builtin);
        }
    }

    /// <summary>Keep <paramref name="method"/> for <paramref name="type"/> in a METHODCALL site's cache: the entry's
    /// first type, or one of its others once the site has seen several.</summary>
    private static void Remember(ref InlineCache cache, VeldType type, Closure method)
    {
        if (cache.Field < 0 && cache.Type is not null) (cache.Others ??= new MoreMethods()).Add(type, method);
        else cache = new InlineCache { Type = type, Field = -1, Method = method };
    }

    /// <summary>
    /// METHODCALL's fast path: the impl method <paramref name="cache"/> holds for <paramref name="target"/>'s type,
    /// or null when the site has not seen that type (<see cref="ResolveMethod"/> then looks it up). The cache holds
    /// only closures whose arity fits the site, so the caller pushes the frame without checking it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Closure? CachedMethod(Value target, ref InlineCache cache)
    {
        if (cache.Field >= 0 || TypeOf(target) is not { } type) return null;
        if (ReferenceEquals(cache.Type, type)) return cache.Method as Closure;
        return cache.Others is { } others && others.TryGet(type, out var known) ? known as Closure : null;
    }

    /// <summary>The type of a struct or enum value (the values that have impl methods), else null.</summary>
    private static VeldType? TypeOf(Value v) => v.AsObject switch
    {
        StructInstance s => s.Type,
        EnumInstance e => e.Type,
        _ => null,
    };

    private readonly record struct MethodTarget(Value Callee, int ArgSlot, int ArgCount, MethodKind Kind);

    /// <summary>The index of field <paramref name="name"/> of a struct type, or -1, through the instruction's cache.</summary>
    private static int FieldOf(ref InlineCache cache, StructType type, string name)
    {
        if (ReferenceEquals(cache.Type, type)) return cache.Field;
        int field = type.FieldIndex(name);
        if (field >= 0) cache = new InlineCache { Type = type, Field = field };
        return field;
    }

    /// <summary>A builtin method call (BuiltinMethods raises Field for an unknown name).</summary>
    private Value CallBuiltinMethod(Value target, int slot, int argCount, string name)
    {
        _context.Tick();
        return BuiltinMethods.Call(_context, target, name, _stack.AsSpan(slot + 1, argCount));
    }
}
