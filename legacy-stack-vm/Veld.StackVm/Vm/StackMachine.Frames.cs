using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>
/// Frames: entering a call (arity, depth, the fixed local area), replacing the frame for a tail call,
/// leaving it, and unwinding frames to a try handler when an error escapes.
/// </summary>
internal sealed partial class StackMachine
{
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
}
