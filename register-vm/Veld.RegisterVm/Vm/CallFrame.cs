using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>One active call: the closure, where its registers start in the shared stack, the saved pc
/// (meaningful while a callee runs), and the absolute stack slot that receives its result.</summary>
internal struct CallFrame
{
    public Closure Closure;
    public int Base;
    public int Pc;
    /// <summary>Absolute register in the caller for the result; -1 when a native caller (the Invoker) waits for it.</summary>
    public int ResultSlot;
}

/// <summary>An active TRY: the frame it belongs to, the absolute register receiving the caught value
/// (everything at or above it is closed), and the handler's pc.</summary>
internal readonly record struct TryHandler(int Frame, int CatchSlot, int HandlerPc);
