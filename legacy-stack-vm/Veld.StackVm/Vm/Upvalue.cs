using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>
/// A captured variable, clox-style. While the variable's scope is live the upvalue is open: it names the
/// variable's slot in the VM stack, so the frame and every closure share it. When the scope ends
/// (CLOSE_UPVALUE, a return, an unwinding error) the value moves into <see cref="Closed"/> and
/// <see cref="Slot"/> becomes -1. Open upvalues form a list sorted by slot, highest first.
/// </summary>
internal sealed class Upvalue(int slot)
{
    /// <summary>Absolute stack slot while open; -1 once closed.</summary>
    public int Slot = slot;
    public Value Closed;
    /// <summary>Next open upvalue (lower slot).</summary>
    public Upvalue? Next;
}
