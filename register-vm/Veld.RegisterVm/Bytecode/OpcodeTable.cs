using static Veld.RegisterVm.Field;
using static Veld.RegisterVm.IndexSpace;
using static Veld.RegisterVm.OpFormat;
using static Veld.RegisterVm.RegisterCount;

namespace Veld.RegisterVm;

/// <summary>
/// The facts of every opcode, one entry each (the counterpart of Lua's <c>luaP_opmodes</c> beside
/// <c>lopcodes.h</c>). The meaning of each opcode is documented at the top of Instruction.cs; this table
/// says the same thing in a form programs can read. Adding an opcode means adding its entry here: the
/// static constructor refuses to leave one out.
/// </summary>
public static class OpcodeTable
{
    private static readonly OpcodeFacts[] ByOpcode = Build();

    /// <summary>The facts of <paramref name="op"/>, or null for a number that is not an opcode.</summary>
    public static OpcodeFacts? Find(OpCode op) => (uint)op < (uint)ByOpcode.Length ? ByOpcode[(int)op] : null;

    /// <summary>The facts of <paramref name="op"/> (which must be an opcode).</summary>
    public static OpcodeFacts Of(OpCode op) => Find(op) ?? throw new ArgumentOutOfRangeException(nameof(op), $"{(int)op} is not an opcode");

    public static IReadOnlyList<OpcodeFacts> All => ByOpcode;

    private static RegisterOperand R(Field first, int offset = 0, RegisterCount count = One, WhenK when = WhenK.Always) =>
        new(first, offset, count, when);

