using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>
/// How the evaluation of a node ended. Anything but <see cref="Normal"/> is an abrupt completion that
/// every enclosing node passes upward untouched until the construct that owns it: a loop takes
/// Break/Continue, a call takes Return/TailCall, a try takes Error. This replaces exceptions for ordinary
/// control flow, and for errors once they leave the node that raised them.
/// </summary>
internal enum Flow : byte
{
    Normal,
    Break,
    Continue,
    /// <summary><see cref="Frame.ReturnValue"/> holds the value.</summary>
    Return,
    /// <summary>A call in tail position: the caller's trampoline makes it in place of this frame
    /// (<see cref="Frame.TailCallee"/> with <see cref="Frame.TailSlots"/>).</summary>
    TailCall,
    /// <summary>A Veld runtime error is unwinding (the interpreter holds it): a <c>try</c> takes it if it is
    /// catchable, a call passes it to its caller's frame, the top of the run throws it.</summary>
    Error,
}

/// <summary>
/// One activation of a function. Uncaptured locals live in <see cref="Slots"/>; captured ones in
/// <see cref="Cells"/> at the same index (allocated on the first captured declaration).
/// </summary>
internal sealed class Frame(Closure closure, Value[] slots)
{
    public readonly Closure Closure = closure;
    public readonly Value[] Slots = slots;
    public Cell?[]? Cells;

    public Flow Flow;
    public Value ReturnValue;
    public Closure? TailCallee;
    public Value[]? TailSlots;

    public bool IsAbrupt => Flow != Flow.Normal;

    /// <summary>The cell of captured local <paramref name="slot"/>, created if its declaration made none
    /// (a defensive default; the resolver only lets code see a local after it is declared).</summary>
    public Cell CellAt(int slot)
    {
        Cells ??= new Cell?[Slots.Length];
        return Cells[slot] ??= new Cell(Value.Unit);
    }

    /// <summary>A fresh cell for a captured local being declared now.</summary>
    public Cell NewCell(int slot, Value value)
    {
        Cells ??= new Cell?[Slots.Length];
        return Cells[slot] = new Cell(value);
    }
}
