using System.Runtime.CompilerServices;

namespace Veld.RegisterVm;

/// <summary>
/// The compiler's guard against a program nested deeper than the thread's stack: the recursive descent asks
/// at every expression. Asking the runtime (<see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>) is a
/// call into native code, so the guard remembers the lowest stack address at which the runtime said there was
/// room (the stack grows down): from at or above it there is at least that room, and only a frame deeper than
/// any before asks again. One compilation runs on one thread, so one guard serves all its function compilers.
/// </summary>
internal sealed class NativeStackGuard
{
    private nint _roomDownTo = nint.MaxValue;

    /// <summary>Throws <see cref="InsufficientExecutionStackException"/> when the stack is nearly exhausted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Ensure()
    {
        if (!HasRoom()) throw new InsufficientExecutionStackException();
    }

    /// <summary>Whether the stack still has the room the runtime asks for before a deeper call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe bool HasRoom()
    {
        byte here;
        nint address = (nint)(&here);
        return address >= _roomDownTo || HasRoomBelow(address);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool HasRoomBelow(nint address)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) return false;
        _roomDownTo = address;
        return true;
    }
}
