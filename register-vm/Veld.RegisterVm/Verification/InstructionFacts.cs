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
        if (op is null) return Unknown(null, $"unknown opcode {(int)Op(i)}");
        if (op.IsOperandWord) return Unknown(op, "EXTRAARG where an instruction is expected");

        var operands = new InstructionOperands(proto, program, op, pc);
        string? error = null;
        var facts = new InstructionFacts
        {
            Opcode = op,
            Length = operands.Length,
            Reads = ReadRanges(operands, ref error),
            Write = operands.Resolve(op.Write, ref error),
            FallWrite = operands.Resolve(op.FallWrite, ref error),
            JumpWrite = operands.Resolve(op.JumpWrite, ref error),
            ReservedSlot = operands.Resolve(op.ReservedSlot, ref error),
            ClobberFrom = operands.ClobberFrom,
            FallsThrough = op.FallsThrough,
            IsTest = op.FollowedByJmp,
            HasJump = op.Jump != JumpField.None,
            Jump = operands.JumpTarget(pc),
            Indexes = DecodeIndexes(operands),
        };
        return error is null ? facts : facts with { Error = error };
    }

    /// <summary>The facts of every instruction of <paramref name="proto"/>, indexed by pc (the EXTRAARG word after an
    /// instruction gets default facts), computed once for a pass that visits instructions more than once.</summary>
    public static InstructionFacts[] OfEvery(FunctionProto proto, RegisterProgram program)
    {
        var all = new InstructionFacts[proto.Code.Length];
        for (int pc = 0; pc < proto.Code.Length;)
        {
            all[pc] = Of(proto, program, pc);
            pc += all[pc].Length;
        }
        return all;
    }

    private static InstructionFacts Unknown(OpcodeFacts? op, string error) =>
        new() { Opcode = op, Length = 1, Reads = [], Indexes = [], ClobberFrom = -1, Jump = -1, Error = error };

    /// <summary>The registers the instruction reads, in operand order, empty ranges left out.</summary>
    private static RegisterRange[] ReadRanges(in InstructionOperands operands, ref string? error)
    {
        var reads = operands.Opcode.Reads;
        if (reads.Length == 0) return [];
        var ranges = new RegisterRange[reads.Length];
        int n = 0;
        foreach (var r in reads)
            if (operands.Resolve(r, ref error) is { Count: > 0 } range) ranges[n++] = range;
        return n == ranges.Length ? ranges : ranges[..n];
    }

    /// <summary>The index operands present, decoded.</summary>
    private static DecodedIndex[] DecodeIndexes(in InstructionOperands operands)
    {
        int present = operands.IndexCount();
        if (present == 0) return [];
        var indexes = new DecodedIndex[present];
        int n = 0;
        foreach (var x in operands.Opcode.Indexes)
            if (operands.IsPresent(x.When)) indexes[n++] = new DecodedIndex(x.Space, operands.IndexValue(x));
        return indexes;
    }
}
