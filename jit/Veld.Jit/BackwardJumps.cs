using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// The register VM's loop back-edges: a JMP, FORLOOP or ITERNEXT with a negative offset, the instructions at which the
/// dispatch loop reports a loop's heat (and samples the registers at the target, the loop header).
/// </summary>
internal static class BackwardJumps
{
    /// <summary>The target (loop header) of the backward jump at <paramref name="pc"/>; -1 when it is not one.</summary>
    public static int TargetOf(uint[] code, int pc)
    {
        int offset = Op(code[pc]) switch
        {
            VmOp.Jmp => SJOf(code[pc]),
            VmOp.ForLoop or VmOp.IterNext => SBx(code[pc]),
            _ => 0,
        };
        return offset < 0 ? pc + 1 + offset : -1;
    }
}
