using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>
/// The GETFIELD sites of one function, for <see cref="TypeProfile"/>: at a sample, each site whose receiver register
/// holds a struct records the kind of the named field of that struct, by the site's pc. That is the kind the site
/// would read if nothing wrote the field first: a guess, which compiled code guards (a wrong one costs a
/// deoptimisation). Kept per site, not mixed into the result register's kinds: the register compiler reuses a
/// register for a loop counter and then a field's float (nbody's last loop), and the mix would type neither. Each site
/// keeps the last struct type it met and that type's field index, so a sample costs a type comparison per site.
/// </summary>
internal sealed class FieldReads
{
    private readonly Site[] _sites;

    /// <summary>The kinds each GETFIELD (by pc) was seen reading; None elsewhere and where never sampled.</summary>
    public SeenKinds[] Kinds { get; }

    private struct Site(int pc, int receiver, string name)
    {
        public readonly int Pc = pc;
        public readonly int Receiver = receiver;
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
                && B(i) < proto.MaxStack)
                sites.Add(new Site(pc, B(i), text.Text));
            pc = next - 1; // over the EXTRAARG word, if any
        }
        _sites = [.. sites];
        Kinds = new SeenKinds[code.Length];
    }

    /// <summary>Add the kinds of the fields the sites' receivers in <paramref name="registers"/> hold.</summary>
    public void Record(ReadOnlySpan<Value> registers)
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
            if (site.Field >= 0 && site.Field < target.Fields.Length) Kinds[site.Pc] |= TypeProfile.KindOf(target.Fields[site.Field]);
        }
    }
}
