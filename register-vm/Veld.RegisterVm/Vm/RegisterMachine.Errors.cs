using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>Where an error happened: the position of the failing instruction and the Veld call stack.</summary>
internal sealed partial class RegisterMachine
{
    /// <summary>Stamp <paramref name="error"/>, raised by the instruction at <paramref name="pc"/> of frame
    /// <paramref name="frameIndex"/>, with that instruction's position (unless an inner one stamped it), and,
    /// when that frame is the top one, record the call stack: each frame below waits in a call whose pc it saved.
    /// The dispatch loop and compiled code (the JIT's exception filter) both come here.</summary>
    internal VeldRuntimeException StampError(VeldRuntimeException error, int frameIndex, int pc)
    {
        var at = _frames[frameIndex].Closure.Proto.PositionAt(pc);
        error.At(at.Line, at.Column);
        if (frameIndex == _frameCount - 1 && error.StackToRecord() is { } stack)
            stack.AddFrames(_frameCount, i => i == frameIndex ? at : WaitingFrame(i));
        return error;
    }

    /// <summary>A frame below the top: its saved pc is one past its call (or the call's EXTRAARG, same position).</summary>
    private TraceFrame WaitingFrame(int frameIndex)
    {
        ref var frame = ref _frames[frameIndex];
        return frame.Closure.Proto.PositionAt(Math.Max(0, frame.Pc - 1));
    }
}
