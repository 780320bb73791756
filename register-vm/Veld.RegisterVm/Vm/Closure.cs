using System.Runtime.CompilerServices;
using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// A function value of every tier that runs <see cref="FunctionProto"/>s: a prototype, the upvalues its
/// CLOSURE shares with the enclosing frame and the values it captured by value. The register VM and the JIT
/// share this representation (and <see cref="Upvalue"/>), so a closure made by one can be called by the
/// other. It stays here, beside the prototype it points to, rather than in the runtime: the runtime knows no
/// bytecode.
/// </summary>
public sealed class Closure(FunctionProto proto, Upvalue[] upvalues, Value[]? captured = null) : FunctionObject
{
    public FunctionProto Proto { get; } = proto;
    public Upvalue[] Upvalues { get; } = upvalues;
    /// <summary>The locals captured by value (<see cref="FunctionProto.Captures"/>), read by GETCAPT: kept here as
    /// plain values, so a capture costs 16 bytes of this array instead of a 48-byte <see cref="Upvalue"/>.</summary>
    public Value[] Captured { get; } = captured ?? [];
    public override string DisplayName => $"<fn {Proto.Name}>";
    public override bool TakesSelf => Proto.HasSelf;
}

/// <summary>
/// A captured variable (Lua's UpVal). While open it is a slot of the VM's register stack, so the frame
/// and every closure see the same variable; CLOSE (or leaving the frame) moves the value into the upvalue
/// itself (<see cref="Closed"/>), so closing allocates nothing (Lua's <c>u.value</c>).
/// </summary>
public sealed class Upvalue
{
    /// <summary>The register stack while open; null once closed.</summary>
    internal Value[]? Stack;
    internal int Index;
    internal Value Closed;

    /// <summary>An open upvalue for stack slot <paramref name="index"/>.</summary>
    public Upvalue(Value[] stack, int index)
    {
        Stack = stack;
        Index = index;
    }

    public bool IsOpen => Stack is not null;

    public Value Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Stack is { } stack ? stack[Index] : Closed;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set
        {
            if (Stack is { } stack) stack[Index] = value;
            else Closed = value;
        }
    }

    /// <summary>The stack slot this open upvalue refers to (its level in the sorted open list).</summary>
    public int StackIndex => Index;

    /// <summary>The frame is going away: keep the current value here.</summary>
    public void Close()
    {
        Closed = Stack![Index];
        Stack = null;
    }

    /// <summary>The register stack was reallocated: point at the same slot of the new array.</summary>
    public void Rebind(Value[] stack) => Stack = stack;
}
