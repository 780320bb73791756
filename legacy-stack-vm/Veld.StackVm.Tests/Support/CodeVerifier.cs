namespace Veld.StackVm.Tests;

/// <summary>
/// An independent check of compiled chunks, the way a JVM verifier works: follow every path through
/// the code with the operand-stack depth, and require that every path reaching an instruction agrees
/// on the depth, that jumps land on instruction starts, that the stack never underflows, and that no
/// path goes deeper than the chunk's <see cref="Chunk.MaxStack"/> (which sizes frames).
/// Stack effects are restated here rather than taken from the compiler, so the two can disagree.
/// </summary>
internal static class CodeVerifier
{
    /// <summary>Checks <paramref name="chunk"/>; returns the deepest operand stack its reachable code reaches, and
    /// whether some instruction is unreachable (code after a return or break, whose depth only the compiler counts).</summary>
    public static (int MaxDepth, bool HasUnreachableCode) Verify(Chunk chunk)
    {
        var starts = InstructionStarts(chunk);
        var depthAt = new Dictionary<int, int>();
        var pending = new Stack<(int Offset, int Depth)>();
        pending.Push((0, 0));
        int max = 0;
        while (pending.Count > 0)
        {
            var (offset, depth) = pending.Pop();
            if (!starts.Contains(offset)) throw Fail(chunk, offset, "a jump lands inside an instruction");
            if (depthAt.TryGetValue(offset, out int seen))
            {
                if (seen != depth) throw Fail(chunk, offset, $"reached with depth {seen} and with depth {depth}");
                continue;
            }
            depthAt[offset] = depth;
            var (op, operands, next) = Decode(chunk, offset);
            var (pops, pushes) = Effect(chunk, op, operands);
            if (depth < pops) throw Fail(chunk, offset, $"{op} pops {pops} with {depth} on the stack");
            int after = depth - pops + pushes;
            max = Math.Max(max, Math.Max(after, depth));
            int jump = JumpTarget(op, operands, next);
            switch (op)
            {
                case OpCode.Return or OpCode.Throw or OpCode.MatchFail or OpCode.AssertFail or OpCode.TailCall or OpCode.TailInvoke:
                    break; // leaves the frame (a tail call's fall-through is unreachable)
                case OpCode.Jump or OpCode.Loop:
                    pending.Push((jump, after));
                    break;
                case OpCode.JumpIfFalse or OpCode.Assert:
                    pending.Push((next, after));
                    pending.Push((jump, after));
                    break;
                case OpCode.And or OpCode.Or or OpCode.IterNext:
                    pending.Push((next, after));
                    pending.Push((jump, depth)); // the jump keeps the tested value / pushes no item
                    break;
                case OpCode.MatchConst or OpCode.MatchRange or OpCode.MatchTuple or OpCode.MatchVariant:
                    pending.Push((next, after));
                    pending.Push((jump, after));
                    break;
                case OpCode.TryBegin:
                    pending.Push((next, after));
                    pending.Push((jump, depth + 1)); // the handler starts with the caught value
                    max = Math.Max(max, depth + 1);
                    break;
                default:
                    pending.Push((next, after));
                    break;
            }
        }
        // Unreachable code after a return or break may count deeper; what matters is that frames are big enough.
        if (max > chunk.MaxStack) throw new InvalidOperationException($"{chunk.Name}: MaxStack is {chunk.MaxStack} but the code reaches depth {max}");
        return (max, depthAt.Count < starts.Count);
    }

    private static HashSet<int> InstructionStarts(Chunk chunk)
    {
        var starts = new HashSet<int>();
        for (int offset = 0; offset < chunk.Code.Length; offset = Decode(chunk, offset).Next) starts.Add(offset);
        return starts;
    }

