using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>Where an error happened: the position of the failing instruction and the Veld call stack.</summary>
internal sealed partial class StackMachine
{
    /// <summary>Stamp <paramref name="error"/>, raised by the top frame, with the position of the instruction that
    /// raised it (the frame saved ip past its opcode, so ip - 1 lies inside it) and record the call stack: each
    /// frame below waits in a call, whose ip it saved too.</summary>
    private void Stamp(VeldRuntimeException error)
    {
        var at = PositionOf(_frameCount - 1);
        error.At(at.Line, at.Column);
        if (error.StackToRecord() is { } stack) stack.AddFrames(_frameCount, PositionOf);
    }

    private TraceFrame PositionOf(int frameIndex)
    {
        ref var frame = ref _frames[frameIndex];
        var chunk = frame.Closure.Chunk;
        var at = chunk.Lines.PositionAt(frame.Ip - 1);
        return new TraceFrame(chunk.Name, at.Line, at.Column);
    }
}
