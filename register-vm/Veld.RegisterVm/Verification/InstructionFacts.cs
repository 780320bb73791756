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

/// <summary>An index operand of one instruction, decoded: what it names and its value.</summary>
public readonly record struct DecodedIndex(IndexSpace Space, int Value);

/// <summary>
/// What one instruction does to registers and control flow: its opcode's entry in <see cref="OpcodeTable"/>
/// applied to its operand fields, for the verifier and the checker. Operand counts that live outside the
/// instruction (a constructor's size, a template's number of holes) are looked up in the program; when
/// those indexes are out of range the facts say so in <see cref="Error"/> instead of throwing.
/// </summary>
public readonly record struct InstructionFacts
{
    /// <summary>The opcode's facts; null when the word's opcode is not one.</summary>
    public OpcodeFacts? Opcode { get; init; }
    /// <summary>Words the instruction occupies: 2 when an EXTRAARG follows it.</summary>
    public int Length { get; init; }
    /// <summary>Registers read, in operand order.</summary>
    public RegisterRange[] Reads { get; init; }
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
    /// <summary>The constants, globals, upvalues, protos, constructors... the instruction names (the verifier checks their ranges).</summary>
    public DecodedIndex[] Indexes { get; init; }
    /// <summary>Set when an operand that the facts depend on is out of range.</summary>
    public string? Error { get; init; }

    /// <summary>The facts of the instruction at <paramref name="pc"/> of <paramref name="proto"/>.</summary>
    public static InstructionFacts Of(FunctionProto proto, RegisterProgram program, int pc)
    {
        uint i = proto.Code[pc];
        var op = OpcodeTable.Find(Op(i));
        var unknown = new InstructionFacts { Length = 1, Reads = [], Indexes = [], ClobberFrom = -1, Jump = -1 };
        if (op is null) return unknown with { Error = $"unknown opcode {(int)Op(i)}" };
        if (op.IsOperandWord) return unknown with { Opcode = op, Error = "EXTRAARG where an instruction is expected" };

        bool k = K(i);
        bool Present(WhenK when) => when switch { WhenK.Set => k, WhenK.Clear => !k, _ => true };
        bool extraArg = op.AlwaysHasExtraArg
            || op.Indexes.Any(x => x.Extends && Present(x.When) && FieldValue(i, x.Field) == MaxShortConst);
        int length = extraArg ? 2 : 1;
        // An EXTRAARG word that is missing is the verifier's to report ("missing EXTRAARG").
        int? extra = extraArg && pc + 1 < proto.Code.Length ? AxOf(proto.Code[pc + 1]) : null;

        var indexes = new List<DecodedIndex>(op.Indexes.Length);
        foreach (var x in op.Indexes)
        {
            if (!Present(x.When)) continue;
            int value = x.Field == Field.ExtraArg ? extra ?? -1
                : x.Extends && FieldValue(i, x.Field) == MaxShortConst ? extra ?? MaxShortConst
                : FieldValue(i, x.Field);
            indexes.Add(new DecodedIndex(x.Space, value));
        }

        // A count that lives in the program (constructor, template, call site) comes from the index that names it.
        string? error = null;
        int ProgramCount(RegisterCount count)
        {
            int n;
            if (count == RegisterCount.ConstructorArity)
            {
                int ctor = indexes.First(x => x.Space is IndexSpace.StructConstructor or IndexSpace.VariantConstructor).Value;
                n = (uint)ctor < (uint)program.Constructors.Length ? program.Constructors[ctor].ArgCount : -1;
                if (n < 0) error ??= $"constructor index {ctor} out of range";
            }
            else if (count == RegisterCount.TemplateHoles)
            {
                n = TemplateHoles(proto, indexes.First(x => x.Space == IndexSpace.Template).Value);
                if (n < 0) error ??= $"{op.Mnemonic} needs a template constant";
            }
            else
            {
                n = MethodSiteArity(proto, indexes.First(x => x.Space == IndexSpace.MethodSite).Value);
                if (n < 0) error ??= $"{op.Mnemonic} needs a (name, argument count) call-site constant";
            }
            return Math.Max(n, 0);
        }

        RegisterRange Resolve(RegisterOperand r)
        {
            if (r.IsNone || !Present(r.When)) return RegisterRange.None;
            int count = r.Count switch
            {
                RegisterCount.One => 1,
                RegisterCount.Two => 2,
                RegisterCount.Three => 3,
                RegisterCount.FieldB => B(i),
                RegisterCount.FieldBPlusOne => B(i) + 1,
                RegisterCount.FieldC => C(i),
                RegisterCount.PairsInC => 2 * C(i),
                _ => ProgramCount(r.Count),
            };
            return new RegisterRange(FieldValue(i, r.First) + r.Offset, count);
        }

        var facts = new InstructionFacts
        {
            Opcode = op,
            Length = length,
            Reads = [.. op.Reads.Select(Resolve).Where(r => r.Count > 0)],
            Write = Resolve(op.Write),
            FallWrite = Resolve(op.FallWrite),
            JumpWrite = Resolve(op.JumpWrite),
            ReservedSlot = Resolve(op.ReservedSlot),
            ClobberFrom = op.ClobbersFromA ? A(i) : -1,
            FallsThrough = op.FallsThrough,
            IsTest = op.FollowedByJmp,
            HasJump = op.Jump != JumpField.None,
            Jump = op.Jump switch { JumpField.SJ => pc + 1 + SJOf(i), JumpField.SBx => pc + 1 + SBx(i), _ => -1 },
            Indexes = [.. indexes],
        };
        return error is null ? facts : facts with { Error = error };
    }

    /// <summary>The unsigned value of one operand field (the EXTRAARG's Ax is not in the word: callers resolve it).</summary>
    private static int FieldValue(uint i, Field field) => field switch
    {
        Field.A => A(i),
        Field.B => B(i),
        Field.C => C(i),
        Field.Bx => Bx(i),
        _ => 0,
    };

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