    private static (OpCode Op, int[] Operands, int Next) Decode(Chunk chunk, int offset)
    {
        var code = chunk.Code;
        bool wide = code[offset] == (byte)OpCode.Wide;
        int at = wide ? offset + 1 : offset;
        var op = (OpCode)code[at++];
        var kinds = OpCodeInfo.Operands(op);
        var operands = new int[kinds.Length];
        for (int i = 0; i < kinds.Length; i++)
        {
            bool two = wide || kinds[i] is 'j' or 'b';
            operands[i] = two ? code[at] | code[at + 1] << 8 : code[at];
            at += two ? 2 : 1;
        }
        if (op == OpCode.Closure) at += 2 * chunk.Functions[operands[0]].Upvalues.Length;
        return (op, operands, at);
    }

    private static int JumpTarget(OpCode op, int[] operands, int next)
    {
        var kinds = OpCodeInfo.Operands(op);
        int j = kinds.IndexOf('j');
        if (j >= 0) return next + operands[j];
        int b = kinds.IndexOf('b');
        return b >= 0 ? next - operands[b] : -1;
    }

    private static (int Pops, int Pushes) Effect(Chunk chunk, OpCode op, int[] o) => op switch
    {
        OpCode.Const or OpCode.Unit or OpCode.True or OpCode.False => (0, 1),
        OpCode.Pop => (1, 0),
        OpCode.PopN => (o[0], 0),
        OpCode.Dup => (1, 2),
        OpCode.Dup2 => (2, 4),
        OpCode.LoadLocal or OpCode.LoadUpvalue or OpCode.LoadGlobal => (0, 1),
        OpCode.StoreLocal or OpCode.StoreUpvalue or OpCode.StoreGlobal => (1, 0),
        OpCode.CloseUpvalue or OpCode.Jump or OpCode.Loop or OpCode.TryEnd or OpCode.TryBegin => (0, 0),
        OpCode.Add or OpCode.Sub or OpCode.Mul or OpCode.Div or OpCode.Mod or OpCode.Pow or OpCode.BitAnd or OpCode.BitOr
            or OpCode.BitXor or OpCode.Shl or OpCode.Shr or OpCode.Eq or OpCode.Ne or OpCode.Lt or OpCode.Le or OpCode.Gt
            or OpCode.Ge or OpCode.Range or OpCode.GetIndex => (2, 1),
        OpCode.Neg or OpCode.Not or OpCode.Show or OpCode.GetField or OpCode.TupleIndex or OpCode.Cast or OpCode.IterStart => (1, 1),
        OpCode.CheckBool => (1, 1),
        OpCode.JumpIfFalse or OpCode.And or OpCode.Or or OpCode.Assert => (1, 0),
        OpCode.Closure or OpCode.GetStatic => (0, 1),
        OpCode.Call or OpCode.TailCall => (o[0] + 1, 1),
        OpCode.Invoke or OpCode.TailInvoke => (o[1] + 1, 1),
        OpCode.Return or OpCode.Throw or OpCode.MatchFail or OpCode.Print or OpCode.Println => (1, 0),
        OpCode.NewArray or OpCode.NewTuple or OpCode.Format => (o[0], 1),
        OpCode.NewMap => (2 * o[0], 1),
        OpCode.NewStruct => (chunk.Shapes[o[0]].FieldOfArgument.Length, 1),
        OpCode.NewEnum => (o[2], 1),
        OpCode.SetIndex => (3, 0),
        OpCode.SetField => (2, 0),
        OpCode.IterNext => (1, 2),
        OpCode.MatchConst or OpCode.MatchRange or OpCode.MatchTuple or OpCode.MatchVariant => (1, 1),
        OpCode.Element => (1, 2),
        OpCode.AssertFail => (o[0], 0),
        _ => throw new InvalidOperationException($"verifier: no stack effect for {op}"),
    };

    private static InvalidOperationException Fail(Chunk chunk, int offset, string what) =>
        new($"{chunk.Name} at {offset:D4}: {what}\n{Disassembler.DisassembleChunk(chunk)}");
}
