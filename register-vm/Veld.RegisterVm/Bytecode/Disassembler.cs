using System.Globalization;
using System.Text;
using Veld.Language.Syntax;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>
/// A listing in the style of <c>luac -l -l</c>: for each function a header, every instruction with its
/// decoded operands, source line and a comment saying what the operands name, then the constants,
/// locals and upvalues.
/// </summary>
public static class Disassembler
{
    public static string Disassemble(RegisterProgram program)
    {
        var sb = new StringBuilder();
        foreach (var proto in program.Script.SelfAndDescendants())
        {
            Disassemble(program, proto, sb);
            sb.Append('\n');
        }
        AppendTables(program, sb);
        return sb.ToString();
    }

    public static string Disassemble(RegisterProgram program, FunctionProto proto)
    {
        var sb = new StringBuilder();
        Disassemble(program, proto, sb);
        return sb.ToString();
    }

    private static void Disassemble(RegisterProgram program, FunctionProto p, StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture,
            $"function <{p.Name}:{p.Line}> ({p.Code.Length} instructions, {4 * p.Code.Length} bytes)\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"{p.ParamCount}{(p.HasSelf ? " (self)" : "")} params, {p.MaxStack} slots, {p.Upvalues.Length} upvalues, " +
            $"{p.Locals.Length} locals, {p.Constants.Length} constants, {p.Protos.Length} functions\n");

        for (int pc = 0; pc < p.Code.Length; pc++)
        {
            uint i = p.Code[pc];
            var op = Op(i);
            string operands = Operands(i);
            string comment = pc < p.Code.Length ? Comment(program, p, pc) : "";
            sb.Append(CultureInfo.InvariantCulture, $"\t{pc + 1}\t[{p.Lines[pc]}]\t{Name(op),-11}\t{operands}");
            if (comment.Length > 0) sb.Append("\t; ").Append(comment);
            sb.Append('\n');
        }

        sb.Append(CultureInfo.InvariantCulture, $"constants ({p.Constants.Length}) for {p.Name}:\n");
        for (int k = 0; k < p.Constants.Length; k++)
            sb.Append(CultureInfo.InvariantCulture, $"\t{k}\t{KindLetter(p.Constants[k])}\t{ShowConstant(p.Constants[k])}\n");
        sb.Append(CultureInfo.InvariantCulture, $"locals ({p.Locals.Length}) for {p.Name}:\n");
        foreach (var (local, n) in p.Locals.Select((l, n) => (l, n)))
        {
            string end = local.EndPc == int.MaxValue ? "-" : (local.EndPc + 1).ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture,
                $"\t{n}\t{local.Name}\tr{local.Register}\t{local.StartPc + 1}\t{end}{(local.IsMutable ? "\tmut" : "")}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"upvalues ({p.Upvalues.Length}) for {p.Name}:\n");
        foreach (var (u, n) in p.Upvalues.Select((u, n) => (u, n)))
            sb.Append(CultureInfo.InvariantCulture, $"\t{n}\t{u.Name}\t{(u.InStack ? "register" : "upvalue")}\t{u.Index}\n");
        if (p.Captures.Length == 0) return;
        sb.Append(CultureInfo.InvariantCulture, $"captured ({p.Captures.Length}) for {p.Name}:\n");
        foreach (var (u, n) in p.Captures.Select((u, n) => (u, n)))
            sb.Append(CultureInfo.InvariantCulture, $"\t{n}\t{u.Name}\t{(u.InStack ? "register" : "captured")}\t{u.Index}\n");
    }

