using Veld.RegisterVm;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Which registers of a function compiled code keeps in <c>long</c> IL locals, and which of them are live
/// where the VM may enter the code. A register is chosen when every instruction writing it plausibly yields
/// an int: an int constant, int arithmetic, a counted loop's registers, or a move, each either provably an
/// int (its operands are chosen registers) or checked by a guard that deoptimises when it fails. Registers
/// an upvalue or a catch writes through the stack, parameters, and registers whose guard already failed in
/// this run (<paramref name="excluded"/>) are never chosen.
/// </summary>
internal sealed class TypePlan
{
    public bool[] IsInt { get; }
    /// <summary>Registers live on entry at each pc (computed for entries only, null elsewhere).</summary>
    public bool[]?[] LiveIn { get; }
    public InstructionFacts[] Facts { get; }

    private TypePlan(bool[] isInt, bool[]?[] liveIn, InstructionFacts[] facts)
    {
        IsInt = isInt;
        LiveIn = liveIn;
        Facts = facts;
    }

    public IEnumerable<int> IntRegisters => Enumerable.Range(0, IsInt.Length).Where(r => IsInt[r]);

    public string Describe() => IntRegisters.Any() ? string.Join(", ", IntRegisters.Select(r => $"r{r}:int")) : "none";

    public static TypePlan For(FunctionProto proto, RegisterProgram program, ISet<int> excluded)
    {
        var code = proto.Code;
        var facts = new InstructionFacts[code.Length];
        for (int pc = 0; pc < code.Length; pc += Math.Max(1, facts[pc].Length))
            facts[pc] = InstructionFacts.Of(proto, program, pc);

        var candidate = new bool[proto.MaxStack];
        for (int r = proto.ParamCount; r < candidate.Length; r++) candidate[r] = !excluded.Contains(r);
        foreach (var nested in proto.Protos)
            foreach (var uv in nested.Upvalues)
                if (uv.InStack && uv.Index < candidate.Length) candidate[uv.Index] = false;

        // Greatest fixpoint: drop a register any of whose writers cannot yield an int.
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int pc = 0; pc < code.Length; pc += Math.Max(1, facts[pc].Length))
            {
                var f = facts[pc];
                if (f.Error is not null) return new TypePlan(new bool[proto.MaxStack], new bool[]?[code.Length], facts);
                foreach (var range in new[] { f.Write, f.JumpWrite, f.FallWrite, f.ReservedSlot })
                    for (int r = range.First; r < range.End; r++)
                        if (candidate[r] && !MayYieldInt(proto, code[pc], r, candidate))
                        {
                            candidate[r] = false;
                            changed = true;
                        }
            }
        }
        return new TypePlan(candidate, LiveAtEntries(proto, facts), facts);
    }

    /// <summary>Whether the instruction's write of <paramref name="r"/> may be kept as an int (guarded where not certain).</summary>
    private static bool MayYieldInt(FunctionProto proto, uint i, int r, bool[] chosen) => Op(i) switch
    {
        VmOp.LoadI or VmOp.Move or VmOp.AddI or VmOp.SubI or VmOp.Add or VmOp.Sub or VmOp.Mul => true,
        VmOp.LoadK => proto.Constants[Bx(i)].IsInt,
        VmOp.AddK or VmOp.SubK or VmOp.MulK => proto.Constants[C(i)].IsInt,
        // A counted loop's three registers are ints together or not at all.
        VmOp.ForPrep or VmOp.ForPrepInc or VmOp.ForLoop => chosen[A(i)] && chosen[A(i) + 1] && chosen[A(i) + 2],
        _ => false,
    };

    /// <summary>Backward liveness over the code; a call's window and everything above it dies at the call.</summary>
    private static bool[]?[] LiveAtEntries(FunctionProto proto, InstructionFacts[] facts)
    {
        var code = proto.Code;
        int n = proto.MaxStack;
        var live = new bool[code.Length][];
        for (int pc = 0; pc < code.Length; pc++) live[pc] = new bool[n];
        // An error inside a TRY's body goes to its handler: the compiler lays the body out between the two.
        var handlers = new List<int>[code.Length];
        for (int pc = 0; pc < code.Length; pc += Math.Max(1, facts[pc].Length))
            if (Op(code[pc]) == VmOp.Try)
                for (int inside = pc + 1; inside < facts[pc].Jump && inside < code.Length; inside++)
                    (handlers[inside] ??= []).Add(facts[pc].Jump);
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int pc = code.Length - 1; pc >= 0; pc--)
            {
                var f = facts[pc];
                if (f.Length == 0) continue; // an EXTRAARG word
                var outSet = new bool[n];
                void From(int succ)
                {
                    if (succ < 0 || succ >= code.Length) return;
                    for (int r = 0; r < n; r++) outSet[r] |= live[succ][r];
                }
                int next = pc + f.Length;
                if (f.FallsThrough) From(next);
                if (f.IsTest) From(next + 1);
                if (f.HasJump) From(f.Jump);
                foreach (int handler in handlers[pc] ?? []) From(handler);
                // A counted loop's and an iterator's registers written on one path are dead on the other
                // (the compiler reads them only inside the loop), so every write kills.
                foreach (var written in new[] { f.Write, f.JumpWrite, f.FallWrite })
                    for (int r = written.First; r < written.End; r++) outSet[r] = false;
                if (f.ClobberFrom >= 0)
                    for (int r = f.ClobberFrom; r < n; r++) outSet[r] = false;
                foreach (var range in f.Reads)
                    for (int r = range.First; r < Math.Min(range.End, n); r++) outSet[r] = true;
                if (!outSet.AsSpan().SequenceEqual(live[pc]))
                {
                    live[pc] = outSet;
                    changed = true;
                }
            }
        }
        return live;
    }
}
