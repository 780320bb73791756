using Veld.Runtime;
using Veld.RegisterVm;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Which registers of a function compiled code keeps unboxed in IL locals (<c>long</c>, <c>double</c> or <c>bool</c>),
/// and which of them are live where the VM may enter the code. A register gets a kind when the interpreter saw it
/// hold only that kind (<see cref="TypeProfile"/>), or, without feedback, when its writers say so (an int
/// constant, a counted loop, a float constant, a comparison); then it keeps the kind only if every instruction
/// writing it can yield that kind: provably (its operands have kinds) or checked by a guard that deoptimises
/// when it fails. Registers an upvalue or a catch writes through the stack, and registers whose guard already
/// failed in this run (<paramref name="excluded"/>), stay boxed; so do parameters the profile does not vouch for.
/// </summary>
internal sealed class TypePlan
{
    public RegisterKind[] Kinds { get; }
    /// <summary>Registers live on entry at each pc (null where nothing was computed: a plan for code with errors).</summary>
    public bool[]?[] LiveIn { get; }
    public InstructionFacts[] Facts { get; }
    /// <summary>Registers no instruction writes (parameters only read): their stack slot always holds the value
    /// their local caches, so they never need writing back.</summary>
    public bool[] NeverWritten { get; private init; } = [];
    /// <summary>Registers live where a TRY's handler starts: what a catch in the frame may read after an error.</summary>
    public bool[] LiveAtHandlers { get; }

    private TypePlan(FunctionProto proto, RegisterKind[] kinds, bool[]?[] liveIn, InstructionFacts[] facts)
    {
        Kinds = kinds;
        LiveIn = liveIn;
        Facts = facts;
        LiveAtHandlers = new bool[kinds.Length];
        for (int pc = 0; pc < facts.Length; pc += Math.Max(1, facts[pc].Length))
            if (Op(proto.Code[pc]) == VmOp.Try && facts[pc].Jump is var handler && (uint)handler < (uint)liveIn.Length && liveIn[handler] is { } live)
                for (int r = 0; r < kinds.Length; r++) LiveAtHandlers[r] |= live[r];
    }

    public IEnumerable<int> TypedRegisters => Enumerable.Range(0, Kinds.Length).Where(r => Kinds[r] != RegisterKind.Boxed);

    public string Describe() =>
        TypedRegisters.Any() ? string.Join(", ", TypedRegisters.Select(r => $"r{r}:{Kinds[r].ToString().ToLowerInvariant()}")) : "none";

