using System.Runtime.CompilerServices;
using System.Text;
using Veld.Runtime;
using ExecutionContext = Veld.Runtime.ExecutionContext;

namespace Veld.StackVm;

/// <summary>
/// The state of one run: one value stack, a frame stack and a try-handler stack on the heap, the
/// run's globals, runtime types and open upvalues. Veld calls never recurse in C#; the only re-entry
/// is a native method calling back into Veld through <see cref="IInvoker"/>, which runs a nested
/// dispatch loop on the same stacks (and counts against the depth limit like any call).
/// The dispatch loop itself is in StackMachine.Dispatch.cs.
/// </summary>
internal sealed partial class StackMachine : IInvoker
{
    private readonly StackProgram _program;
    private readonly ExecutionContext _context;
    private readonly Value[] _globals;
    private readonly VeldType[] _types;
    /// <summary>Per enum type, its unit variant values, made on first use (enum values are immutable).</summary>
    private readonly Value[]?[] _unitVariants;

    private Value[] _stack = new Value[1024];
    /// <summary>Stack top, valid whenever the dispatch loop hands control to other code.</summary>
    private int _sp;
    private CallFrame[] _frames = new CallFrame[64];
    private int _frameCount;
    private TryHandler[] _handlers = new TryHandler[16];
    private int _handlerCount;
    /// <summary>Open upvalues, highest slot first.</summary>
    private Upvalue? _openUpvalues;
    /// <summary>Instructions executed by finished dispatch loops (each adds its count when it exits).</summary>
    private long _instructions;

    public StackMachine(StackProgram program, ExecutionContext context)
    {
        _program = program;
        _context = context;
        _globals = new Value[program.GlobalNames.Length];
        Array.Fill(_globals, Value.Uninitialized);
        _types = new VeldType[program.Types.Count];
        _unitVariants = new Value[]?[program.Types.Count];
        foreach (var type in program.Types) _types[type.TypeId] = CreateType(type);
        // Hoisting: methods and top-level functions exist before the first statement runs.
        foreach (var type in program.Types)
            foreach (var method in type.Methods)
                _types[type.TypeId].Methods[method.Name] = Value.FromObject(new Closure(method, []));
        foreach (var fn in program.Hoisted)
            _globals[fn.GlobalIndex] = Value.FromObject(new Closure(fn.Chunk, []));
    }

    private static VeldType CreateType(TypeInfo type) => type switch
    {
        { IsError: true } => StructType.Error,
        { Fields: { } fields } => new StructType(type.Name, fields),
        _ => new EnumType(type.Name, type.Variants!, type.PayloadCounts!),
    };

    /// <summary>Run the script to completion; its result, or the uncaught error escapes.</summary>
    public Value RunScript()
    {
        _context.Invoker = this;
        var script = new Closure(_program.Script, []);
        _stack[0] = Value.FromObject(script);
        _sp = 1;
        // The top level is not a call: frame 0 does not count against the call depth.
        PushFrame(script, argsStart: 1, argc: 0, resultSlot: 0, isCall: false);
        try
        {
            return Run(stopFrame: 0);
        }
        finally
        {
            _context.Instructions = (_context.Instructions ?? 0) + _instructions;
        }
    }

    /// <summary>A native method (map, filter, sort ...) calling a Veld function: a nested dispatch loop.</summary>
    public Value Call(Value function, ReadOnlySpan<Value> args)
    {
        if (function.AsObject is Closure closure)
        {
            // The one C# recursion of the VM: its depth is bounded by the call-depth limit, and this guard
            // turns a limit set beyond what the native stack holds into a clean StackOverflow.
            RuntimeHelpers.EnsureSufficientExecutionStack();
            CheckArity(closure, args.Length);
            int calleeSlot = _sp;
            EnsureStack(calleeSlot + 1 + args.Length);
            _stack[calleeSlot] = function;
            args.CopyTo(_stack.AsSpan(calleeSlot + 1));
            _sp = calleeSlot + 1 + args.Length;
            PushFrame(closure, calleeSlot + 1, args.Length, calleeSlot);
            return Run(stopFrame: _frameCount - 1);
        }
        return CallNative(function, args);
    }