    private static void AppendTables(RegisterProgram program, StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"globals ({program.GlobalNames.Length}, {program.UserGlobalCount} declared):\n");
        for (int g = 0; g < program.GlobalNames.Length; g++)
            sb.Append(CultureInfo.InvariantCulture, $"\t{g}\t{program.GlobalNames[g]}\n");
        sb.Append(CultureInfo.InvariantCulture, $"types ({program.Types.Length}):\n");
        for (int t = 0; t < program.Types.Length; t++)
        {
            var type = program.Types[t];
            string members = type.Shape == TypeShape.Enum
                ? string.Join(", ", type.Members.Select((m, v) => type.PayloadArity[v] == 0 ? m : $"{m}/{type.PayloadArity[v]}"))
                : string.Join(", ", type.Members);
            sb.Append(CultureInfo.InvariantCulture, $"\t{t}\t{type.Shape.ToString().ToLowerInvariant()}\t{type.Name}({members})\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"hoisted ({program.Hoisted.Length}):\n");
        foreach (var h in program.Hoisted)
            sb.Append(CultureInfo.InvariantCulture, $"\tglobal {h.GlobalIndex} := {program.Script.Protos[h.ProtoIndex].Name}\n");
        sb.Append(CultureInfo.InvariantCulture, $"methods ({program.Methods.Length}):\n");
        foreach (var m in program.Methods)
            sb.Append(CultureInfo.InvariantCulture, $"\t{program.Types[m.TypeId].Name}.{m.Name}\tglobal {m.GlobalIndex}\n");
        sb.Append(CultureInfo.InvariantCulture, $"constructors ({program.Constructors.Length}):\n");
        for (int c = 0; c < program.Constructors.Length; c++)
            sb.Append(CultureInfo.InvariantCulture, $"\t{c}\t{ConstructorName(program, c)}\n");
    }

    /// <summary>Upper-case mnemonic, as in the table at the top of Instruction.cs.</summary>
    public static string Name(OpCode op) => OpcodeTable.Find(op)?.Mnemonic ?? $"OP{(int)op}";

    /// <summary>The raw operands in the instruction's format.</summary>
    public static string Operands(uint i)
    {
        var facts = OpcodeTable.Find(Op(i));
        return facts?.Format switch
        {
            OpFormat.ABx => $"{A(i)} {Bx(i)}",
            OpFormat.AsBx => $"{A(i)} {SBx(i)}",
            OpFormat.Ax => $"{AxOf(i)}",
            OpFormat.sJ => $"{SJOf(i)}",
            _ => facts?.UsesK == true ? $"{A(i)} {B(i)} {C(i)} {(K(i) ? 1 : 0)}" : $"{A(i)} {B(i)} {C(i)}",
        };
    }

    /// <summary>What the operands name: constants, globals, jump targets, immediates.</summary>
    private static string Comment(RegisterProgram program, FunctionProto p, int pc)
    {
        uint i = p.Code[pc];
        int a = A(i), b = B(i), c = C(i);
        string K(int index) => index < p.Constants.Length ? ShowConstant(p.Constants[index]) : $"K{index}?";
        int Ext(int field) => field == MaxShortConst && pc + 1 < p.Code.Length ? AxOf(p.Code[pc + 1]) : field;
        string Target(int offset) => $"to {pc + 1 + offset + 1}";
        string Global(int g) => g < program.GlobalNames.Length ? program.GlobalNames[g] : $"G{g}?";
        string MethodSite(int index) => index < p.Constants.Length && p.Constants[index].AsObject is VeldTuple { Items: [{ AsObject: VeldString name }, var n] }
            ? $"{name.Text}, {n.AsInt} args" : $"K{index}?";
        string Sense() => Instruction.K(i) ? "jump if true" : "jump if false";

        switch (Op(i))
        {
            case OpCode.LoadK: return K(Bx(i));
            case OpCode.LoadKX: return pc + 1 < p.Code.Length ? K(AxOf(p.Code[pc + 1])) : "";
            case OpCode.GetUpval or OpCode.SetUpval: return b < p.Upvalues.Length ? p.Upvalues[b].Name : "";
            case OpCode.GetCapt: return b < p.Captures.Length ? p.Captures[b].Name : "";
            case OpCode.GetGlobal or OpCode.SetGlobal: return Global(Bx(i));
            case >= OpCode.AddK and <= OpCode.ShrK: return K(c);
            case OpCode.AddI or OpCode.SubI: return SC(i).ToString(CultureInfo.InvariantCulture);
            case OpCode.Eq or OpCode.Lt or OpCode.Le or OpCode.Gt or OpCode.Ge: return Sense();
            case OpCode.EqK: return $"{K(b)}, {Sense()}";
            case OpCode.EqI or OpCode.LtI or OpCode.LeI or OpCode.GtI or OpCode.GeI:
                return $"{SB(i)}, {Sense()}";
            case OpCode.CheckBool: return BoolContexts.Describe((BoolContext)Math.Min(c, BoolContexts.Count - 1));
            case OpCode.Test: return $"{BoolContexts.Describe((BoolContext)Math.Min(c, BoolContexts.Count - 1))}, {Sense()}";
            case OpCode.Jmp: return Target(SJOf(i));
            case OpCode.Call: return $"{b} args, result to r{c}";
            case OpCode.CallK: return $"{K(c)}, {b} args{(Instruction.K(i) ? "" : ", result dropped")}";
            case OpCode.CallG or OpCode.TailCallG: return $"{Global(c)}, {b} args";
            case OpCode.CallR or OpCode.TailCallR: return $"r{c}, {b} args";
            case >= OpCode.SetEq and <= OpCode.SetGe: return Instruction.K(i) ? "negated" : "";
            case >= OpCode.SetEqK and <= OpCode.SetGeK: return K(c) + (Instruction.K(i) ? ", negated" : "");
            case OpCode.NewArrayK: return K(Bx(i));
            case OpCode.TailCall: return $"{b} args";
            case OpCode.MethodCall or OpCode.TailMethod: return $"r{b}.{MethodSite(Ext(c))}";
            case OpCode.Closure: return Bx(i) < p.Protos.Length ? p.Protos[Bx(i)].Name : "";
            case OpCode.ForPrep: return $"exclusive, exit {Target(SBx(i))}";
            case OpCode.ForPrepInc: return $"inclusive, exit {Target(SBx(i))}";
            case OpCode.ForLoop or OpCode.IterNext: return $"loop {Target(SBx(i))}";
            case OpCode.IterPrep: return Target(SBx(i));
            case OpCode.NewRange: return Instruction.K(i) ? "..=" : "..";
            case OpCode.NewStruct or OpCode.NewEnum: return ConstructorName(program, Ext(c));
            case OpCode.GetField: return K(Ext(c));
            case OpCode.SetField: return K(Ext(b)) + (Instruction.K(i) ? $" := {K(c)}" : "");
            case OpCode.SetIndex: return Instruction.K(i) ? $":= {K(c)}" : "";
            case OpCode.GetTuple: return $".{Ext(c)}";
            case OpCode.TestTuple: return $"{Bx(i)} elements";
            case OpCode.TestVariant: return ConstructorName(program, Bx(i));
            case OpCode.TestRange: return K(Bx(i));
            case OpCode.Try: return $"handler {Target(SBx(i))}";
            case OpCode.Format: return K(Ext(c));
            case OpCode.Print: return K(Ext(b)) + (Instruction.K(i) ? ", newline" : "");
            case OpCode.Cast:
                return $"as {(c <= (int)CastTarget.Bool ? ((CastTarget)c).ToString().ToLowerInvariant() : "?")} "
                     + (pc + 1 < p.Code.Length ? K(AxOf(p.Code[pc + 1])) : "");
            default: return "";
        }
    }

    private static string ConstructorName(RegisterProgram program, int index)
    {
        if ((uint)index >= (uint)program.Constructors.Length) return $"C{index}?";
        var ctor = program.Constructors[index];
        if ((uint)ctor.TypeId >= (uint)program.Types.Length) return $"C{index}?";
        var type = program.Types[ctor.TypeId];
        if (ctor.IsStruct) return $"{type.Name}/{ctor.ArgCount}";
        string variant = ctor.Variant < type.Members.Length ? type.Members[ctor.Variant] : "?";
        return $"{type.Name}.{variant}/{ctor.ArgCount}";
    }

    private static char KindLetter(Value v) => v.Kind switch
    {
        ValueKind.Int => 'I',
        ValueKind.Float => 'F',
        ValueKind.Bool => 'B',
        ValueKind.Str => 'S',
        ValueKind.Range => 'R',
        ValueKind.Tuple => 'T',
        ValueKind.Function => 'N',
        ValueKind.Unit => 'U',
        _ => '?',
    };

    private static string ShowConstant(Value v) => v.AsObject is BuiltinFunction b ? b.DisplayName : Display.ShowNested(v);
}
