namespace Veld.StackVm;

/// <summary>
/// The layout of each opcode: its mnemonic and its operands, one letter per operand as in the
/// encoding comment of <see cref="OpCode"/> (k s u g t v f p n c w: index/count, one byte or two
/// under WIDE; j b: two-byte forward/backward jump). The compiler, the disassembler and the tests
/// decode instructions through this one table.
/// </summary>
public static class OpCodeInfo
{
    /// <summary>
    /// The opcodes that have operands, by operand layout, in the letter order of the encoding comment;
    /// every other opcode is its byte alone.
    /// </summary>
    private static readonly (string Operands, OpCode[] Ops)[] Layouts =
    [
        ("k", [OpCode.Const, OpCode.GetField, OpCode.SetField]),
        ("kn", [OpCode.Invoke, OpCode.TailInvoke]),
        ("kj", [OpCode.MatchConst, OpCode.MatchRange]),
        ("s", [OpCode.LoadLocal, OpCode.StoreLocal, OpCode.CloseUpvalue]),
        ("u", [OpCode.LoadUpvalue, OpCode.StoreUpvalue]),
        ("g", [OpCode.LoadGlobal, OpCode.StoreGlobal]),
        ("tk", [OpCode.GetStatic]),
        ("tvn", [OpCode.NewEnum]),
        ("tvj", [OpCode.MatchVariant]),
        ("f", [OpCode.Closure]),
        ("p", [OpCode.NewStruct]),
        ("n", [OpCode.PopN, OpCode.Call, OpCode.TailCall, OpCode.NewArray, OpCode.NewTuple, OpCode.NewMap,
               OpCode.Range, OpCode.TupleIndex, OpCode.Element, OpCode.Format, OpCode.AssertFail]),
        ("nj", [OpCode.MatchTuple]),
        ("ck", [OpCode.Cast]),
        ("w", [OpCode.CheckBool]),
        ("j", [OpCode.Jump, OpCode.JumpIfFalse, OpCode.And, OpCode.Or, OpCode.IterNext, OpCode.TryBegin, OpCode.Assert]),
        ("b", [OpCode.Loop]),
    ];

    /// <summary>Mnemonics that are not the opcode's name in upper snake case (LOAD_LOCAL for LoadLocal).</summary>
    private static readonly Dictionary<OpCode, string> ShortMnemonics = new()
    {
        [OpCode.PopN] = "POPN",
        [OpCode.BitAnd] = "BAND",
        [OpCode.BitOr] = "BOR",
        [OpCode.BitXor] = "BXOR",
    };

    // Declared after the two tables Build reads: static fields are initialized in text order.
    private static readonly (string Mnemonic, string Operands)[] Table = Build();

    private static (string, string)[] Build()
    {
        var table = new (string, string)[(int)OpCode.Wide + 1];
        foreach (var op in Enum.GetValues<OpCode>())
            table[(int)op] = (ShortMnemonics.GetValueOrDefault(op) ?? UpperSnakeCase(op.ToString()), "");
        foreach (var (operands, ops) in Layouts)
            foreach (var op in ops)
                table[(int)op].Item2 = operands;
        return table;
    }

    private static string UpperSnakeCase(string name)
    {
        var snake = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) snake.Append('_');
            snake.Append(char.ToUpperInvariant(name[i]));
        }
        return snake.ToString();
    }

    public static string Mnemonic(OpCode op) => Table[(int)op].Mnemonic;

    /// <summary>The operand letters of <paramref name="op"/>, in encoding order.</summary>
    public static string Operands(OpCode op) => Table[(int)op].Operands;

    /// <summary>Index/count operands of <paramref name="op"/> (the ones WIDE widens); jumps excluded.</summary>
    public static int IndexOperandCount(OpCode op) => Operands(op).Count(o => !IsJump(o));

    public static bool IsJump(char operand) => operand is 'j' or 'b';

    /// <summary>Bytes of one operand: jumps are always two, the others one (two under WIDE).</summary>
    public static int OperandSize(char operand, bool wide) => IsJump(operand) || wide ? 2 : 1;

    /// <summary>Number of opcodes (WIDE included).</summary>
    public static int Count => Table.Length;
}
