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
        if (op is null) return Unknown(null, $"unknown opcode {(int)Op(i)}");
        if (op.IsOperandWord) return Unknown(op, "EXTRAARG where an instruction is expected");

        var decoder = new OperandDecoder(proto, program, op, i, pc);
        var facts = new InstructionFacts
        {
            Opcode = op,
            Length = decoder.Length,
            Reads = decoder.Reads(),
            Write = decoder.Resolve(op.Write),
            FallWrite = decoder.Resolve(op.FallWrite),
            JumpWrite = decoder.Resolve(op.JumpWrite),
            ReservedSlot = decoder.Resolve(op.ReservedSlot),
            ClobberFrom = op.ClobbersFromA ? A(i) : -1,
            FallsThrough = op.FallsThrough,
            IsTest = op.FollowedByJmp,
            HasJump = op.Jump != JumpField.None,
            Jump = op.Jump switch { JumpField.SJ => pc + 1 + SJOf(i), JumpField.SBx => pc + 1 + SBx(i), _ => -1 },
            Indexes = decoder.Indexes,
        };
        return decoder.Error is null ? facts : facts with { Error = decoder.Error };
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

    /// <summary>Decodes one instruction's operands against its opcode's table entry: which operands the K bit
    /// selects, the EXTRAARG word, and register counts that live in the program. The first out-of-range
    /// index it meets is kept in <see cref="Error"/>.</summary>
    private struct OperandDecoder
    {
        private readonly FunctionProto _proto;
        private readonly RegisterProgram _program;
        private readonly OpcodeFacts _op;
        private readonly uint _word;
        private readonly bool _k;

        public int Length { get; }
        public DecodedIndex[] Indexes { get; }
        public string? Error { get; private set; }

        public OperandDecoder(FunctionProto proto, RegisterProgram program, OpcodeFacts op, uint word, int pc)
        {
            _proto = proto;
            _program = program;
            _op = op;
            _word = word;
            _k = K(word);
            Error = null;

            bool extraArg = op.AlwaysHasExtraArg;
            int present = 0;
            foreach (var x in op.Indexes)
            {
                if (!Present(x.When)) continue;
                present++;
                if (x.Extends && FieldValue(word, x.Field) == MaxShortConst) extraArg = true;
            }
            Length = extraArg ? 2 : 1;
            // An EXTRAARG word that is missing is the verifier's to report ("missing EXTRAARG").
            int? extra = extraArg && pc + 1 < proto.Code.Length ? AxOf(proto.Code[pc + 1]) : null;

            var indexes = present == 0 ? [] : new DecodedIndex[present];
            int n = 0;
            foreach (var x in op.Indexes)
            {
                if (!Present(x.When)) continue;
                int value = x.Field == Field.ExtraArg ? extra ?? -1
                    : x.Extends && FieldValue(word, x.Field) == MaxShortConst ? extra ?? MaxShortConst
                    : FieldValue(word, x.Field);
                indexes[n++] = new DecodedIndex(x.Space, value);
            }
            Indexes = indexes;
        }

        private readonly bool Present(WhenK when) => when switch { WhenK.Set => _k, WhenK.Clear => !_k, _ => true };

        /// <summary>The registers the instruction reads, in operand order, empty ranges left out.</summary>
        public RegisterRange[] Reads()
        {
            var reads = _op.Reads;
            if (reads.Length == 0) return [];
            var ranges = new RegisterRange[reads.Length];
            int n = 0;
            foreach (var r in reads)
                if (Resolve(r) is { Count: > 0 } range) ranges[n++] = range;
            return n == ranges.Length ? ranges : ranges[..n];
        }

        public RegisterRange Resolve(RegisterOperand r)
        {
            if (r.IsNone || !Present(r.When)) return RegisterRange.None;
            int count = r.Count switch
            {
                RegisterCount.One => 1,
                RegisterCount.Two => 2,
                RegisterCount.Three => 3,
                RegisterCount.FieldB => B(_word),
                RegisterCount.FieldBPlusOne => B(_word) + 1,
                RegisterCount.FieldC => C(_word),
                RegisterCount.PairsInC => 2 * C(_word),
                _ => ProgramCount(r.Count),
            };
            return new RegisterRange(FieldValue(_word, r.First) + r.Offset, count);
        }

        /// <summary>A count that lives in the program (constructor, template, call site), from the index that names it.</summary>
        private int ProgramCount(RegisterCount count)
        {
            int n;
            if (count == RegisterCount.ConstructorArity)
            {
                int ctor = IndexIn(IndexSpace.StructConstructor, IndexSpace.VariantConstructor);
                n = (uint)ctor < (uint)_program.Constructors.Length ? _program.Constructors[ctor].ArgCount : -1;
                if (n < 0) Error ??= $"constructor index {ctor} out of range";
            }
            else if (count == RegisterCount.TemplateHoles)
            {
                n = TemplateHoles(_proto, IndexIn(IndexSpace.Template, IndexSpace.Template));
                if (n < 0) Error ??= $"{_op.Mnemonic} needs a template constant";
            }
            else
            {
                n = MethodSiteArity(_proto, IndexIn(IndexSpace.MethodSite, IndexSpace.MethodSite));
                if (n < 0) Error ??= $"{_op.Mnemonic} needs a (name, argument count) call-site constant";
            }
            return Math.Max(n, 0);
        }

        /// <summary>The value of the first decoded index in either space (the opcode table guarantees one).</summary>
        private readonly int IndexIn(IndexSpace space, IndexSpace orSpace)
        {
            foreach (var x in Indexes)
                if (x.Space == space || x.Space == orSpace) return x.Value;
            throw new InvalidOperationException($"{_op.Mnemonic}: the opcode table names no {space} index");
        }
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
