using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>
/// One instruction's operand fields read against its opcode's entry in <see cref="OpcodeTable"/>, without
/// allocating: which operands the k bit selects, the EXTRAARG word, and register counts that live in the
/// program. The verifier checks every instruction through it in one pass; <see cref="InstructionFacts"/>
/// builds its arrays from it for the passes that visit instructions more than once.
/// </summary>
public readonly struct InstructionOperands
{
    private readonly FunctionProto _proto;
    private readonly RegisterProgram _program;
    private readonly uint _word;
    private readonly bool _k;
    /// <summary>The EXTRAARG word's Ax, or -1 when there is none (or it is missing: the verifier reports that).</summary>
    private readonly int _extra;

    public OpcodeFacts Opcode { get; }
    /// <summary>Words the instruction occupies: 2 when an EXTRAARG follows it.</summary>
    public int Length { get; }

    /// <param name="op">The opcode of the word at <paramref name="pc"/>, which is not an operand word.</param>
    public InstructionOperands(FunctionProto proto, RegisterProgram program, OpcodeFacts op, int pc)
    {
        _proto = proto;
        _program = program;
        Opcode = op;
        _word = proto.Code[pc];
        _k = K(_word);

        bool extraArg = op.AlwaysHasExtraArg;
        foreach (var x in op.Indexes)
            if (IsPresent(x.When) && x.Extends && FieldValue(_word, x.Field) == MaxShortConst) extraArg = true;
        Length = extraArg ? 2 : 1;
        _extra = extraArg && pc + 1 < proto.Code.Length ? AxOf(proto.Code[pc + 1]) : -1;
    }

    /// <summary>Whether an operand guarded by <paramref name="when"/> is there, given the k bit.</summary>
    public bool IsPresent(WhenK when) => when switch { WhenK.Set => _k, WhenK.Clear => !_k, _ => true };

    /// <summary>The value of index operand <paramref name="x"/> (which must be present); -1 for a missing EXTRAARG.</summary>
    public int IndexValue(IndexOperand x)
    {
        if (x.Field == Field.ExtraArg) return _extra;
        int value = FieldValue(_word, x.Field);
        return x.Extends && value == MaxShortConst ? (_extra >= 0 ? _extra : MaxShortConst) : value;
    }

    /// <summary>How many index operands are present.</summary>
    public int IndexCount()
    {
        int n = 0;
        foreach (var x in Opcode.Indexes) if (IsPresent(x.When)) n++;
        return n;
    }

    /// <summary>The registers <paramref name="r"/> covers in this instruction (empty when absent). A count that lives
    /// in the program and is out of range gives an empty range and sets <paramref name="error"/>.</summary>
    public RegisterRange Resolve(RegisterOperand r, ref string? error)
    {
        if (r.IsNone || !IsPresent(r.When)) return RegisterRange.None;
        int count = r.Count switch
        {
            RegisterCount.One => 1,
            RegisterCount.Two => 2,
            RegisterCount.Three => 3,
            RegisterCount.FieldB => B(_word),
            RegisterCount.FieldBPlusOne => B(_word) + 1,
            RegisterCount.FieldC => C(_word),
            RegisterCount.PairsInC => 2 * C(_word),
            _ => ProgramCount(r.Count, ref error),
        };
        return new RegisterRange(FieldValue(_word, r.First) + r.Offset, count);
    }

    /// <summary>The first register of the call window that a clobbering instruction discards from; -1: none.</summary>
    public int ClobberFrom => Opcode.ClobbersFromA ? A(_word) : -1;

    /// <summary>Absolute target of the jump, or -1 when the opcode has none.</summary>
    public int JumpTarget(int pc) => Opcode.Jump switch
    {
        JumpField.SJ => pc + 1 + SJOf(_word),
        JumpField.SBx => pc + 1 + SBx(_word),
        _ => -1,
    };

    /// <summary>A count that lives in the program (constructor, template, call site), from the index that names it.</summary>
    private int ProgramCount(RegisterCount count, ref string? error)
    {
        int n;
        if (count == RegisterCount.ConstructorArity)
        {
            int ctor = IndexIn(IndexSpace.StructConstructor, IndexSpace.VariantConstructor);
            n = (uint)ctor < (uint)_program.Constructors.Length ? _program.Constructors[ctor].ArgCount : -1;
            if (n < 0) error ??= $"constructor index {ctor} out of range";
        }
        else if (count == RegisterCount.TemplateHoles)
        {
            n = TemplateHoles(_proto, IndexIn(IndexSpace.Template, IndexSpace.Template));
            if (n < 0) error ??= $"{Opcode.Mnemonic} needs a template constant";
        }
        else
        {
            n = MethodSiteArity(_proto, IndexIn(IndexSpace.MethodSite, IndexSpace.MethodSite));
            if (n < 0) error ??= $"{Opcode.Mnemonic} needs a (name, argument count) call-site constant";
        }
        return Math.Max(n, 0);
    }

    /// <summary>The value of the first present index in either space (the opcode table guarantees one).</summary>
    private int IndexIn(IndexSpace space, IndexSpace orSpace)
    {
        foreach (var x in Opcode.Indexes)
            if (IsPresent(x.When) && (x.Space == space || x.Space == orSpace)) return IndexValue(x);
        throw new InvalidOperationException($"{Opcode.Mnemonic}: the opcode table names no {space} index");
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
