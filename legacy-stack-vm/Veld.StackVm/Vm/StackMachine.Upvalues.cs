namespace Veld.StackVm;

/// <summary>
/// Open upvalues, clox style: captured stack slots are shared through an <see cref="Upvalue"/> until
/// their scope ends, when the value moves into the upvalue itself.
/// </summary>
internal sealed partial class StackMachine
{
    /// <summary>The open upvalue of stack slot <paramref name="slot"/>, created if none exists yet.</summary>
    private Upvalue CaptureUpvalue(int slot)
    {
        Upvalue? previous = null, upvalue = _openUpvalues;
        while (upvalue is not null && upvalue.Slot > slot)
        {
            previous = upvalue;
            upvalue = upvalue.Next;
        }
        if (upvalue is not null && upvalue.Slot == slot) return upvalue;
        var created = new Upvalue(slot) { Next = upvalue };
        if (previous is null) _openUpvalues = created;
        else previous.Next = created;
        return created;
    }

    /// <summary>Close every open upvalue at or above <paramref name="fromSlot"/> (a frame ends).</summary>
    private void CloseUpvalues(int fromSlot)
    {
        while (_openUpvalues is not null && _openUpvalues.Slot >= fromSlot)
        {
            var upvalue = _openUpvalues;
            upvalue.Closed = _stack[upvalue.Slot];
            upvalue.Slot = -1;
            _openUpvalues = upvalue.Next;
        }
    }

    /// <summary>Close the open upvalue of exactly <paramref name="slot"/>, if any (a scope ends).</summary>
    private void CloseUpvalue(int slot)
    {
        Upvalue? previous = null, upvalue = _openUpvalues;
        while (upvalue is not null && upvalue.Slot > slot)
        {
            previous = upvalue;
            upvalue = upvalue.Next;
        }
        if (upvalue is null || upvalue.Slot != slot) return;
        upvalue.Closed = _stack[slot];
        upvalue.Slot = -1;
        if (previous is null) _openUpvalues = upvalue.Next;
        else previous.Next = upvalue.Next;
    }
}