    public static TypePlan For(FunctionProto proto, RegisterProgram program, ISet<int> excluded, SeenKinds[]? profile = null)
    {
        var code = proto.Code;
        var facts = new InstructionFacts[code.Length];
        for (int pc = 0; pc < code.Length; pc += Math.Max(1, facts[pc].Length))
            facts[pc] = InstructionFacts.Of(proto, program, pc);
        var kinds = new RegisterKind[proto.MaxStack];
        for (int pc = 0; pc < code.Length; pc += Math.Max(1, facts[pc].Length))
            if (facts[pc].Error is not null) return new TypePlan(proto, kinds, new bool[]?[code.Length], facts);

        var writers = new List<int>?[proto.MaxStack];
        for (int pc = 0; pc < code.Length; pc += Math.Max(1, facts[pc].Length))
        {
            var f = facts[pc];
            foreach (var range in new[] { f.Write, f.JumpWrite, f.FallWrite, f.ReservedSlot })
                for (int r = range.First; r < range.End && r < kinds.Length; r++)
                    (writers[r] ??= []).Add(pc);
        }
        var seen = new SeenKinds[proto.MaxStack];
        if (profile is not null) profile.AsSpan(0, Math.Min(profile.Length, seen.Length)).CopyTo(seen);

        for (int r = 0; r < kinds.Length; r++)
        {
            if (excluded.Contains(r)) continue;
            kinds[r] = seen[r] switch
            {
                SeenKinds.Int => RegisterKind.Int,
                SeenKinds.Float => RegisterKind.Float,
                SeenKinds.Bool => RegisterKind.Bool,
                SeenKinds.None when r >= proto.ParamCount => StaticKind(proto, writers[r]),
                _ => RegisterKind.Boxed,
            };
        }
        foreach (var nested in proto.Protos)
            foreach (var uv in nested.Upvalues)
                if (uv.InStack && uv.Index < kinds.Length) kinds[uv.Index] = RegisterKind.Boxed;

        // Greatest fixpoint: a register any of whose writers cannot yield its kind goes back to the stack.
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int r = 0; r < kinds.Length; r++)
            {
                if (kinds[r] == RegisterKind.Boxed) continue;
                foreach (int pc in writers[r] ?? [])
                    if (!MayYield(proto, code[pc], r, kinds, seen[r] != SeenKinds.None))
                    {
                        kinds[r] = RegisterKind.Boxed;
                        changed = true;
                        break;
                    }
            }
        }
        return new TypePlan(proto, kinds, LiveAtEntries(proto, facts), facts)
        {
            NeverWritten = [.. writers.Select(w => w is null)],
        };
    }

    /// <summary>Without feedback: the kind the writers of a register agree on (a move agrees with anything).
    /// Add, Sub and Mul alone are guessed int, as before feedback: a wrong guess costs one deoptimisation.</summary>
    private static RegisterKind StaticKind(FunctionProto proto, List<int>? writers)
    {
        var kind = RegisterKind.Boxed;
        foreach (int pc in writers ?? [])
        {
            if (KindWritten(proto, proto.Code[pc]) is not { } k) continue;
            if (kind != RegisterKind.Boxed && kind != k) return RegisterKind.Boxed;
            kind = k;
        }
        return kind;
    }

    /// <summary>The kind an instruction certainly writes, when its opcode and constants alone say.</summary>
    private static RegisterKind? KindWritten(FunctionProto proto, uint i) => Op(i) switch
    {
        VmOp.LoadI or VmOp.AddI or VmOp.SubI or VmOp.ForPrep or VmOp.ForPrepInc or VmOp.ForLoop => RegisterKind.Int,
        VmOp.LoadK when proto.Constants[Bx(i)].IsInt => RegisterKind.Int,
        VmOp.LoadK when proto.Constants[Bx(i)].IsFloat => RegisterKind.Float,
        VmOp.LoadF => RegisterKind.Float,
        VmOp.AddK or VmOp.SubK or VmOp.MulK or VmOp.DivK when proto.Constants[C(i)].IsFloat => RegisterKind.Float,
        VmOp.LoadTrue or VmOp.LoadFalse or VmOp.Not => RegisterKind.Bool,
        >= VmOp.SetEq and <= VmOp.SetGeK => RegisterKind.Bool,
        >= VmOp.BAnd and <= VmOp.Shr or >= VmOp.BAndK and <= VmOp.ShrK => RegisterKind.Int,
        VmOp.LoadUnit or VmOp.LoadKX or VmOp.ToStr => RegisterKind.Boxed,
        VmOp.LoadK => RegisterKind.Boxed,
        _ => null,
    };

    private static bool IsArithmetic(VmOp op) => op is >= VmOp.Add and <= VmOp.ShrK or VmOp.AddI or VmOp.SubI or VmOp.Unm;

    /// <summary>The kind arithmetic yields from operands whose kinds are known: a float operand makes a float
    /// (the runtime's mixed arithmetic), two ints an int (or an error, which the interpreter raises).</summary>
    private static RegisterKind? ArithmeticResult(FunctionProto proto, uint i, RegisterKind[] kinds)
    {
        var op = Op(i);
        RegisterKind Of(int r) => r < kinds.Length ? kinds[r] : RegisterKind.Boxed;
        static RegisterKind OfConstant(Value v) => v.IsInt ? RegisterKind.Int : v.IsFloat ? RegisterKind.Float : RegisterKind.Boxed;
        (RegisterKind x, RegisterKind y) = op switch
        {
            VmOp.Add or VmOp.Sub or VmOp.Mul or VmOp.Div or VmOp.Mod => (Of(B(i)), Of(C(i))),
            VmOp.AddK or VmOp.SubK or VmOp.MulK or VmOp.DivK or VmOp.ModK => (Of(B(i)), OfConstant(proto.Constants[C(i)])),
            VmOp.AddI or VmOp.SubI => (Of(B(i)), RegisterKind.Int),
            VmOp.Unm => (Of(B(i)), Of(B(i))),
            _ => (RegisterKind.Boxed, RegisterKind.Boxed),
        };
        if (x is not (RegisterKind.Int or RegisterKind.Float) || y is not (RegisterKind.Int or RegisterKind.Float)) return null;
        return x == RegisterKind.Float || y == RegisterKind.Float ? RegisterKind.Float : RegisterKind.Int;
    }

    /// <summary>Whether the instruction's write of <paramref name="r"/> may be kept as the register's kind (guarded
    /// where not certain). <paramref name="profiled"/>: the interpreter saw only that kind there, so any instruction
    /// whose result compiled code stores through a guard may write it.</summary>
    private static bool MayYield(FunctionProto proto, uint i, int r, RegisterKind[] kinds, bool profiled)
    {
        var op = Op(i);
        // A counted loop's three registers are ints together or not at all (the helpers write them in the stack).
        if (op is VmOp.ForPrep or VmOp.ForPrepInc or VmOp.ForLoop)
            return kinds[A(i)] == RegisterKind.Int && kinds[A(i) + 1] == RegisterKind.Int && kinds[A(i) + 2] == RegisterKind.Int;
        if (!StoresThroughGuard(op) || r != A(i)) return false;
        if ((KindWritten(proto, i) ?? ArithmeticResult(proto, i, kinds)) is { } certain && certain != kinds[r]) return false;
        if (kinds[r] == RegisterKind.Bool && IsArithmetic(op)) return false;
        if (profiled || op == VmOp.Move) return true;
        return kinds[r] switch
        {
            RegisterKind.Int => op switch
            {
                VmOp.LoadI or VmOp.AddI or VmOp.SubI or VmOp.Add or VmOp.Sub or VmOp.Mul => true,
                VmOp.LoadK => proto.Constants[Bx(i)].IsInt,
                VmOp.AddK or VmOp.SubK or VmOp.MulK => proto.Constants[C(i)].IsInt,
                _ => false,
            },
            RegisterKind.Float => op switch
            {
                VmOp.LoadF or VmOp.Add or VmOp.Sub or VmOp.Mul or VmOp.Div or VmOp.Unm => true,
                VmOp.LoadK => proto.Constants[Bx(i)].IsFloat,
                VmOp.AddK or VmOp.SubK or VmOp.MulK or VmOp.DivK => proto.Constants[C(i)].IsNumber,
                _ => false,
            },
            RegisterKind.Bool => op is VmOp.LoadTrue or VmOp.LoadFalse or VmOp.Not || op is >= VmOp.SetEq and <= VmOp.SetGeK,
            _ => false,
        };
    }

    /// <summary>Instructions whose result (in R[A]) compiled code stores through <c>Store</c>: a typed register's guard.</summary>
    private static bool StoresThroughGuard(VmOp op) => op switch
    {
        VmOp.Move or VmOp.LoadI or VmOp.LoadF or VmOp.LoadK or VmOp.LoadKX or VmOp.LoadFalse or VmOp.LoadTrue or VmOp.LoadUnit
            or VmOp.GetUpval or VmOp.GetGlobal or VmOp.AddI or VmOp.SubI or VmOp.Unm or VmOp.Not
            or VmOp.GetIndex or VmOp.GetField or VmOp.GetTuple or VmOp.GetPayload or VmOp.Cast or VmOp.ToStr => true,
        >= VmOp.Add and <= VmOp.Shr => true,
        >= VmOp.AddK and <= VmOp.ShrK => true,
        >= VmOp.SetEq and <= VmOp.SetGeK => true,
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