    // ---- frames ------------------------------------------------------------------------------

    /// <summary>Arity error unless <paramref name="argc"/> arguments fit. A method called on a value counts
    /// the arguments the caller wrote, without self.</summary>
    private static void CheckArity(Closure closure, int argc, bool withSelf = false)
    {
        var chunk = closure.Chunk;
        int given = withSelf ? argc + 1 : argc;
        if (given != chunk.Arity) throw withSelf
            ? RuntimeErrors.Arity(chunk.Name, chunk.Arity - 1, argc)
            : RuntimeErrors.Arity(chunk.Name, chunk.Arity, argc);
    }

    /// <summary>Enter <paramref name="closure"/> with its (checked) arguments already at stack[argsStart..]:
    /// count the call depth, then lay out the frame (locals beyond the arguments start as unit).</summary>
    private void PushFrame(Closure closure, int argsStart, int argc, int resultSlot, bool isCall = true)
    {
        var chunk = closure.Chunk;
        if (isCall) _context.EnterCall();
        if (_frameCount == _frames.Length) Array.Resize(ref _frames, _frames.Length * 2);
        EnsureStack(argsStart + chunk.FrameSize);
        ClearLocals(argsStart + argc, argsStart + chunk.LocalCount);
        ref var frame = ref _frames[_frameCount++];
        frame.Closure = closure;
        frame.Ip = 0;
        frame.Base = argsStart;
        frame.ResultSlot = resultSlot;
        _sp = argsStart + chunk.LocalCount;
    }

    /// <summary>Replace the current frame by a call of <paramref name="closure"/> whose callee and
    /// arguments are at stack[calleeSlot..]: they move down to where the current frame's result goes.</summary>
    private void ReplaceFrame(Closure closure, int calleeSlot, int argc, bool withSelf)
    {
        var chunk = closure.Chunk;
        CheckArity(closure, argc, withSelf);
        int given = withSelf ? argc + 1 : argc;
        _context.Tick();
        ref var frame = ref _frames[_frameCount - 1];
        CloseUpvalues(frame.Base);
        DropHandlersOf(_frameCount - 1);
        int dest = frame.ResultSlot;
        // The callee slot moves too: with self it is the first argument, without it sits below the base.
        var stack = _stack;
        for (int i = 0; i <= argc; i++) stack[dest + i] = stack[calleeSlot + i]; // dest < calleeSlot, so ascending order is safe
        int argsStart = withSelf ? dest : dest + 1;
        EnsureStack(argsStart + chunk.FrameSize);
        ClearLocals(argsStart + given, argsStart + chunk.LocalCount);
        frame.Closure = closure;
        frame.Ip = 0;
        frame.Base = argsStart;
        _sp = argsStart + chunk.LocalCount;
    }

    /// <summary>Leave the current frame. Returns true when it was the first frame of the running
    /// dispatch loop (<paramref name="stopFrame"/>), whose caller then takes the result.</summary>
    private bool PopFrame(Value result, int stopFrame)
    {
        ref var frame = ref _frames[--_frameCount];
        CloseUpvalues(frame.Base);
        DropHandlersOf(_frameCount);
        if (_frameCount > 0) _context.ExitCall(); // frame 0, the script, was not a call
        int resultSlot = frame.ResultSlot;
        frame.Closure = null!; // let the closure go
        if (_frameCount == stopFrame)
        {
            _sp = resultSlot;
            return true;
        }
        _stack[resultSlot] = result;
        _sp = resultSlot + 1;
        return false;
    }

    /// <summary>Locals past the arguments start as unit (a few slots: a loop beats a call to Fill).</summary>
    private void ClearLocals(int from, int to)
    {
        var stack = _stack;
        for (int i = from; i < to; i++) stack[i] = Value.Unit;
    }

    /// <summary>A return from inside a try body leaves its handlers behind; they go with the frame.</summary>
    private void DropHandlersOf(int frame)
    {
        while (_handlerCount > 0 && _handlers[_handlerCount - 1].Frame >= frame) _handlerCount--;
    }

