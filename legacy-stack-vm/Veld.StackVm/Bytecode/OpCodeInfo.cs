namespace Veld.StackVm;

/// <summary>
/// The layout of each opcode: its mnemonic and its operands, one letter per operand as in the
/// encoding comment of <see cref="OpCode"/> (k s u g t v f p n c w: index/count, one byte or two
/// under WIDE; j b: two-byte forward/backward jump). The compiler, the disassembler and the tests
/// decode instructions through this one table.
/// </summary>
public static class OpCodeInfo
{
    private static readonly (string Mnemonic, string Operands)[] Table = Build();

    private static (string, string)[] Build()
    {
        var table = new (string, string)[(int)OpCode.Wide + 1];
        void Set(OpCode op, string mnemonic, string operands = "") => table[(int)op] = (mnemonic, operands);

        Set(OpCode.Const, "CONST", "k");
        Set(OpCode.Unit, "UNIT");
        Set(OpCode.True, "TRUE");
        Set(OpCode.False, "FALSE");
        Set(OpCode.Pop, "POP");
        Set(OpCode.PopN, "POPN", "n");
        Set(OpCode.Dup, "DUP");
        Set(OpCode.Dup2, "DUP2");
        Set(OpCode.LoadLocal, "LOAD_LOCAL", "s");
        Set(OpCode.StoreLocal, "STORE_LOCAL", "s");
        Set(OpCode.LoadUpvalue, "LOAD_UPVALUE", "u");
        Set(OpCode.StoreUpvalue, "STORE_UPVALUE", "u");
        Set(OpCode.CloseUpvalue, "CLOSE_UPVALUE", "s");
        Set(OpCode.LoadGlobal, "LOAD_GLOBAL", "g");
        Set(OpCode.StoreGlobal, "STORE_GLOBAL", "g");
        Set(OpCode.Add, "ADD");
        Set(OpCode.Sub, "SUB");
        Set(OpCode.Mul, "MUL");
        Set(OpCode.Div, "DIV");
        Set(OpCode.Mod, "MOD");
        Set(OpCode.Pow, "POW");
        Set(OpCode.Neg, "NEG");
        Set(OpCode.Not, "NOT");
        Set(OpCode.BitAnd, "BAND");
        Set(OpCode.BitOr, "BOR");
        Set(OpCode.BitXor, "BXOR");
        Set(OpCode.Shl, "SHL");
        Set(OpCode.Shr, "SHR");
        Set(OpCode.Eq, "EQ");
        Set(OpCode.Ne, "NE");
        Set(OpCode.Lt, "LT");
        Set(OpCode.Le, "LE");
        Set(OpCode.Gt, "GT");
        Set(OpCode.Ge, "GE");
        Set(OpCode.Jump, "JUMP", "j");
        Set(OpCode.JumpIfFalse, "JUMP_IF_FALSE", "j");
        Set(OpCode.And, "AND", "j");
        Set(OpCode.Or, "OR", "j");
        Set(OpCode.CheckBool, "CHECK_BOOL", "w");
        Set(OpCode.Loop, "LOOP", "b");
        Set(OpCode.Closure, "CLOSURE", "f");
        Set(OpCode.Call, "CALL", "n");
        Set(OpCode.TailCall, "TAIL_CALL", "n");
        Set(OpCode.Invoke, "INVOKE", "kn");
        Set(OpCode.TailInvoke, "TAIL_INVOKE", "kn");
        Set(OpCode.GetStatic, "GET_STATIC", "tk");
        Set(OpCode.Return, "RETURN");
        Set(OpCode.NewArray, "NEW_ARRAY", "n");
        Set(OpCode.NewTuple, "NEW_TUPLE", "n");
        Set(OpCode.NewMap, "NEW_MAP", "n");
        Set(OpCode.NewStruct, "NEW_STRUCT", "p");
        Set(OpCode.NewEnum, "NEW_ENUM", "tvn");
        Set(OpCode.Range, "RANGE", "n");
        Set(OpCode.GetIndex, "GET_INDEX");
        Set(OpCode.SetIndex, "SET_INDEX");
        Set(OpCode.GetField, "GET_FIELD", "k");
        Set(OpCode.SetField, "SET_FIELD", "k");
        Set(OpCode.TupleIndex, "TUPLE_INDEX", "n");
        Set(OpCode.Cast, "CAST", "ck");
        Set(OpCode.IterStart, "ITER_START");
        Set(OpCode.IterNext, "ITER_NEXT", "j");
        Set(OpCode.MatchConst, "MATCH_CONST", "kj");
        Set(OpCode.MatchRange, "MATCH_RANGE", "kj");
        Set(OpCode.MatchTuple, "MATCH_TUPLE", "nj");
        Set(OpCode.MatchVariant, "MATCH_VARIANT", "tvj");
        Set(OpCode.Element, "ELEMENT", "n");
        Set(OpCode.MatchFail, "MATCH_FAIL");
        Set(OpCode.TryBegin, "TRY_BEGIN", "j");
        Set(OpCode.TryEnd, "TRY_END");
        Set(OpCode.Throw, "THROW");
        Set(OpCode.Show, "SHOW");
        Set(OpCode.Format, "FORMAT", "n");
        Set(OpCode.Print, "PRINT");
        Set(OpCode.Println, "PRINTLN");
        Set(OpCode.Assert, "ASSERT", "j");
        Set(OpCode.AssertFail, "ASSERT_FAIL", "n");
        Set(OpCode.Wide, "WIDE");
        return table;
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
