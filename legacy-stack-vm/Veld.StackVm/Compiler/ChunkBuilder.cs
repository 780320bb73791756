using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>
/// Builds one <see cref="Chunk"/>: writes instructions in the encoding of <see cref="OpCode"/>
/// (choosing the WIDE variant when an operand needs it), records their source positions, interns constants,
/// patches jumps, and tracks the operand stack depth so the chunk knows its high-water mark.
/// </summary>
internal sealed class ChunkBuilder
{
    private readonly List<byte> _code = [];
    private readonly LineTable.Builder _lines = new();
    private readonly List<Value> _constants = [];
    private readonly Dictionary<(ValueKind, long, object?), int> _constantIndex = [];
    private readonly List<Chunk> _functions = [];
    private readonly List<StructShape> _shapes = [];
    private readonly Dictionary<int, string> _localNames = [];
    private int _depth;

    /// <summary>Offset of the next instruction.</summary>
    public int Offset => _code.Count;

    /// <summary>Values on the operand stack at this point of the code (straight-line flow).</summary>
    public int Depth
    {
        get => _depth;
        set
        {
            _depth = value;
            if (value > MaxDepth) MaxDepth = value;
            if (value < 0) throw new InvalidOperationException($"stack compiler: operand stack depth {value} at offset {Offset}");
        }
    }

    public int MaxDepth { get; private set; }

    // ---- pools -------------------------------------------------------------------------------

    /// <summary>Index of <paramref name="value"/> in the constant pool (equal literals share one entry).</summary>
    public int Constant(Value value)
    {
        var key = ConstantKey(value);
        if (_constantIndex.TryGetValue(key, out int index)) return index;
        index = _constants.Count;
        _constants.Add(value);
        _constantIndex[key] = index;
        return index;
    }

    private static (ValueKind, long, object?) ConstantKey(Value v) => v.Kind switch
    {
        ValueKind.Int => (ValueKind.Int, v.AsInt, null),
        ValueKind.Bool => (ValueKind.Bool, v.AsBool ? 1 : 0, null),
        // By bits: 0.0 and -0.0 are different constants, and every NaN equals itself here.
        ValueKind.Float => (ValueKind.Float, BitConverter.DoubleToInt64Bits(v.AsFloat), null),
        ValueKind.Str => (ValueKind.Str, 0, v.As<VeldString>().Text),
        ValueKind.Range => (ValueKind.Range, 0, (v.As<VeldRange>().Start, v.As<VeldRange>().End, v.As<VeldRange>().Inclusive)),
        var kind => (kind, 0, v.AsObject),
    };

    public int AddFunction(Chunk chunk)
    {
        _functions.Add(chunk);
        return _functions.Count - 1;
    }

    public int AddShape(StructShape shape)
    {
        _shapes.Add(shape);
        return _shapes.Count - 1;
    }

    // ---- emitting ----------------------------------------------------------------------------

    /// <summary>Emit <paramref name="op"/> with its index/count operands (no jump operand).</summary>
    public void Emit(SourcePos pos, OpCode op, params ReadOnlySpan<int> operands)
    {
        WriteInstruction(pos, op, operands);
        Depth += StackEffect(op, operands);
    }

    /// <summary>Emit a forward branch whose last operand is a jump; returns the place to <see cref="PatchJump"/>.</summary>
    public int EmitJump(SourcePos pos, OpCode op, params ReadOnlySpan<int> operands)
    {
        WriteInstruction(pos, op, operands);
        int at = Offset;
        _code.Add(0xff);
        _code.Add(0xff);
        Depth += StackEffect(op, operands);
        return at;
    }

    /// <summary>Point the jump written at <paramref name="at"/> to the current offset.</summary>
    public void PatchJump(int at)
    {
        int distance = Offset - (at + 2);
        if (distance > ushort.MaxValue)
            throw new TierUnsupportedException($"stack VM: a jump over {distance} bytes does not fit its 16-bit offset");
        _code[at] = (byte)distance;
        _code[at + 1] = (byte)(distance >> 8);
    }

    /// <summary>Emit LOOP back to <paramref name="target"/>.</summary>
    public void EmitLoop(SourcePos pos, int target)
    {
        WriteInstruction(pos, OpCode.Loop, []);
        int distance = Offset + 2 - target;
        if (distance > ushort.MaxValue)
            throw new TierUnsupportedException($"stack VM: a loop body of {distance} bytes does not fit its 16-bit offset");
        _code.Add((byte)distance);
        _code.Add((byte)(distance >> 8));
    }

