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
/// Each GETFIELD also records the kind of the field its receiver holds at the sample (<see cref="FieldReads"/>), and each
/// GETINDEX the kind of the element its operands name (<see cref="ElementReads"/>): a
/// function without a loop (bounce's <c>Ball.bounce</c>) is sampled only on entry, when the registers its field reads
/// write hold nothing of its own yet. Field reads are also sampled on a function's first
/// <see cref="EarlyFieldSamples"/> heat events: a short callee compiled with its caller's loop is compiled long before
/// its own count reaches the last quarter, where sampling starts.
/// </summary>
internal sealed class TypeProfile(int protoCount)
{
    private readonly SeenKinds[]?[] _seen = new SeenKinds[]?[protoCount];
    private readonly FieldReads?[] _fieldReads = new FieldReads?[protoCount];
    private readonly ElementReads?[] _elementReads = new ElementReads?[protoCount];
    private readonly byte[] _earlySamples = new byte[protoCount];

    /// <summary>How many of a function's first heat events sample its field reads (registers are not sampled then:
    /// a loop's first iterations would add kinds its later ones never see).</summary>
    public const int EarlyFieldSamples = 32;

    /// <summary>What register r of function <paramref name="protoId"/> held when sampled; null: never sampled.</summary>
    public SeenKinds[]? Of(int protoId) => _seen[protoId];

    /// <summary>Record the kinds in <paramref name="registers"/> (the first registers of a frame of the function).</summary>
    public void Record(FunctionProto proto, ReadOnlySpan<Value> registers)
    {
        var seen = _seen[proto.Id] ??= new SeenKinds[proto.MaxStack];
        int n = Math.Min(registers.Length, seen.Length);
        for (int r = 0; r < n; r++) seen[r] |= KindOf(registers[r]);
        RecordFields(proto, registers);
    }

    /// <summary>The kinds each GETFIELD of function <paramref name="protoId"/> (by pc) was seen reading; null: never sampled.</summary>
    public SeenKinds[]? FieldsOf(int protoId) => _fieldReads[protoId]?.Kinds;

    /// <summary>The kinds each GETINDEX of function <paramref name="protoId"/> (by pc) was seen reading; null: never sampled.</summary>
    public SeenKinds[]? ElementsOf(int protoId) => _elementReads[protoId]?.Kinds;

    /// <summary>Whether the function's next heat event is among its first <see cref="EarlyFieldSamples"/> (counted by asking).</summary>
    public bool SamplesFieldsEarly(int protoId)
    {
        if (_earlySamples[protoId] >= EarlyFieldSamples) return false;
        _earlySamples[protoId]++;
        return true;
    }

    /// <summary>Record the kinds of the fields the function's GETFIELD sites, and of the elements its GETINDEX sites, would
    /// read from <paramref name="registers"/> (the sites' own kinds, for the reads of a short function: <see cref="SamplesFieldsEarly"/>).</summary>
    public void RecordFields(FunctionProto proto, ReadOnlySpan<Value> registers)
    {
        (_fieldReads[proto.Id] ??= new FieldReads(proto)).Record(registers);
        (_elementReads[proto.Id] ??= new ElementReads(proto)).Record(registers);
    }

    internal static SeenKinds KindOf(in Value v) =>
        v.IsInt ? SeenKinds.Int : v.IsFloat ? SeenKinds.Float : v.IsBool ? SeenKinds.Bool : SeenKinds.Other;
}
