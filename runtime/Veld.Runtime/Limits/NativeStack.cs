using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// The guard on every path where runtime code re-enters a tier (a builtin calling a Veld function, a method
/// called from the runtime, display and equality descending a value): a clean, uncatchable StackOverflow when
/// the native stack is nearly used up, whatever <see cref="RunOptions.MaxCallDepth"/> allows. The depth
/// counter (<see cref="ExecutionContext.EnterCall"/>) is the limit programs see; this is the net below it
/// for limits set beyond what the thread's stack holds (issue 14: a process abort at --max-depth 80000).
/// </summary>
public static class NativeStack
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Ensure()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw Exhausted();
    }

    public static VeldRuntimeException Exhausted() =>
        new(ErrorKind.StackOverflow, "native stack exhausted: calls nest too deeply for this thread (lower --max-depth)");
}
