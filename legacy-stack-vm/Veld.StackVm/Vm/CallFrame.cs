namespace Veld.StackVm;

/// <summary>
/// One activation on the VM's frame stack. Its locals are stack[Base .. Base+LocalCount), its operand
/// stack is above them; its result replaces stack[ResultSlot] (the callee's slot for CALL, the target's
/// for a method called with self). <see cref="Ip"/> is saved here while another frame runs and, with
/// <see cref="Executed"/>, before every operation of this frame that may raise an error.
/// </summary>
internal struct CallFrame
{
    public Closure Closure;
    public int Ip;
    /// <summary>Instructions the running dispatch loop had executed when <see cref="Ip"/> was saved.</summary>
    public long Executed;
    public int Base;
    public int ResultSlot;
}

/// <summary>A <c>try</c> in progress: the frame that opened it, the stack height to restore and the catch code.</summary>
internal struct TryHandler
{
    public int Frame;
    public int StackTop;
    public int Ip;
}
