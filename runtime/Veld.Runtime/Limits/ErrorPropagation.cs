namespace Veld.Runtime;

/// <summary>
/// How a tier passes a Veld error on from one native activation to the one below it (a dispatch loop
/// re-entered by a builtin callback, an interpreter frame running a <c>catch</c>).
///
/// .NET runs a catch block on top of the stack that threw, so a <c>throw</c> from inside a catch block
/// starts a second dispatch nested in the first; through N activations that is N nested dispatches, a
/// native stack growing with N and time quadratic in N (issue 14: 0.27 s at depth 4,000, 35 s at 5,000,
/// then a process abort). The rule every tier follows: a catch block only records the error; handling it,
/// and throwing it on, happen after the block has ended. Each activation then costs one short dispatch.
/// </summary>
public static class ErrorPropagation
{
    /// <summary>The error to throw on from an activation that could not handle <paramref name="error"/>
    /// (call it outside any catch block). Time and cancellation are checked here, so a long unwinding
    /// still ends at the time limit; an error no try can catch ends the run anyway, and goes on as it is
    /// (checking the clock would replace a stamped time limit with a new one that has no position).</summary>
    public static VeldRuntimeException PassOn(VeldRuntimeException error, ExecutionContext context)
    {
        if (error.IsCatchable) context.CheckClockNow();
        return error;
    }
}
