namespace Veld.RegisterVm;

/// <summary>
/// Tail calls out of compiled code that compiled code called (docs/PERFORMANCE.md, JIT section 34). A tail call
/// replaces the callee's frame by its own callee's, in place, at pc 0; the compiled activation then leaves with
/// <see cref="CompiledExit.Reload"/>. Its compiled caller used to leave as well, and the trampoline ran the new frame:
/// closures' composition `x => g(f(x))`, richards' task `run`s reached by TAILMETHOD. Now the call that entered the
/// callee (<see cref="RunCallee"/>, and a bailed direct call through <see cref="RunTailCallee"/>) runs the new frame's
/// compiled code itself, in a loop: the native stack does not grow with the tail calls, and the caller stays in its code.
/// </summary>
internal sealed partial class RegisterMachine
{
    /// <summary>Whether frame <paramref name="callee"/> (the activation just left with a reload) was replaced by a tail
    /// call: it is the top frame, about to start. The interpreter would enter its compiled code there, as the caller does.</summary>
    private bool TailCalledInto(int callee)
    {
        if (_frameCount != callee + 1 || _frames[callee].Pc != 0) return false;
        TailCalleesRun++;
        return true;
    }

    /// <summary>A direct entry called from compiled frame <paramref name="callerFrame"/> bailed: when a tail call replaced its
    /// frame, run the new one's compiled code here (<see cref="RunCallee"/>): <see cref="CompiledExit.Next"/> when it returned
    /// (its result is in the frame's result slot), else <see cref="CompiledExit.Reload"/>, the bail as before.</summary>
    internal int RunTailCallee(int callerFrame, int handlerFloor) =>
        TailCalledInto(callerFrame + 1) ? RunCallee(callerFrame, handlerFloor) : CompiledExit.Reload;

    /// <summary>Frames replaced by a tail call that compiled code ran on without the trampoline, for the JIT's statistics.</summary>
    internal long TailCalleesRun;
}
