namespace Veld.Runtime;

/// <summary>
/// A Veld runtime error in flight. Runtime operations throw it with <see cref="Line"/> 0; the tier
/// that executes the failing node or instruction stamps the line (<see cref="AtLine"/>) on its way
/// out, so the innermost operation's line wins. Tiers catch it for <c>try</c>/<c>catch</c> and turn an
/// uncaught one into a <see cref="RunOutcome"/>; it never escapes a run.
/// </summary>
public sealed class VeldRuntimeException : Exception
{
    public ErrorKind Kind { get; }
    public int Line { get; private set; }
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

    /// <summary>Sets the line if no inner operation has set it yet; returns this for <c>throw</c>.</summary>
    public VeldRuntimeException AtLine(int line)
    {
        if (Line == 0) Line = line;
        return this;
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
