using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>
/// The GETINDEX sites of one function, for <see cref="TypeProfile"/>, as <see cref="FieldReads"/> is for GETFIELD: at a
/// sample, each site whose container register holds an array, a string, a tuple or a map records the kind of the
/// element it would read with the index its index register holds (an array of one kind says its kind whatever the
/// index). Kept per site: the register profile mixes every web of the site's result register (strings' and nbody's
/// scripts read an element into the register their loop's counter had held, profiled int, and deoptimised at once).
/// A peek, never an error: an index out of range, or a key missing or not a key, records nothing.
/// </summary>
internal sealed class ElementReads
{
    private readonly (int Pc, int Container, int Index)[] _sites;

    /// <summary>The kinds each GETINDEX (by pc) was seen reading; None elsewhere and where never sampled.</summary>
    public SeenKinds[] Kinds { get; }

    public ElementReads(FunctionProto proto)
    {
        var sites = new List<(int, int, int)>();
        var code = proto.Code;
        for (int pc = 0; pc < code.Length; pc++)
            if (Op(code[pc]) == OpCode.GetIndex && B(code[pc]) < proto.MaxStack && C(code[pc]) < proto.MaxStack)
                sites.Add((pc, B(code[pc]), C(code[pc])));
        _sites = [.. sites];
        Kinds = new SeenKinds[code.Length];
    }

    /// <summary>Add the kinds of the elements the sites would read from <paramref name="registers"/>.</summary>
    public void Record(ReadOnlySpan<Value> registers)
    {
        foreach (var (pc, container, index) in _sites)
            if (container < registers.Length && index < registers.Length && KindAt(registers[container], registers[index]) is var kind)
                Kinds[pc] |= kind;
    }

    /// <summary>The kind of <c>target[index]</c>, or None where that would raise (or is not known without running code).</summary>
    private static SeenKinds KindAt(in Value target, in Value index)
    {
        switch (target.AsObject)
        {
            case VeldArray array when array.Count > 0 && array.Storage != ArrayStorage.Values:
                return array.Storage switch { ArrayStorage.Ints => SeenKinds.Int, ArrayStorage.Floats => SeenKinds.Float, _ => SeenKinds.Bool };
            case VeldArray array:
                return index.IsInt && (ulong)index.AsInt < (ulong)array.Count ? TypeProfile.KindOf(array.Get((int)index.AsInt)) : SeenKinds.None;
            case VeldString:
                return index.IsInt ? SeenKinds.Other : SeenKinds.None;
            case VeldTuple tuple:
                return index.IsInt && (ulong)index.AsInt < (ulong)tuple.Items.Length ? TypeProfile.KindOf(tuple.Items[index.AsInt]) : SeenKinds.None;
            case VeldMap map when index.IsInt || index.IsBool || index.AsObject is VeldString:
                return map.TryGet(index, out var value) ? TypeProfile.KindOf(value) : SeenKinds.None;
            default:
                return SeenKinds.None;
        }
    }
}