    private void EnsureStack(int needed)
    {
        if (needed <= _stack.Length) return;
        int size = _stack.Length;
        while (size < needed) size *= 2;
        Array.Resize(ref _stack, size);
    }

    // ---- calls that are not Veld frames ------------------------------------------------------

    /// <summary>A builtin function, or a Type error for a value that is not callable.</summary>
    private Value CallNative(Value callee, ReadOnlySpan<Value> args)
    {
        if (callee.AsObject is not BuiltinFunction builtin) throw RuntimeErrors.NotCallable(callee);
        _context.Tick();
        return builtin.Invoke(_context, args);
    }

    /// <summary>A builtin method of the target's type (Field error for an unknown name).</summary>
    private Value CallBuiltinMethod(Value target, string name, ReadOnlySpan<Value> args)
    {
        _context.Tick();
        return BuiltinMethods.Call(_context, target, name, args);
    }

    /// <summary>
    /// What <c>target.name(args)</c> calls, in the order of docs/LANGUAGE.md: an impl method that takes
    /// self (methods without self belong to the type, <c>Point.new</c>); else a struct field, or a map key
    /// that is not also a builtin method name, holding a function (called without self); else a builtin
    /// method. Returns false for the builtin case.
    /// </summary>
    private static bool FindMethod(Value target, string name, out Value callee, out bool withSelf)
    {
        withSelf = false;
        switch (target.AsObject)
        {
            case StructInstance s:
                if (FindSelfMethod(s.Type, name, out callee))
                {
                    withSelf = true;
                    return true;
                }
                int field = s.Type.FieldIndex(name);
                if (field >= 0 && s.Fields[field].Kind == ValueKind.Function)
                {
                    callee = s.Fields[field];
                    return true;
                }
                break;
            case EnumInstance e:
                if (FindSelfMethod(e.Type, name, out callee))
                {
                    withSelf = true;
                    return true;
                }
                break;
            case VeldMap m:
                if (!BuiltinMethods.Has(target, name) && m.TryGet(Value.FromString(name), out callee) && callee.Kind == ValueKind.Function)
                    return true;
                break;
        }
        callee = default;
        return false;
    }

    private static bool FindSelfMethod(VeldType type, string name, out Value method) =>
        type.Methods.TryGetValue(name, out method) && ((Closure)method.AsObject!).Chunk.HasSelf;

    // ---- upvalues ----------------------------------------------------------------------------

    /// <summary>The open upvalue of stack slot <paramref name="slot"/>, created if none exists yet.</summary>
    private Upvalue CaptureUpvalue(int slot)
    {
        Upvalue? previous = null, upvalue = _openUpvalues;
        while (upvalue is not null && upvalue.Slot > slot)
        {
            previous = upvalue;
            upvalue = upvalue.Next;
        }
        if (upvalue is not null && upvalue.Slot == slot) return upvalue;
        var created = new Upvalue(slot) { Next = upvalue };
        if (previous is null) _openUpvalues = created;
        else previous.Next = created;
        return created;
    }

    /// <summary>Close every open upvalue at or above <paramref name="fromSlot"/> (a frame ends).</summary>
    private void CloseUpvalues(int fromSlot)
    {
        while (_openUpvalues is not null && _openUpvalues.Slot >= fromSlot)
        {
            var upvalue = _openUpvalues;
            upvalue.Closed = _stack[upvalue.Slot];
            upvalue.Slot = -1;
            _openUpvalues = upvalue.Next;
        }
    }

    /// <summary>Close the open upvalue of exactly <paramref name="slot"/>, if any (a scope ends).</summary>
    private void CloseUpvalue(int slot)
    {
        Upvalue? previous = null, upvalue = _openUpvalues;
        while (upvalue is not null && upvalue.Slot > slot)
        {
            previous = upvalue;
            upvalue = upvalue.Next;
        }
        if (upvalue is null || upvalue.Slot != slot) return;
        upvalue.Closed = _stack[slot];
        upvalue.Slot = -1;
        if (previous is null) _openUpvalues = upvalue.Next;
        else previous.Next = upvalue.Next;
    }

