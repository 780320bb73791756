namespace Veld.Runtime;

/// <summary>
/// A Veld runtime error in flight. Runtime operations throw it with <see cref="Line"/> 0; the tier
/// that executes the failing node or instruction stamps the position (<see cref="At"/>) on its way
/// out, so the innermost operation's position wins. The tier also records the Veld call stack
/// (<see cref="Stack"/>): the tree-walker frame by frame as the error passes (<see cref="LeaveFunction"/>),
/// a VM at once from its frames (<see cref="StackToRecord"/>). Tiers catch it for <c>try</c>/<c>catch</c>
/// and turn an uncaught one into a <see cref="RunOutcome"/>; it never escapes a run.
/// </summary>
public sealed class VeldRuntimeException : Exception
{
    public ErrorKind Kind { get; }
    public int Line { get; private set; }
    /// <summary>Column of the failing operation (docs/SPEC.md section 13 says which token); 0 until stamped.</summary>
    public int Column { get; private set; }
    /// <summary>The Veld frames the error passed, most recent first; empty until a tier records them.</summary>
    public CallStack Stack { get; } = new();
    /// <summary>True once a VM recorded the whole stack, so outer activations leave it alone.</summary>
    public bool HasStack { get; private set; }
    /// <summary>For <see cref="ErrorKind.Thrown"/>: the value given to <c>throw</c>.</summary>
    public Value ThrownValue { get; }

    public VeldRuntimeException(ErrorKind kind, string message, int line = 0)
        : base(message)
    {
        Kind = kind;
        Line = line;
        ThrownValue = Value.Unit;
    }

    private VeldRuntimeException(Value thrown, string display, int line)
        : base(display)
    {
        Kind = ErrorKind.Thrown;
        Line = line;
        ThrownValue = thrown;
    }

    /// <summary>The error raised by <c>throw v</c>; its message is the display form of v.</summary>
    public static VeldRuntimeException Throw(Value thrown, string display, int line) => new(thrown, display, line);

    // Where the frame the error is passing through had got to: set by the first (innermost) stamp in
    // that frame, moved into Stack when the error leaves the frame's function.
    private int _frameLine, _frameColumn;

    /// <summary>Sets the position if no inner operation has set it yet (the innermost wins), and the
    /// position of the frame being left if none was; returns this for <c>throw</c>.</summary>
    public VeldRuntimeException At(int line, int column)
    {
        if (Line == 0)
        {
            Line = line;
            Column = column;
        }
        if (_frameLine == 0)
        {
            _frameLine = line;
            _frameColumn = column;
        }
        return this;
    }

    /// <summary>Sets the line alone (a caller that knows no column).</summary>
    public VeldRuntimeException AtLine(int line) => At(line, 0);

    /// <summary>The error leaves a call of <paramref name="function"/>: that frame goes onto the stack with
    /// the position stamped in it, and the caller's first stamp will give the next frame its position.</summary>
    public void LeaveFunction(string function)
    {
        if (HasStack) return;
        Stack.Add(new TraceFrame(function, _frameLine, _frameColumn));
        _frameLine = _frameColumn = 0;
    }

    /// <summary>A VM records the whole stack at once from its frames (see <see cref="CallStack.Skip"/>) into
    /// the stack this returns; null when it was recorded already (by an inner activation).</summary>
    public CallStack? StackToRecord()
    {
        if (HasStack) return null;
        HasStack = true;
        return Stack;
    }

    /// <summary>StackOverflow and LimitExceeded end the run; Veld's <c>catch</c> cannot stop them.</summary>
    public bool IsCatchable => Kind is not (ErrorKind.StackOverflow or ErrorKind.LimitExceeded);

    /// <summary>The value a <c>catch e</c> binds: the thrown value itself, or an <c>Error</c> struct.</summary>
    public Value ToCatchValue()
    {
        if (Kind == ErrorKind.Thrown) return ThrownValue;
        return Value.FromObject(new StructInstance(StructType.Error,
            [Value.FromString(Kind.ToString()), Value.FromString(Message), Value.FromInt(Line)]));
    }
}