    private static OpcodeFacts[] Build()
    {
        var entries = new List<OpcodeFacts>();
        void Def(OpCode op, OpFormat format, RegisterOperand[]? reads = null, RegisterOperand write = default,
            IndexOperand[]? indexes = null, bool usesK = false, bool clobbersFromA = false, bool canThrow = false,
            bool fallsThrough = true, bool test = false, JumpField jump = JumpField.None,
            RegisterOperand fallWrite = default, RegisterOperand jumpWrite = default, RegisterOperand reserved = default) =>
            entries.Add(new OpcodeFacts
            {
                Op = op,
                Mnemonic = op.ToString().ToUpperInvariant(),
                Format = format,
                UsesK = usesK,
                Reads = reads ?? [],
                Write = write,
                FallWrite = fallWrite,
                JumpWrite = jumpWrite,
                ReservedSlot = reserved,
                ClobbersFromA = clobbersFromA,
                Indexes = indexes ?? [],
                AlwaysHasExtraArg = indexes?.Any(x => x.Field == ExtraArg) ?? false,
                FollowedByJmp = test,
                Jump = jump,
                FallsThrough = fallsThrough,
                CanThrow = canThrow,
                IsOperandWord = op == OpCode.ExtraArg,
            });

        // ---- loads and moves
        Def(OpCode.Move, ABC, [R(B)], R(A));
        Def(OpCode.LoadI, AsBx, write: R(A));
        Def(OpCode.LoadF, AsBx, write: R(A));
        Def(OpCode.LoadK, ABx, write: R(A), indexes: [new(Constant, Bx)]);
        Def(OpCode.LoadKX, ABC, write: R(A), indexes: [new(Constant, ExtraArg)]);
        Def(OpCode.LoadFalse, ABC, write: R(A));
        Def(OpCode.LoadTrue, ABC, write: R(A));
        Def(OpCode.LoadUnit, ABC, write: R(A));
        Def(OpCode.GetUpval, ABC, write: R(A), indexes: [new(IndexSpace.Upvalue, B)]);
        Def(OpCode.SetUpval, ABC, [R(A)], indexes: [new(IndexSpace.Upvalue, B)]);
        Def(OpCode.GetCapt, ABC, write: R(A), indexes: [new(Capture, B)]);
        Def(OpCode.GetGlobal, ABx, write: R(A), indexes: [new(Global, Bx)], canThrow: true); // not yet declared
        Def(OpCode.SetGlobal, ABx, [R(A)], indexes: [new(Global, Bx)]);

        // ---- arithmetic: R[A] := R[B] op R[C] | K[C] | sC
        foreach (var op in new[] { OpCode.Add, OpCode.Sub, OpCode.Mul, OpCode.Div, OpCode.Mod, OpCode.Pow, OpCode.BAnd, OpCode.BOr, OpCode.BXor, OpCode.Shl, OpCode.Shr })
            Def(op, ABC, [R(B), R(C)], R(A), canThrow: true);
        foreach (var op in new[] { OpCode.AddK, OpCode.SubK, OpCode.MulK, OpCode.DivK, OpCode.ModK, OpCode.PowK, OpCode.BAndK, OpCode.BOrK, OpCode.BXorK, OpCode.ShlK, OpCode.ShrK })
            Def(op, ABC, [R(B)], R(A), indexes: [new(Constant, C)], canThrow: true);
        foreach (var op in new[] { OpCode.AddI, OpCode.SubI, OpCode.Unm, OpCode.Not })
            Def(op, ABC, [R(B)], R(A), canThrow: true);

        // ---- tests (each followed by its JMP) and jumps
        foreach (var op in new[] { OpCode.Eq, OpCode.Lt, OpCode.Le, OpCode.Gt, OpCode.Ge })
            Def(op, ABC, [R(A), R(B)], usesK: true, test: true, canThrow: true);
        Def(OpCode.EqK, ABC, [R(A)], indexes: [new(Constant, B)], usesK: true, test: true, canThrow: true);
        foreach (var op in new[] { OpCode.EqI, OpCode.LtI, OpCode.LeI, OpCode.GtI, OpCode.GeI })
            Def(op, ABC, [R(A)], usesK: true, test: true, canThrow: true);
        Def(OpCode.Test, ABC, [R(A)], indexes: [new(IndexSpace.BoolContext, C)], usesK: true, test: true, canThrow: true);
        Def(OpCode.Jmp, sJ, jump: JumpField.SJ, fallsThrough: false);

        // ---- comparisons as values
        foreach (var op in new[] { OpCode.SetEq, OpCode.SetLt, OpCode.SetLe, OpCode.SetGt, OpCode.SetGe })
            Def(op, ABC, [R(B), R(C)], R(A), usesK: true, canThrow: true);
        foreach (var op in new[] { OpCode.SetEqK, OpCode.SetLtK, OpCode.SetLeK, OpCode.SetGtK, OpCode.SetGeK })
            Def(op, ABC, [R(B)], R(A), indexes: [new(Constant, C)], usesK: true, canThrow: true);

        // ---- calls: register windows (see Instruction.cs); a call clobbers its window and everything above it
        Def(OpCode.Call, ABC, [R(A, count: FieldBPlusOne)], R(C), clobbersFromA: true, canThrow: true);
        // A builtin never touches the frame, so CALLK clobbers nothing; its result is kept only when k is set.
        Def(OpCode.CallK, ABC, [R(A, count: FieldB)], R(A, when: WhenK.Set), indexes: [new(Builtin, C)], usesK: true, canThrow: true);
        Def(OpCode.CallG, ABC, [R(A, count: FieldB)], R(A), indexes: [new(Global, C)], clobbersFromA: true, canThrow: true);
        Def(OpCode.CallR, ABC, [R(A, count: FieldB), R(C)], R(A), clobbersFromA: true, canThrow: true);
        Def(OpCode.TailCall, ABC, [R(A, count: FieldBPlusOne)], fallsThrough: false, canThrow: true);
        Def(OpCode.TailCallG, ABC, [R(A, count: FieldB)], indexes: [new(Global, C)], fallsThrough: false, canThrow: true);
        Def(OpCode.TailCallR, ABC, [R(A, count: FieldB), R(C)], fallsThrough: false, canThrow: true);
        Def(OpCode.MethodCall, ABC, [R(B), R(A, 1, MethodSiteArity)], R(A), indexes: [new(MethodSite, C, Extends: true)],
            clobbersFromA: true, canThrow: true);
        Def(OpCode.TailMethod, ABC, [R(B), R(A, 1, MethodSiteArity)], indexes: [new(MethodSite, C, Extends: true)],
            reserved: R(A), fallsThrough: false, canThrow: true);
        Def(OpCode.Return, ABC, [R(A)], fallsThrough: false);
        Def(OpCode.ReturnUnit, ABC, fallsThrough: false);
        Def(OpCode.Closure, ABx, write: R(A), indexes: [new(Proto, Bx)]);
        Def(OpCode.Close, ABC);

        // ---- loops: R[A] and R[A+1] are the loop's state, R[A+2] (ranges) or R[A+1] (iterators) its variable
        Def(OpCode.ForPrep, AsBx, [R(A, count: Two)], jump: JumpField.SBx, fallWrite: R(A, count: Three), canThrow: true);
        Def(OpCode.ForPrepInc, AsBx, [R(A, count: Two)], jump: JumpField.SBx, fallWrite: R(A, count: Three), canThrow: true);
        Def(OpCode.ForLoop, AsBx, [R(A, count: Two)], jump: JumpField.SBx, jumpWrite: R(A, count: Three));
        Def(OpCode.IterPrep, AsBx, [R(A)], R(A), jump: JumpField.SBx, fallsThrough: false, canThrow: true);
        Def(OpCode.IterNext, AsBx, [R(A)], jump: JumpField.SBx, jumpWrite: R(A, 1), canThrow: true);

        // ---- constructors and element access
        Def(OpCode.NewArray, ABC, [R(B, count: FieldC)], R(A));
        Def(OpCode.NewArrayK, ABx, write: R(A), indexes: [new(ConstantTuple, Bx)]);
        Def(OpCode.Append, ABC, [R(A), R(B, count: FieldC)]);
        Def(OpCode.NewTuple, ABC, [R(B, count: FieldC)], R(A));
        Def(OpCode.NewMap, ABC, [R(B, count: PairsInC)], R(A), canThrow: true);
        Def(OpCode.MapInsert, ABC, [R(A), R(B, count: PairsInC)], canThrow: true);
        Def(OpCode.NewRange, ABC, [R(B), R(C)], R(A), usesK: true, canThrow: true);
        Def(OpCode.NewStruct, ABC, [R(B, count: ConstructorArity)], R(A), indexes: [new(StructConstructor, C, Extends: true)]);
        Def(OpCode.NewEnum, ABC, [R(B, count: ConstructorArity)], R(A), indexes: [new(VariantConstructor, C, Extends: true)]);
        Def(OpCode.GetIndex, ABC, [R(B), R(C)], R(A), canThrow: true);
        Def(OpCode.SetIndex, ABC, [R(A), R(B), R(C, when: WhenK.Clear)], indexes: [new(Constant, C, When: WhenK.Set)],
            usesK: true, canThrow: true);
        Def(OpCode.GetField, ABC, [R(B)], R(A), indexes: [new(Name, C, Extends: true)], canThrow: true);
        Def(OpCode.SetField, ABC, [R(A), R(C, when: WhenK.Clear)], indexes: [new(Name, B, Extends: true), new(Constant, C, When: WhenK.Set)],
            usesK: true, canThrow: true);
        Def(OpCode.GetTuple, ABC, [R(B)], R(A), indexes: [new(TupleElement, C, Extends: true)], canThrow: true);

        // ---- pattern tests (each followed by its JMP to the next arm)
        Def(OpCode.TestTuple, ABx, [R(A)], test: true);
        Def(OpCode.TestVariant, ABx, [R(A)], indexes: [new(VariantConstructor, Bx)], test: true);
        Def(OpCode.TestRange, ABx, [R(A)], indexes: [new(ConstantRange, Bx)], test: true);
        Def(OpCode.GetPayload, ABC, [R(B)], R(A));
        Def(OpCode.NoMatch, ABC, [R(A)], fallsThrough: false, canThrow: true);

        // ---- errors
        Def(OpCode.Try, AsBx, jump: JumpField.SBx, jumpWrite: R(A));
        Def(OpCode.EndTry, ABC);
        Def(OpCode.Throw, ABC, [R(A)], fallsThrough: false, canThrow: true);
        Def(OpCode.AssertFail, ABC, [R(A, when: WhenK.Set)], usesK: true, fallsThrough: false, canThrow: true);

        // ---- strings and output
        Def(OpCode.Format, ABC, [R(B, count: TemplateHoles)], R(A), indexes: [new(Template, C, Extends: true)], canThrow: true);
        Def(OpCode.Print, ABC, [R(A, count: TemplateHoles)], indexes: [new(Template, B, Extends: true)], usesK: true, canThrow: true);
        Def(OpCode.Cast, ABC, [R(B)], R(A), indexes: [new(IndexSpace.CastTarget, C), new(Name, ExtraArg)], canThrow: true);
        Def(OpCode.ExtraArg, Ax);
        Def(OpCode.ToStr, ABC, [R(B)], R(A), canThrow: true);
        Def(OpCode.CheckBool, ABC, [R(A)], indexes: [new(IndexSpace.BoolContext, C)], canThrow: true);

        var table = new OpcodeFacts[Enum.GetValues<OpCode>().Length];
        foreach (var facts in entries)
        {
            if (table[(int)facts.Op] is not null) throw new InvalidOperationException($"two entries for {facts.Mnemonic}");
            table[(int)facts.Op] = facts;
        }
        for (int op = 0; op < table.Length; op++)
            if (table[op] is null) throw new InvalidOperationException($"no entry for opcode {(OpCode)op}");
        return table;
    }
}
