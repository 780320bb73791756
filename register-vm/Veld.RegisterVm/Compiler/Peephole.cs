using Veld.Language.Syntax;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>
/// The peephole pass (<see cref="OptimizationPasses.Peephole"/>): rewrites a finished function's jumps in
/// place, so no instruction moves and every offset, line, column and debug range stays valid.
/// <list type="bullet">
/// <item>Jump threading: a forward JMP that lands on a forward JMP goes straight to the last one's target
/// (the "else" of an inner <c>if</c> leaving through the outer one's exit).</item>
/// <item>Jump to return: a forward JMP that is not a test's JMP and lands on RETURN or RETURNUNIT becomes a
/// copy of that return (an <c>if</c> branch whose value is the function's result).</item>
/// </list>
/// Only forward jumps are touched: a backward JMP ticks the fuel and heats the loop for the JIT at its own
/// position, and that must not move. A JMP whose previous word is a test (or an EXTRAARG, which may belong
/// to one) is executed by that test, so it stays a JMP.
/// </summary>
internal static class Peephole
{
    public static void Run(List<uint> code, List<SourcePos> positions)
    {
        for (int pc = 0; pc < code.Count; pc++)
        {
            if (Op(code[pc]) != OpCode.Jmp || SJOf(code[pc]) < 0) continue;
            int target = ThreadedTarget(code, pc + 1 + SJOf(code[pc]));
            code[pc] = WithJump(code[pc], target - (pc + 1));
            if (IsReturn(code, target) && !FollowsATest(code, pc))
            {
                code[pc] = code[target];
                positions[pc] = positions[target];
            }
        }
    }

    /// <summary>Where a jump to <paramref name="target"/> really ends up: past every forward JMP it lands on.
    /// Forward hops only, so the walk ends.</summary>
    private static int ThreadedTarget(List<uint> code, int target)
    {
        while (target < code.Count && Op(code[target]) == OpCode.Jmp && SJOf(code[target]) >= 0)
            target += 1 + SJOf(code[target]);
        return target;
    }

    private static bool IsReturn(List<uint> code, int pc) =>
        pc < code.Count && Op(code[pc]) is OpCode.Return or OpCode.ReturnUnit;

    private static bool FollowsATest(List<uint> code, int pc)
    {
        if (pc == 0) return false;
        var previous = OpcodeTable.Find(Op(code[pc - 1]));
        return previous is null || previous.FollowedByJmp || previous.IsOperandWord;
    }
}
