using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// Builders for the errors operators, builtins and methods raise. Messages are observable behaviour
/// (compared across tiers), so each kind of failure is worded once, here. They are kept out of line
/// (NoInlining) so the hot paths that throw them stay small enough to inline.
/// </summary>
internal static class Fail
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException Type(string message) => new(ErrorKind.Type, message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException Value(string message) => new(ErrorKind.Value, message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException Index(string message) => new(ErrorKind.Index, message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException Overflow(string what) => new(ErrorKind.Overflow, $"integer overflow in {what}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException Binary(string op, Runtime.Value a, Runtime.Value b) =>
        new(ErrorKind.Type, $"cannot apply '{op}' to {Display.TypeName(a)} and {Display.TypeName(b)}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException Unary(string op, Runtime.Value a) =>
        new(ErrorKind.Type, $"cannot apply unary '{op}' to {Display.TypeName(a)}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException DivisionByZero(string op) =>
        new(ErrorKind.DivisionByZero, op == "%" ? "remainder by zero" : "division by zero");

    /// <summary>An index outside 0..length-1 (or a negative one).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException IndexOutOfRange(long index, int length, string container) =>
        new(ErrorKind.Index, $"index {index} out of range for {container} of length {length}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException MissingKey(Runtime.Value key) =>
        new(ErrorKind.Key, $"key {Display.ShowNested(key)} not found");

    /// <summary>A builtin function or method given an argument of the wrong type.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException Argument(string function, string expected, Runtime.Value got) =>
        new(ErrorKind.Type, $"{function} expects {expected}, got {Display.TypeName(got)}");

    /// <summary>Wrong number of arguments to a builtin method (same wording as builtin functions).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException Arity(string function, int expected, int given) =>
        new(ErrorKind.Arity, $"{function} expects {expected} argument(s), got {given}");

    /// <summary>A resource limit of the runtime itself (string or display length); not catchable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VeldRuntimeException TooLong(string what, long length) =>
        new(ErrorKind.LimitExceeded, $"{what} of {length} characters exceeds the limit of {RuntimeLimits.MaxStringLength}");
}

/// <summary>Sizes the runtime refuses to build, so a runaway program hits a Veld error instead of exhausting memory.</summary>
public static class RuntimeLimits
{
    /// <summary>Longest string (in UTF-16 units) that concatenation, repeat, join, replace or display may produce.</summary>
    public const int MaxStringLength = 1 << 26;
    /// <summary>Nesting depth at which equality and map-key checks stop (a cycle, or absurd nesting): runtime error Value.</summary>
    public const int MaxCompareDepth = 1000;

    /// <summary>The text of a string a macro or builtin built piece by piece (format~), refused past
    /// <see cref="MaxStringLength"/> like concatenation.</summary>
    public static string BuiltString(string built) =>
        built.Length > MaxStringLength ? throw Fail.TooLong("string", built.Length) : built;
}
