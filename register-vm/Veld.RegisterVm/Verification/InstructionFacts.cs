using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>A run of consecutive registers <c>R[First .. First+Count-1]</c>.</summary>
public readonly record struct RegisterRange(int First, int Count)
{
    public static readonly RegisterRange None = new(0, 0);
    public static RegisterRange One(int r) => new(r, 1);
    public int End => First + Count;
    public override string ToString() => Count switch { 0 => "-", 1 => $"r{First}", _ => $"r{First}..r{End - 1}" };
}

/// <summary>
/// What one instruction does to registers and control flow, decoded once for the verifier, the checker
/// and the disassembler. Operand counts that live outside the instruction (a constructor's size, a
/// template's number of holes) are looked up in the program; when those indexes are out of range the
/// facts say so in <see cref="Error"/> instead of throwing.
/// </summary>
public readonly record struct InstructionFacts
{
    /// <summary>Words the instruction occupies: 2 when an EXTRAARG follows it.</summary>
    public int Length { get; init; }
    public RegisterRange Read1 { get; init; }
    public RegisterRange Read2 { get; init; }
    public RegisterRange Read3 { get; init; }
    /// <summary>Registers written on every successor (after any clobber).</summary>
    public RegisterRange Write { get; init; }
    /// <summary>Registers from this one up lose their values (a call's window and everything above it); -1: none.</summary>
    public int ClobberFrom { get; init; }
    /// <summary>Execution may continue at the next instruction.</summary>
    public bool FallsThrough { get; init; }
    /// <summary>A test: the next word is its JMP, and execution may also continue after that JMP.</summary>
    public bool IsTest { get; init; }
    /// <summary>The instruction transfers control to <see cref="Jump"/> (JMP, FORPREP, FORLOOP, ITERPREP, ITERNEXT, TRY's handler).</summary>
    public bool HasJump { get; init; }
    /// <summary>Absolute target of the jump; may be anything in a malformed program (the verifier checks it).</summary>
    public int Jump { get; init; }
    /// <summary>Registers written only when the jump is taken (FORLOOP's and ITERNEXT's loop variable, TRY's caught value).</summary>
    public RegisterRange JumpWrite { get; init; }
    /// <summary>Registers written only on the fall-through path (FORPREP entering the body).</summary>
    public RegisterRange FallWrite { get; init; }
    /// <summary>A register the instruction writes as scratch without it being a result (TAILMETHOD's self slot):
    /// only its range is verified.</summary>
    public RegisterRange ReservedSlot { get; init; }
    /// <summary>Set when an operand that the facts depend on is out of range.</summary>
    public string? Error { get; init; }

    public IEnumerable<RegisterRange> Reads => new[] { Read1, Read2, Read3 }.Where(r => r.Count > 0);

    /// <summary>The facts of the instruction at <paramref name="pc"/> of <paramref name="proto"/>.</summary>
    public static InstructionFacts Of(FunctionProto proto, RegisterProgram program, int pc)
    {
        uint i = proto.Code[pc];
        int a = A(i), b = B(i), c = C(i);
        var none = RegisterRange.None;
        var f = new InstructionFacts { Length = 1, FallsThrough = true, ClobberFrom = -1, Jump = -1 };

        // An 8-bit constant field of 255 means the index is in the EXTRAARG after the instruction.
        int ExtendedIndex(int field) => field == MaxShortConst && pc + 1 < proto.Code.Length ? AxOf(proto.Code[pc + 1]) : field;
        int LengthFor(int field) => field == MaxShortConst ? 2 : 1;

        switch (Op(i))
        {
            case OpCode.Move: return f with { Read1 = RegisterRange.One(b), Write = RegisterRange.One(a) };
            case OpCode.LoadI or OpCode.LoadF or OpCode.LoadK or OpCode.LoadFalse or OpCode.LoadTrue or OpCode.LoadUnit
                or OpCode.GetUpval or OpCode.GetGlobal:
                return f with { Write = RegisterRange.One(a) };
            case OpCode.LoadKX: return f with { Length = 2, Write = RegisterRange.One(a) };
            case OpCode.SetUpval or OpCode.SetGlobal: return f with { Read1 = RegisterRange.One(a) };

            case >= OpCode.Add and <= OpCode.Shr:
                return f with { Read1 = RegisterRange.One(b), Read2 = RegisterRange.One(c), Write = RegisterRange.One(a) };
            case >= OpCode.AddK and <= OpCode.Not:
                return f with { Read1 = RegisterRange.One(b), Write = RegisterRange.One(a) };

            case OpCode.Eq or OpCode.Lt or OpCode.Le or OpCode.Gt or OpCode.Ge:
                return f with { Read1 = RegisterRange.One(a), Read2 = RegisterRange.One(b), IsTest = true };
            case OpCode.EqK or OpCode.EqI or OpCode.LtI or OpCode.LeI or OpCode.GtI or OpCode.GeI or OpCode.Test
                or OpCode.TestTuple or OpCode.TestVariant or OpCode.TestRange:
                return f with { Read1 = RegisterRange.One(a), IsTest = true };
            case OpCode.Jmp: return f with { FallsThrough = false, HasJump = true, Jump = pc + 1 + SJOf(i) };
            case >= OpCode.SetEq and <= OpCode.SetGe:
                return f with { Read1 = RegisterRange.One(b), Read2 = RegisterRange.One(c), Write = RegisterRange.One(a) };
            case >= OpCode.SetEqK and <= OpCode.SetGeK:
                return f with { Read1 = RegisterRange.One(b), Write = RegisterRange.One(a) };

            case OpCode.Call:
                return f with { Read1 = new RegisterRange(a, b + 1), ClobberFrom = a, Write = RegisterRange.One(c) };
            case OpCode.TailCall:
                return f with { Read1 = new RegisterRange(a, b + 1), FallsThrough = false };
            case OpCode.CallK:
                return f with { Read1 = new RegisterRange(a, b), Write = K(i) ? RegisterRange.One(a) : none };
            case OpCode.CallG:
                return f with { Read1 = new RegisterRange(a, b), ClobberFrom = a, Write = RegisterRange.One(a) };
            case OpCode.TailCallG:
                return f with { Read1 = new RegisterRange(a, b), FallsThrough = false };
            case OpCode.CallR:
                return f with { Read1 = new RegisterRange(a, b), Read2 = RegisterRange.One(c), ClobberFrom = a, Write = RegisterRange.One(a) };
            case OpCode.TailCallR:
                return f with { Read1 = new RegisterRange(a, b), Read2 = RegisterRange.One(c), FallsThrough = false };
            case OpCode.MethodCall or OpCode.TailMethod:
            {
                int argc = MethodSiteArity(proto, ExtendedIndex(c));
                if (argc < 0) return f with { Length = LengthFor(c), Error = "METHODCALL needs a (name, argument count) call-site constant" };
                var reads = f with { Length = LengthFor(c), Read1 = RegisterRange.One(b), Read2 = new RegisterRange(a + 1, argc) };
                return Op(i) == OpCode.MethodCall
                    ? reads with { ClobberFrom = a, Write = RegisterRange.One(a) }
                    : reads with { FallsThrough = false, ReservedSlot = RegisterRange.One(a) };
            }
            case OpCode.Return: return f with { Read1 = RegisterRange.One(a), FallsThrough = false };
            case OpCode.ReturnUnit: return f with { FallsThrough = false };
            case OpCode.Closure: return f with { Write = RegisterRange.One(a) };
            case OpCode.Close: return f;

            case OpCode.ForPrep or OpCode.ForPrepInc:
                return f with { Read1 = new RegisterRange(a, 2), HasJump = true, Jump = pc + 1 + SBx(i), FallWrite = new RegisterRange(a, 3) };
            case OpCode.ForLoop:
                return f with { Read1 = new RegisterRange(a, 2), HasJump = true, Jump = pc + 1 + SBx(i), JumpWrite = new RegisterRange(a, 3) };
            case OpCode.IterPrep:
                return f with { Read1 = RegisterRange.One(a), Write = RegisterRange.One(a), FallsThrough = false, HasJump = true, Jump = pc + 1 + SBx(i) };
            case OpCode.IterNext:
                return f with { Read1 = RegisterRange.One(a), HasJump = true, Jump = pc + 1 + SBx(i), JumpWrite = RegisterRange.One(a + 1) };

            case OpCode.NewArrayK: return f with { Write = RegisterRange.One(a) };
            case OpCode.NewArray or OpCode.NewTuple:
                return f with { Read1 = new RegisterRange(b, c), Write = RegisterRange.One(a) };
            case OpCode.Append:
                return f with { Read1 = RegisterRange.One(a), Read2 = new RegisterRange(b, c) };
            case OpCode.NewMap:
                return f with { Read1 = new RegisterRange(b, 2 * c), Write = RegisterRange.One(a) };
            case OpCode.MapInsert:
                return f with { Read1 = RegisterRange.One(a), Read2 = new RegisterRange(b, 2 * c) };
            case OpCode.NewRange:
                return f with { Read1 = RegisterRange.One(b), Read2 = RegisterRange.One(c), Write = RegisterRange.One(a) };
            case OpCode.NewStruct or OpCode.NewEnum:
            {
                int ctor = ExtendedIndex(c);
                if ((uint)ctor >= (uint)program.Constructors.Length)
                    return f with { Length = LengthFor(c), Error = $"constructor index {ctor} out of range" };
                return f with { Length = LengthFor(c), Read1 = new RegisterRange(b, program.Constructors[ctor].ArgCount), Write = RegisterRange.One(a) };
            }
            case OpCode.GetIndex:
                return f with { Read1 = RegisterRange.One(b), Read2 = RegisterRange.One(c), Write = RegisterRange.One(a) };
            case OpCode.SetIndex:
                return f with { Read1 = RegisterRange.One(a), Read2 = RegisterRange.One(b), Read3 = K(i) ? none : RegisterRange.One(c) };
            case OpCode.GetField:
                return f with { Length = LengthFor(c), Read1 = RegisterRange.One(b), Write = RegisterRange.One(a) };
            case OpCode.SetField:
                return f with { Length = LengthFor(b), Read1 = RegisterRange.One(a), Read2 = K(i) ? none : RegisterRange.One(c) };
            case OpCode.GetTuple:
                return f with { Length = LengthFor(c), Read1 = RegisterRange.One(b), Write = RegisterRange.One(a) };
            case OpCode.GetPayload:
                return f with { Read1 = RegisterRange.One(b), Write = RegisterRange.One(a) };
            case OpCode.NoMatch or OpCode.Throw:
                return f with { Read1 = RegisterRange.One(a), FallsThrough = false };

            case OpCode.Try: return f with { HasJump = true, Jump = pc + 1 + SBx(i), JumpWrite = RegisterRange.One(a) };
            case OpCode.EndTry: return f;
            case OpCode.AssertFail:
                return f with { Read1 = K(i) ? RegisterRange.One(a) : none, FallsThrough = false };

            case OpCode.Format:
            {
                int holes = TemplateHoles(proto, ExtendedIndex(c));
                if (holes < 0) return f with { Length = LengthFor(c), Error = "FORMAT needs a template constant" };
                return f with { Length = LengthFor(c), Read1 = new RegisterRange(b, holes), Write = RegisterRange.One(a) };
            }
            case OpCode.Print:
            {
                int holes = TemplateHoles(proto, ExtendedIndex(b));
                if (holes < 0) return f with { Length = LengthFor(b), Error = "PRINT needs a template constant" };
                return f with { Length = LengthFor(b), Read1 = new RegisterRange(a, holes) };
            }
            case OpCode.Cast:
                return f with { Length = 2, Read1 = RegisterRange.One(b), Write = RegisterRange.One(a) };
            case OpCode.ToStr: return f with { Read1 = RegisterRange.One(b), Write = RegisterRange.One(a) };
            case OpCode.CheckBool: return f with { Read1 = RegisterRange.One(a) };
            case OpCode.ExtraArg:
                return f with { Error = "EXTRAARG where an instruction is expected" };
            default:
                return f with { Error = $"unknown opcode {(int)Op(i)}", FallsThrough = false };
        }
    }

    /// <summary>The argument count of the method call site K[index] (a (str, int) tuple), or -1.</summary>
    private static int MethodSiteArity(FunctionProto proto, int index)
    {
        if ((uint)index >= (uint)proto.Constants.Length) return -1;
        if (proto.Constants[index].AsObject is not VeldTuple { Items: [{ AsObject: VeldString }, var count] } || !count.IsInt) return -1;
        return count.AsInt is >= 0 and <= RegisterAllocator.MaxRegisters ? (int)count.AsInt : -1;
    }

    /// <summary>Number of values a format template interpolates, or -1 when K[index] is not a template.</summary>
    private static int TemplateHoles(FunctionProto proto, int index)
    {
        if ((uint)index >= (uint)proto.Constants.Length) return -1;
        if (proto.Constants[index].AsObject is not VeldTuple t || t.Items.Length == 0) return -1;
        foreach (var piece in t.Items) if (piece.AsObject is not VeldString) return -1;
        return t.Items.Length - 1;
    }
}
