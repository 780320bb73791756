using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>The kinds of value a register was seen holding (a set: a register may hold several).</summary>
[Flags]
internal enum SeenKinds : byte
{
    None = 0,
    Int = 1,
    Float = 2,
    Bool = 4,
    /// <summary>Anything else: a string, an object, unit, or a slot never written.</summary>
    Other = 8,
}

/// <summary>
/// Type feedback for the JIT: per function, the kinds each register held while the function ran in the
/// interpreter before it was compiled. Sampled, not traced: <see cref="TierUp"/> records the parameters when a
/// frame starts and every register at a loop back-edge, the two moments the VM already stops to count heat,
/// so the register VM's dispatch loop pays nothing and the plain register tier never samples at all.
/// </summary>
internal sealed class TypeProfile(int protoCount)
{
    private readonly SeenKinds[]?[] _seen = new SeenKinds[]?[protoCount];

    /// <summary>What register r of function <paramref name="protoId"/> held when sampled; null: never sampled.</summary>
    public SeenKinds[]? Of(int protoId) => _seen[protoId];

    /// <summary>Record the kinds in <paramref name="registers"/> (the first registers of a frame of the function).</summary>
    public void Record(FunctionProto proto, ReadOnlySpan<Value> registers)
    {
        var seen = _seen[proto.Id] ??= new SeenKinds[proto.MaxStack];
        int n = Math.Min(registers.Length, seen.Length);
        for (int r = 0; r < n; r++) seen[r] |= KindOf(registers[r]);
    }

    private static SeenKinds KindOf(in Value v) =>
        v.IsInt ? SeenKinds.Int : v.IsFloat ? SeenKinds.Float : v.IsBool ? SeenKinds.Bool : SeenKinds.Other;
}
