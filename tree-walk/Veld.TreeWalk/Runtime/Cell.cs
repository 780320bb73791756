using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>
/// A captured variable living on the heap, shared by the frame that declared it and every closure
/// that captured it (Lua's closed upvalue, without ever being open). Only locals the resolver flags
/// as captured get one; each execution of their declaration makes a fresh cell, which is what gives
/// every loop iteration its own binding.
/// </summary>
internal sealed class Cell(Value value)
{
    public Value Value = value;
}