    /// <summary>Emit a local-slot instruction (LOAD_LOCAL, STORE_LOCAL, CLOSE_UPVALUE) for variable <paramref name="name"/>.</summary>
    public void EmitLocal(SourcePos pos, OpCode op, int slot, string name)
    {
        _localNames[Offset] = name;
        Emit(pos, op, slot);
    }

    /// <summary>Append a raw byte (CLOSURE's upvalue descriptors).</summary>
    public void EmitByte(int value) => _code.Add(checked((byte)value));

    private void WriteInstruction(SourcePos pos, OpCode op, ReadOnlySpan<int> operands)
    {
        bool wide = false;
        foreach (int operand in operands)
        {
            if (operand is < 0 or > ushort.MaxValue)
                throw new TierUnsupportedException($"stack VM: operand {operand} of {OpCodeInfo.Mnemonic(op)} does not fit two bytes");
            if (operand > byte.MaxValue) wide = true;
        }
        _lines.Mark(Offset, pos);
        if (wide) _code.Add((byte)OpCode.Wide);
        _code.Add((byte)op);
        foreach (int operand in operands)
        {
            _code.Add((byte)operand);
            if (wide) _code.Add((byte)(operand >> 8));
        }
    }

    /// <summary>How <paramref name="op"/> changes the stack depth on its fall-through path.</summary>
    private int StackEffect(OpCode op, ReadOnlySpan<int> operands) => op switch
    {
        OpCode.Const or OpCode.Unit or OpCode.True or OpCode.False => 1,
        OpCode.Pop => -1,
        OpCode.PopN => -operands[0],
        OpCode.Dup => 1,
        OpCode.Dup2 => 2,
        OpCode.LoadLocal or OpCode.LoadUpvalue or OpCode.LoadGlobal => 1,
        OpCode.StoreLocal or OpCode.StoreUpvalue or OpCode.StoreGlobal => -1,
        OpCode.CloseUpvalue => 0,
        OpCode.Add or OpCode.Sub or OpCode.Mul or OpCode.Div or OpCode.Mod or OpCode.Pow
            or OpCode.BitAnd or OpCode.BitOr or OpCode.BitXor or OpCode.Shl or OpCode.Shr
            or OpCode.Eq or OpCode.Ne or OpCode.Lt or OpCode.Le or OpCode.Gt or OpCode.Ge => -1,
        OpCode.Neg or OpCode.Not => 0,
        OpCode.Jump or OpCode.Loop or OpCode.CheckBool => 0,
        OpCode.JumpIfFalse => -1,
        OpCode.And or OpCode.Or => -1,
        OpCode.Closure => 1,
        OpCode.Call or OpCode.TailCall => -operands[0],
        OpCode.Invoke or OpCode.TailInvoke => -operands[1],
        OpCode.GetStatic => 1,
        OpCode.Return => -1,
        OpCode.NewArray or OpCode.NewTuple => 1 - operands[0],
        OpCode.NewMap => 1 - 2 * operands[0],
        OpCode.NewStruct => 1 - _shapes[operands[0]].FieldOfArgument.Length,
        OpCode.NewEnum => 1 - operands[2],
        OpCode.Range => -1,
        OpCode.GetIndex => -1,
        OpCode.SetIndex => -3,
        OpCode.GetField or OpCode.TupleIndex or OpCode.Cast => 0,
        OpCode.SetField => -2,
        OpCode.IterStart => 0,
        OpCode.IterNext => 1,
        OpCode.MatchConst or OpCode.MatchRange or OpCode.MatchTuple or OpCode.MatchVariant => 0,
        OpCode.Element => 1,
        OpCode.MatchFail or OpCode.Throw => -1,
        OpCode.TryBegin or OpCode.TryEnd => 0,
        OpCode.Show => 0,
        OpCode.Format => 1 - operands[0],
        OpCode.Print or OpCode.Println => -1,
        OpCode.Assert => -1,
        OpCode.AssertFail => -operands[0],
        _ => throw new InvalidOperationException($"stack compiler: no stack effect for {op}"),
    };

    // ---- result ------------------------------------------------------------------------------

    public Chunk Build(string name, int line, int arity, bool hasSelf, int localCount, UpvalueCapture[] upvalues) => new()
    {
        Name = name,
        Line = line,
        Arity = arity,
        HasSelf = hasSelf,
        LocalCount = localCount,
        MaxStack = MaxDepth,
        Code = [.. _code],
        Constants = [.. _constants],
        Lines = _lines.Build(),
        Functions = [.. _functions],
        Upvalues = upvalues,
        Shapes = [.. _shapes],
        LocalNames = _localNames,
    };
}
