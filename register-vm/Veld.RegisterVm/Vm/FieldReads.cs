using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>
/// The GETFIELD sites of one function, for <see cref="TypeProfile"/>: at a sample, each site whose receiver register
/// holds a struct adds the kind of the named field of that struct to the kinds its result register was seen holding.
/// That is the kind the site would read if nothing wrote the field first: a guess, which compiled code guards
/// (a wrong one costs a deoptimisation). Each site keeps the last struct type it met and that type's field index, so
/// a sample costs a type comparison per site, not a name lookup.
/// </summary>
internal sealed class FieldReads
{
    private readonly Site[] _sites;

    private struct Site(int receiver, int result, string name)
    {
        public readonly int Receiver = receiver;
        public readonly int Result = result;
        public readonly string Name = name;
        public StructType? Type;
        public int Field;
    }

    public FieldReads(FunctionProto proto)
    {
        var sites = new List<Site>();
        var code = proto.Code;
        for (int pc = 0; pc < code.Length; pc++)
        {
            uint i = code[pc];
            if (Op(i) != OpCode.GetField) continue;
            int next = pc + 1;
            if (C(i) == MaxShortConst && next >= code.Length) break;
            int name = ConstantIndex(code, ref next, C(i));
            if ((uint)name < (uint)proto.Constants.Length && proto.Constants[name].AsObject is VeldString text
                && A(i) < proto.MaxStack && B(i) < proto.MaxStack)
                sites.Add(new Site(B(i), A(i), text.Text));
            pc = next - 1; // over the EXTRAARG word, if any
        }
        _sites = [.. sites];
    }

    /// <summary>Add the kinds of the fields the sites' receivers in <paramref name="registers"/> hold to <paramref name="seen"/>.</summary>
    public void Record(ReadOnlySpan<Value> registers, SeenKinds[] seen)
    {
        for (int s = 0; s < _sites.Length; s++)
        {
            ref var site = ref _sites[s];
            if (site.Receiver >= registers.Length || registers[site.Receiver].AsStruct is not { } target) continue;
            if (!ReferenceEquals(target.Type, site.Type))
            {
                site.Type = target.Type;
                site.Field = target.Type.FieldIndex(site.Name);
            }
            if (site.Field >= 0 && site.Field < target.Fields.Length) seen[site.Result] |= TypeProfile.KindOf(target.Fields[site.Field]);
        }
    }
}