    // ---- errors ------------------------------------------------------------------------------

    /// <summary>
    /// An error escaped an instruction of the dispatch loop that started at <paramref name="stopFrame"/>.
    /// If a try of that loop's frames can catch it, unwind to the handler and return true (the loop goes
    /// on at the catch code); otherwise unwind every frame of the loop and return false (it propagates).
    /// </summary>
    private bool Unwind(VeldRuntimeException error, int stopFrame)
    {
        bool catchable = error.IsCatchable && _handlerCount > 0 && _handlers[_handlerCount - 1].Frame >= stopFrame;
        int targetFrame = catchable ? _handlers[_handlerCount - 1].Frame : stopFrame - 1;
        while (_frameCount - 1 > targetFrame)
        {
            ref var frame = ref _frames[--_frameCount];
            CloseUpvalues(frame.Base);
            if (_frameCount > 0) _context.ExitCall();
            if (_frameCount == stopFrame) _sp = frame.ResultSlot;
            frame.Closure = null!;
        }
        if (!catchable)
        {
            DropHandlersOf(stopFrame);
            return false;
        }
        var handler = _handlers[--_handlerCount];
        _stack[handler.StackTop] = error.ToCatchValue();
        _sp = handler.StackTop + 1;
        _frames[_frameCount - 1].Ip = handler.Ip;
        return true;
    }

    // ---- constructors (the work of CLOSURE, NEW_* and FORMAT, kept out of the dispatch loop) ----

    /// <summary>A closure of nested function <paramref name="index"/> of <paramref name="enclosing"/>; its upvalue
    /// descriptors are the (isLocal, index) byte pairs at code[descriptors..].</summary>
    private Value NewClosure(Closure enclosing, int index, byte[] code, int descriptors, int bp)
    {
        var chunk = enclosing.Chunk.Functions[index];
        var upvalues = new Upvalue[chunk.Upvalues.Length];
        for (int i = 0; i < upvalues.Length; i++)
        {
            bool isLocal = code[descriptors + 2 * i] != 0;
            int slot = code[descriptors + 2 * i + 1];
            upvalues[i] = isLocal ? CaptureUpvalue(bp + slot) : enclosing.Upvalues[slot];
        }
        return Value.FromObject(new Closure(chunk, upvalues));
    }

    private static Value NewArray(ReadOnlySpan<Value> items)
    {
        var list = new List<Value>(items.Length);
        foreach (var item in items) list.Add(item);
        return Value.FromObject(new VeldArray(list));
    }

    /// <summary>Entries go in through <see cref="Operators.SetIndex"/>, which checks each key.</summary>
    private static Value NewMap(ReadOnlySpan<Value> keysAndValues)
    {
        var map = Value.FromObject(new VeldMap());
        for (int i = 0; i < keysAndValues.Length; i += 2) Operators.SetIndex(map, keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    /// <summary>The arguments come in evaluation order; the shape says which field each one sets.</summary>
    private Value NewStruct(StructShape shape, ReadOnlySpan<Value> args)
    {
        var type = (StructType)_types[shape.TypeId];
        var fields = new Value[type.FieldNames.Length];
        for (int i = 0; i < args.Length; i++) fields[shape.FieldOfArgument[i]] = args[i];
        return Operators.NewStruct(type, fields);
    }

    private Value NewEnum(int typeId, int variant, ReadOnlySpan<Value> payload) =>
        payload.Length == 0 ? UnitVariant(typeId, variant) : Operators.NewEnum((EnumType)_types[typeId], variant, payload.ToArray());

    /// <summary>FORMAT: the display forms of the parts, joined.</summary>
    private static Value Format(ReadOnlySpan<Value> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(Display.Show(part));
        return Value.FromString(text.ToString());
    }

    /// <summary>A unit variant's value, shared for the run.</summary>
    private Value UnitVariant(int typeId, int variant)
    {
        var type = (EnumType)_types[typeId];
        var values = _unitVariants[typeId] ??= new Value[type.VariantNames.Length];
        if (values[variant].AsObject is null) values[variant] = Operators.NewEnum(type, variant, []);
        return values[variant];
    }
}
