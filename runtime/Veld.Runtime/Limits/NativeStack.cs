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

    /// <summary>
    /// Nested re-entries through builtin callbacks allowed when <see cref="RunOptions.MaxCallDepth"/> is set
    /// higher. Each one is a nested dispatch loop on the native stack, and every garbage collection scans the
    /// whole stack, so such nesting costs time quadratic in its depth (20,000 levels took 15 s): past this
    /// bound the run ends with StackOverflow in about a second instead. At or below the default depth limit
    /// the depth counter always trips first, so the outcome there is the depth limit's, on every tier.
    /// </summary>
    public const int MaxCallbackNesting = 10_000;

    public static VeldRuntimeException CallbacksTooNested() =>
        new(ErrorKind.StackOverflow, $"calls through builtin callbacks nested deeper than {MaxCallbackNesting}");

    public static VeldRuntimeException Exhausted() =>
        new(ErrorKind.StackOverflow, $"{Prefix} exhausted: calls nest too deeply for this thread (lower --max-depth)");

    /// <summary>A tier that recurses on the native stack stops at its own bound, below a raised --max-depth.</summary>
    public static VeldRuntimeException TierCannotNest(string tier, int depth) =>
        new(ErrorKind.StackOverflow, $"{Prefix} bound: the {tier} tier nests at most {depth:N0} calls (it recurses on the .NET stack)");

    private const string Prefix = "native stack";

    /// <summary>
    /// True for a StackOverflow that comes from what one tier's thread can hold rather than from the
    /// program and its --max-depth: a property of the tier and the machine, like a time limit, so the
    /// differential runner reports it as inconclusive, never as a disagreement.
    /// </summary>
    public static bool IsCapacityLimit(string kind, string message) =>
        kind == nameof(ErrorKind.StackOverflow) && message.StartsWith(Prefix, StringComparison.Ordinal);
}
