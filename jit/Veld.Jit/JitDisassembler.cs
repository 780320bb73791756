using System.Text;
using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>
/// <c>veld disasm --tier jit</c>: every function of a program compiled as the JIT compiles it, with the
/// type assumptions its code guards and the IL listing written while emitting (offsets, opcodes, the
/// helpers called, and a comment before each bytecode instruction's IL).
/// </summary>
public static class JitDisassembler
{
    public static string Disassemble(RegisterProgram program)
    {
        var text = new StringBuilder();
        // Without a run, a CALLG calls what the program hoists into its global (a direct call to itself is listed);
        // no method call site has seen a receiver.
        var hoisted = program.Hoisted.ToDictionary(h => h.GlobalIndex, h => program.Script.Protos[h.ProtoIndex]);
        foreach (var proto in program.Script.SelfAndDescendants())
        {
            var stats = new JitStatistics();
            var listing = new StringBuilder();
            var compiled = DirectLinking.Compile(proto, TypePlan.For(proto, program, new HashSet<int>()), generation: 0, stress: false, nativeNow: true, stats,
                hoisted.GetValueOrDefault, _ => [], _ => null, DirectLinking.FixedGlobals(program), out _, listing);
            text.Append("function ").Append(proto.Name).Append(" (line ").Append(proto.Line).Append(", ")
                .Append(proto.Code.Length).AppendLine(" instructions)");
            if (compiled is null)
            {
                text.Append("  stays interpreted: ").AppendLine(stats.Interpreted[0].Reason).AppendLine();
                continue;
            }
            var info = stats.Compiled[0];
            text.Append("  IL bytes: ").Append(info.IlBytes).AppendLine();
            text.Append("  type assumptions: ").AppendLine(info.Assumptions);
            text.Append(listing).AppendLine();
        }
        return text.ToString();
    }
}
