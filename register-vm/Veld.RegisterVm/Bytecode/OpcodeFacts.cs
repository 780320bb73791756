namespace Veld.RegisterVm;

/// <summary>A field of the instruction word that holds an operand; <see cref="ExtraArg"/> is the Ax of the
/// EXTRAARG word that follows the instruction.</summary>
public enum Field : byte { None, A, B, C, Bx, ExtraArg }

/// <summary>When an operand is present, depending on the instruction's k bit.</summary>
public enum WhenK : byte { Always, Set, Clear }

/// <summary>How many consecutive registers a register operand covers.</summary>
public enum RegisterCount : byte
{
    One,
    Two,
    Three,
    /// <summary>The value of the B field (a call's arguments).</summary>
    FieldB,
    /// <summary>B + 1 (a callee and its arguments).</summary>
    FieldBPlusOne,
    /// <summary>The value of the C field (elements of an array or tuple literal).</summary>
    FieldC,
    /// <summary>2 × C (key/value pairs of a map literal).</summary>
    PairsInC,
    /// <summary>The argument count of the constructor the instruction names.</summary>
    ConstructorArity,
    /// <summary>The number of holes of the template constant the instruction names.</summary>
    TemplateHoles,
    /// <summary>The argument count of the method call site constant the instruction names.</summary>
    MethodSiteArity,
}

/// <summary>A run of registers an instruction reads or writes: <c>R[field + Offset]</c>, <see cref="Count"/> of them.
/// The default value (field <see cref="Field.None"/>) is "no registers".</summary>
public readonly record struct RegisterOperand(Field First, int Offset = 0, RegisterCount Count = RegisterCount.One, WhenK When = WhenK.Always)
{
    public bool IsNone => First == Field.None;
}

/// <summary>What an index operand names, and so which table it must be in range of (and, for constants, which kind).</summary>
public enum IndexSpace : byte
{
    /// <summary>K[x] of any kind.</summary>
    Constant,
    /// <summary>K[x], a builtin function.</summary>
    Builtin,
    /// <summary>K[x], a tuple (the elements of a constant array).</summary>
    ConstantTuple,
    /// <summary>K[x], an int range.</summary>
    ConstantRange,
    /// <summary>K[x], a string: a field name or a cast's type text.</summary>
    Name,
    /// <summary>K[x], a format template: a tuple of strings, the pieces between the holes.</summary>
    Template,
    /// <summary>K[x], a method call site: a (name, argument count) tuple.</summary>
    MethodSite,
    Global,
    Upvalue,
    /// <summary>A value the running closure captured by value (GETCAPT's C[x]).</summary>
    Capture,
    Proto,
    StructConstructor,
    VariantConstructor,
    /// <summary>A <see cref="Veld.Runtime.BoolContext"/> naming what a bool test is for (in error messages).</summary>
    BoolContext,
    /// <summary>A <c>CastTarget</c>.</summary>
    CastTarget,
    /// <summary>A tuple element number (any value; a wrong one is a runtime error).</summary>
    TupleElement,
}

/// <summary>
/// An operand that is an index into a table rather than a register. <see cref="Extends"/>: the field is 8 bits
/// and its value <see cref="Instruction.MaxShortConst"/> means "the index is in the following EXTRAARG".
/// </summary>
public readonly record struct IndexOperand(IndexSpace Space, Field Field, bool Extends = false, WhenK When = WhenK.Always);

/// <summary>Which field, if any, holds a jump offset (relative to the next instruction).</summary>
public enum JumpField : byte { None, SJ, SBx }

/// <summary>
/// Everything there is to know about one opcode without looking at a particular instruction: its encoding,
/// the registers it reads and writes, the indexes it names, its control flow and whether it can raise.
/// One entry per opcode in <see cref="OpcodeTable"/>; the verifier, the register checker, the disassembler
/// and the compiler's test for "a test's JMP" all read this instead of switching on the opcode.
/// </summary>
public sealed record OpcodeFacts
{
    public required OpCode Op { get; init; }
    /// <summary>Upper-case name, as in the table at the top of Instruction.cs.</summary>
    public required string Mnemonic { get; init; }
    public required OpFormat Format { get; init; }
    /// <summary>The k bit means something (the disassembler shows it).</summary>
    public bool UsesK { get; init; }

    /// <summary>Registers read, in operand order.</summary>
    public RegisterOperand[] Reads { get; init; } = [];
    /// <summary>Registers written on every path out of the instruction (after any clobber).</summary>
    public RegisterOperand Write { get; init; }
    /// <summary>Registers written only when execution continues at the next instruction (FORPREP entering the body).</summary>
    public RegisterOperand FallWrite { get; init; }
    /// <summary>Registers written only when the jump is taken (FORLOOP's, ITERNEXT's loop variable; TRY's caught value).</summary>
    public RegisterOperand JumpWrite { get; init; }
    /// <summary>A register used as scratch, not a result (TAILMETHOD's self slot): only its range is verified.</summary>
    public RegisterOperand ReservedSlot { get; init; }
    /// <summary>A call window: R[A] and every register above it lose their values (the callee's frame starts there).</summary>
    public bool ClobbersFromA { get; init; }

    /// <summary>Operands that index constants, globals, upvalues, protos, constructors and the like.</summary>
    public IndexOperand[] Indexes { get; init; } = [];

    /// <summary>An EXTRAARG word always follows (when false, one follows only if an <see cref="IndexOperand.Extends"/> field is full).</summary>
    public bool AlwaysHasExtraArg { get; init; }
    /// <summary>The instruction is a test: the next word is its JMP, and execution may also continue after that JMP.</summary>
    public bool FollowedByJmp { get; init; }
    public JumpField Jump { get; init; }
    /// <summary>Execution may continue at the next instruction.</summary>
    public bool FallsThrough { get; init; } = true;
    /// <summary>The instruction may raise a catchable runtime error (so an enclosing TRY's handler may be entered from it).</summary>
    public bool CanThrow { get; init; }
    /// <summary>The word is an operand of the instruction before it (EXTRAARG), never an instruction of its own.</summary>
    public bool IsOperandWord { get; init; }
}
