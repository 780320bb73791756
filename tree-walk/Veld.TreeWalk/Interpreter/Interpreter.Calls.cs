using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>
/// Calls. A non-tail call to a Veld function enters a new frame through <see cref="CallClosure"/>,
/// which counts call depth and recurses on the C# stack. A call with <c>IsTail</c> does neither: it
/// stores the callee and its arguments in the current frame (<see cref="Flow.TailCall"/>), the signal
/// travels up to <see cref="RunFunction"/>, and that loop runs the callee in place of the finished
/// frame, so tail-recursive loops run in constant depth.
/// </summary>
internal sealed partial class Interpreter : IInvoker
{
    private Value EvalCall(CallExpr call, Frame f)
    {
        if (call.Kind == CallKind.StructConstruct) return ConstructStruct(call, f);

        var callee = Eval(call.Callee, f);
        if (f.IsAbrupt) return default;
        var args = call.Args;
        if (callee.Is<Closure>(out var closure))
        {
            // Evaluate the arguments straight into the callee's parameter slots.
            var info = closure.Info;
            var slots = new Value[Math.Max(info.FrameSize, args.Count)];
            for (int i = 0; i < args.Count; i++)
            {
                slots[i] = Eval(args[i].Value, f);
                if (f.IsAbrupt) return default;
            }
            if (args.Count != info.Arity) throw RuntimeErrors.Arity(info.Name, info.Arity, args.Count);
            return call.IsTail ? RequestTailCall(f, closure, slots) : CallClosure(closure, slots, f, call);
        }
        var values = EvalArguments(args, f);
        if (f.IsAbrupt) return default;
        return CallNative(callee, values);
    }

    /// <summary><c>Point(x: 1, y: 2)</c>: arguments run in the order written and land in field order.</summary>
    private Value ConstructStruct(CallExpr call, Frame f)
    {
        var type = _types.StructOf(call.Struct!);
        var fieldOfArgument = _program.StructArgumentFields(call);
        var fields = new Value[type.FieldNames.Length];
        for (int i = 0; i < fieldOfArgument.Length; i++)
        {
            fields[fieldOfArgument[i]] = Eval(call.Args[i].Value, f);
            if (f.IsAbrupt) return default;
        }
        return Operators.NewStruct(type, fields);
    }

    /// <summary>Evaluates arguments left to right; check <see cref="Frame.IsAbrupt"/> afterwards.</summary>
    private Value[] EvalArguments(List<Argument> args, Frame f)
    {
        if (args.Count == 0) return [];
        var values = new Value[args.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Eval(args[i].Value, f);
            if (f.IsAbrupt) return values;
        }
        return values;
    }

    /// <summary>Calls any function value with evaluated arguments (a tail call if <paramref name="isTail"/>).</summary>
    private Value CallValue(Value callee, Value[] args, bool isTail, Frame f, Node at)
    {
        if (!callee.Is<Closure>(out var closure)) return CallNative(callee, args);
        var slots = FrameSlots(closure, args);
        return isTail ? RequestTailCall(f, closure, slots) : CallClosure(closure, slots, f, at);
    }

    /// <summary>A builtin function; anything else that is not a closure cannot be called.</summary>
    private Value CallNative(Value callee, ReadOnlySpan<Value> args)
    {
        if (!callee.Is<BuiltinFunction>(out var builtin)) throw RuntimeErrors.NotCallable(callee);
        _context.Tick();
        return builtin.Invoke(_context, args);
    }

    /// <summary>A new frame's slots holding <paramref name="args"/> as parameters; Arity error on a count mismatch.</summary>
    private static Value[] FrameSlots(Closure closure, ReadOnlySpan<Value> args)
    {
        var info = closure.Info;
        if (args.Length != info.Arity) throw RuntimeErrors.Arity(info.Name, info.Arity, args.Length);
        var slots = new Value[info.FrameSize];
        args.CopyTo(slots);
        return slots;
    }

    /// <summary>A tail call's step of fuel is spent here, at the call (so running out is reported there, as the
    /// bytecode tiers report their tail-call instruction); the frame is replaced in <see cref="RunFunction"/>.</summary>
    private Value RequestTailCall(Frame f, Closure callee, Value[] slots)
    {
        _context.Tick();
        f.TailCallee = callee;
        f.TailSlots = slots;
        f.Flow = Flow.TailCall;
        return default;
    }

    /// <summary>A non-tail call made by node <paramref name="at"/> of frame <paramref name="caller"/>. An error
    /// the callee raised goes on unwinding in the caller's frame, positioned at the call.</summary>
    private Value CallClosure(Closure closure, Value[] slots, Frame caller, Node at)
    {
        var result = Invoke(closure, slots);
        if (_raised is null) return result;
        return Raise(caller, _raised, at);
    }

    /// <summary>One level of call depth and of C# recursion; an error is left in <see cref="_raised"/>.</summary>
    private Value Invoke(Closure closure, Value[] slots)
    {
        _context.EnterCall();
        // The depth counter is the limit programs see; these are the nets below it for a limit set higher
        // than this tier can go (TierHost reports either as StackOverflow).
        if (_context.CallDepth > TreeWalkTier.MaxNativeCallDepth)
        {
            _context.ExitCall();
            throw NativeStack.TierCannotNest("tree-walk", TreeWalkTier.MaxNativeCallDepth);
        }
        NativeStack.Ensure();
        var result = RunFunction(closure, slots);
        _context.ExitCall();
        return result;
    }

    /// <summary>
    /// Runs a function body in a fresh frame, then keeps running whatever the body tail-called, in
    /// place, until a body finishes without a tail call. A proc anywhere in the chain makes the result unit.
    /// </summary>
    private Value RunFunction(Closure closure, Value[] slots)
    {
        bool resultIsUnit = false;
        while (true)
        {
            var info = closure.Info;
            resultIsUnit |= info.IsProc;
            var frame = new Frame(closure, slots);
            foreach (var slot in info.CapturedParameters)
                frame.NewCell(slot, slots[slot]);

            var value = EvalBlock(info.Node.Body, frame);
            switch (frame.Flow)
            {
                case Flow.Normal:
                    break;
                case Flow.Return:
                    value = frame.ReturnValue;
                    break;
                case Flow.TailCall:
                    closure = frame.TailCallee!;
                    slots = frame.TailSlots!;
                    continue;
                case Flow.Error:
                    // The error leaves this call; a tail-called function has replaced its caller's
                    // frame, so only the callee joins the Veld call stack.
                    _raised!.LeaveFunction(info.TraceName);
                    return default;
                default:
                    throw new InvalidOperationException($"tree-walk: {frame.Flow} escaped function {info.Name}");
            }
            return resultIsUnit ? Value.Unit : value;
        }
    }

    /// <summary>Runtime callbacks (array.map, filter, sort ...): a non-tail call, counted against the depth.</summary>
    public Value Call(Value function, ReadOnlySpan<Value> args)
    {
        if (!function.Is<Closure>(out var closure)) return CallNative(function, args);
        _context.EnterCallback();
        try
        {
            var result = Invoke(closure, FrameSlots(closure, args));
            // The builtin between here and the Veld caller is C#: the error crosses it as an exception.
            if (TakeRaised() is { } error) throw error;
            return result;
        }
        finally
        {
            _context.ExitCallback();
        }
    }
}
