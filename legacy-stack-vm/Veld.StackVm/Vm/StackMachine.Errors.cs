using System.Diagnostics;
using System.Runtime.CompilerServices;
using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>Where an error happened: the position of the failing instruction and the Veld call stack; and the
/// errors the dispatch loop throws from its cases.</summary>
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

    /// <summary>The error of a non-bool where only a bool may stand (CHECKBOOL): raised by <see cref="NotABool"/>;
    /// returned for the dispatch case to throw, so that no statement follows a call that cannot return.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Exception NotABoolError(int ip, long executed, Value value, BoolContext context)
    {
        NotABool(ip, executed, value, context);
        return new UnreachableException("a bool check passed a non-bool");
    }

    /// <summary>The slow path of an operator whose fast path takes every operand that succeeds (NEG, NOT, &amp;,
    /// |, ^), so it only raises: save, let the runtime raise the error. The operand is at <c>sp - 1</c> (for the
    /// binary ones, the right operand at <c>sp</c>, just popped). The dispatch case throws what this returns, so
    /// it ends in a throw and no <c>break</c> follows a call that cannot return (dead code that line coverage
    /// would count against the loop).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Exception OperandError(int ip, long executed, OpCode op, int sp)
    {
        Save(ip, executed);
        var x = _stack[sp - 1];
        _ = op switch
        {
            OpCode.Neg => Operators.NegateSlow(x),
            OpCode.Not => Operators.Not(x),
            OpCode.BitAnd => Operators.BitAndSlow(x, _stack[sp]),
            OpCode.BitOr => Operators.BitOrSlow(x, _stack[sp]),
            _ => Operators.BitXorSlow(x, _stack[sp]),
        };
        return new UnreachableException($"the slow path of {op} returned");
    }
}
