using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>
/// The operand fields of an iABC instruction that the VM never reads, which must hold zero. The VM would run
/// the same with anything there, so a compiler that writes a wrong value into such a field is only caught
/// here: a stray bit is an encoding bug (a value meant for another field, a wrong format), never data.
/// The fields an opcode reads come from <see cref="OpcodeTable"/> (its registers, counts and indexes) plus the
/// few immediates the table does not describe; the k bit is read only when <see cref="OpcodeFacts.UsesK"/>.
/// The other formats fill the whole word, so they have nothing unused.
/// </summary>
public static class UnusedOperands
{
    /// <summary>Fields read as plain numbers rather than as registers or indexes: an 8-bit signed immediate, a
    /// payload number, the register CLOSE closes from.</summary>
    private static readonly Dictionary<OpCode, Field> Immediates = new()
    {
        [OpCode.AddI] = Field.C, [OpCode.SubI] = Field.C,
        [OpCode.EqI] = Field.B, [OpCode.LtI] = Field.B, [OpCode.LeI] = Field.B, [OpCode.GtI] = Field.B, [OpCode.GeI] = Field.B,
        [OpCode.GetPayload] = Field.C,
        [OpCode.Close] = Field.A,
    };

    /// <summary>Per opcode, the fields it reads (computed once from the table).</summary>
    private static readonly HashSet<Field>[] Read = [.. OpcodeTable.All.Select(FieldsRead)];

    /// <summary>Per opcode, the bits of the word that must be zero: one test per instruction in the verifier.</summary>
    private static readonly uint[] MustBeZero = [.. OpcodeTable.All.Select(UnusedBits)];

    /// <summary>The unused field of <paramref name="instruction"/> that is not zero ("A", "B", "C" or "k"), or null.</summary>
    public static string? NonZero(OpcodeFacts op, uint instruction)
    {
        if ((instruction & MustBeZero[(int)op.Op]) == 0) return null;
        var used = Read[(int)op.Op];
        if (!used.Contains(Field.A) && A(instruction) != 0) return "A";
        if (!used.Contains(Field.B) && B(instruction) != 0) return "B";
        if (!used.Contains(Field.C) && C(instruction) != 0) return "C";
        return "k";
    }

    private static uint UnusedBits(OpcodeFacts op)
    {
        if (op.Format != OpFormat.ABC) return 0;
        var used = FieldsRead(op);
        uint bits = 0;
        if (!used.Contains(Field.A)) bits |= (uint)MaxA << PosA;
        if (!used.Contains(Field.B)) bits |= (uint)MaxB << PosB;
        if (!used.Contains(Field.C)) bits |= (uint)MaxC << PosC;
        if (!op.UsesK) bits |= 1u << PosK;
        return bits;
    }

    private static HashSet<Field> FieldsRead(OpcodeFacts op)
    {
        var used = new HashSet<Field>();
        foreach (var r in op.Reads.Append(op.Write).Append(op.FallWrite).Append(op.JumpWrite).Append(op.ReservedSlot))
        {
            if (r.IsNone) continue;
            used.Add(r.First);
            if (r.Count is RegisterCount.FieldB or RegisterCount.FieldBPlusOne) used.Add(Field.B);
            if (r.Count is RegisterCount.FieldC or RegisterCount.PairsInC) used.Add(Field.C);
        }
        foreach (var x in op.Indexes) used.Add(x.Field);
        if (Immediates.TryGetValue(op.Op, out var immediate)) used.Add(immediate);
        return used;
    }
}
