using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>
/// The verifier's quick register-range test. For most opcodes every register operand is a fixed run of one to
/// three registers in the A, B or C field, present whatever the k bit: then the operands are all in the frame
/// exactly when each field plus the furthest run on it stays within the frame size, three comparisons per
/// instruction computed once per opcode from <see cref="OpcodeTable"/>. Opcodes whose counts come from other
/// fields or from the program (calls, literals, constructors) and operands the k bit selects take the full
/// check (<see cref="ProgramVerifier"/>), which also gives the message when the quick test fails.
/// </summary>
internal static class RegisterReach
{
    /// <summary>Registers the operands on each field reach past the field's value (0: the field names no register);
    /// <see cref="Fixed"/> false when the quick test does not apply to the opcode.</summary>
    private readonly record struct Reach(bool Fixed, int A, int B, int C);

    private static readonly Reach[] ByOpcode = [.. OpcodeTable.All.Select(Of)];

    /// <summary>True when the quick test applies to <paramref name="op"/> and proves every register operand of
    /// <paramref name="instruction"/> inside a frame of <paramref name="frameSize"/>; false means "run the full check".</summary>
    public static bool AllInFrame(OpcodeFacts op, uint instruction, int frameSize)
    {
        var reach = ByOpcode[(int)op.Op];
        return reach.Fixed
            && (reach.A == 0 || A(instruction) + reach.A <= frameSize)
            && (reach.B == 0 || B(instruction) + reach.B <= frameSize)
            && (reach.C == 0 || C(instruction) + reach.C <= frameSize);
    }

    private static Reach Of(OpcodeFacts op)
    {
        int a = 0, b = 0, c = 0;
        // A call window starts at A: the full check requires A inside the frame, as a one-register run does.
        if (op.ClobbersFromA) a = 1;
        foreach (var r in op.Reads.Append(op.Write).Append(op.FallWrite).Append(op.JumpWrite).Append(op.ReservedSlot))
        {
            if (r.IsNone) continue;
            if (r.When != WhenK.Always) return default;
            int count = r.Count switch
            {
                RegisterCount.One => 1,
                RegisterCount.Two => 2,
                RegisterCount.Three => 3,
                _ => -1,
            };
            if (count < 0 || r.Offset < 0) return default;
            switch (r.First)
            {
                case Field.A: a = Math.Max(a, r.Offset + count); break;
                case Field.B: b = Math.Max(b, r.Offset + count); break;
                case Field.C: c = Math.Max(c, r.Offset + count); break;
                default: return default;
            }
        }
        return new Reach(true, a, b, c);
    }
}
