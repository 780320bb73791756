namespace Veld.Runtime;

/// <summary>
/// The runtime errors that tiers raise themselves (as opposed to operators and builtins). Their
/// messages are observable behaviour, so every tier builds them here and nowhere else.
/// </summary>
public static class RuntimeErrors
{
    /// <summary>Calling a Veld function with the wrong number of arguments.</summary>
    public static VeldRuntimeException Arity(string functionDisplayName, int expected, int given) =>
        new(ErrorKind.Arity, $"{functionDisplayName} expects {expected} argument(s), got {given}");

    /// <summary>Calling something that is not a function.</summary>
    public static VeldRuntimeException NotCallable(Value callee) =>
        new(ErrorKind.Type, $"cannot call a value of type {Display.TypeName(callee)}");

    /// <summary>Reading a module global before its declaration has run.</summary>
    public static VeldRuntimeException UninitializedGlobal(string name) =>
        new(ErrorKind.Value, $"global '{name}' read before its declaration ran");

    /// <summary>No match arm matched.</summary>
    public static VeldRuntimeException NoMatch(Value scrutinee) =>
        new(ErrorKind.Match, $"no match arm matches {Display.ShowNested(scrutinee)}");

    /// <summary><c>assert~</c> failed; <paramref name="message"/> is the display form of the optional message.</summary>
    public static VeldRuntimeException AssertFailed(string? message) =>
        new(ErrorKind.Assert, message is null ? "assertion failed" : $"assertion failed: {message}");

    /// <summary>A method name that no impl, field or builtin provides.</summary>
    public static VeldRuntimeException NoMethod(Value target, string name) =>
        new(ErrorKind.Field, $"no method '{name}' on {Display.TypeName(target)}");

    /// <summary><c>throw v</c>.</summary>
    public static VeldRuntimeException Thrown(Value thrown) =>
        VeldRuntimeException.Throw(thrown, Display.Show(thrown), 0);
}
