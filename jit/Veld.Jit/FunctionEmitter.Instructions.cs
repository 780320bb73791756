using System.Reflection;
using MethodInfo = System.Reflection.MethodInfo;
using System.Reflection.Emit;
using Veld.RegisterVm;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>One instruction's IL: what its case in RegisterMachine.Dispatch does, with constant operands.</summary>
internal sealed partial class FunctionEmitter
{
    private static MethodInfo Vm(string name) => VmMembers.Vm(name);
    private static MethodInfo ArithOp(string name) => VmMembers.Method(typeof(Arith), name);
    private static MethodInfo CompareOp(string name) => VmMembers.Method(typeof(Compare), name);
    private static MethodInfo AccessOp(string name) => VmMembers.Method(typeof(Access), name);
    private static MethodInfo Runtime(string name) => VmMembers.Method(typeof(Operators), name, typeof(Value), typeof(Value));

    /// <summary>The helper of each two-operand arithmetic instruction (register and constant forms).</summary>
    private static readonly Dictionary<VmOp, MethodInfo> Binary = new()
    {
        [VmOp.Add] = ArithOp(nameof(Arith.Add)), [VmOp.Sub] = ArithOp(nameof(Arith.Sub)), [VmOp.Mul] = ArithOp(nameof(Arith.Mul)),
        [VmOp.Div] = ArithOp(nameof(Arith.Div)), [VmOp.Mod] = ArithOp(nameof(Arith.Mod)), [VmOp.Pow] = Runtime(nameof(Operators.Pow)),
        [VmOp.BAnd] = ArithOp(nameof(Arith.BAnd)), [VmOp.BOr] = ArithOp(nameof(Arith.BOr)), [VmOp.BXor] = ArithOp(nameof(Arith.BXor)),
        [VmOp.Shl] = Runtime(nameof(Operators.Shl)), [VmOp.Shr] = Runtime(nameof(Operators.Shr)),
    };

    /// <summary>The comparison behind each test and SET instruction: register, constant or immediate second operand.</summary>
    private static readonly Dictionary<VmOp, MethodInfo> Comparison = new()
    {
        [VmOp.Eq] = CompareOp(nameof(Compare.Equal)), [VmOp.Lt] = CompareOp(nameof(Compare.Less)), [VmOp.Le] = CompareOp(nameof(Compare.LessEqual)),
        [VmOp.Gt] = CompareOp(nameof(Compare.Greater)), [VmOp.Ge] = CompareOp(nameof(Compare.GreaterEqual)),
        [VmOp.EqI] = CompareOp(nameof(Compare.EqualInt)), [VmOp.LtI] = CompareOp(nameof(Compare.LessInt)), [VmOp.LeI] = CompareOp(nameof(Compare.LessEqualInt)),
        [VmOp.GtI] = CompareOp(nameof(Compare.GreaterInt)), [VmOp.GeI] = CompareOp(nameof(Compare.GreaterEqualInt)),
    };

    private static readonly Dictionary<VmOp, VmOp> SetToTest = new()
    {
        [VmOp.SetEq] = VmOp.Eq, [VmOp.SetLt] = VmOp.Lt, [VmOp.SetLe] = VmOp.Le, [VmOp.SetGt] = VmOp.Gt, [VmOp.SetGe] = VmOp.Ge,
        [VmOp.SetEqK] = VmOp.Eq, [VmOp.SetLtK] = VmOp.Lt, [VmOp.SetLeK] = VmOp.Le, [VmOp.SetGtK] = VmOp.Gt, [VmOp.SetGeK] = VmOp.Ge,
    };

    /// <summary>Instructions that cannot raise a Veld error (every other one records its pc for the line stamp). A JMP
    /// back is a loop's end, whose tick records it (<see cref="LoopEndTick"/>).</summary>
    private static readonly HashSet<VmOp> CannotRaise =
    [
        VmOp.Jmp, VmOp.Move, VmOp.LoadI, VmOp.LoadF, VmOp.LoadK, VmOp.LoadKX, VmOp.LoadFalse, VmOp.LoadTrue, VmOp.LoadUnit,
        VmOp.GetUpval, VmOp.GetCapt, VmOp.SetUpval, VmOp.SetGlobal, VmOp.Closure, VmOp.Close, VmOp.Try, VmOp.EndTry,
        VmOp.Return, VmOp.ReturnUnit, VmOp.NewArray, VmOp.NewArrayK, VmOp.NewTuple, VmOp.TestTuple, VmOp.TestVariant, VmOp.TestRange,
    ];

    /// <summary>Instructions that may hand the frame to the VM (a call, a tail call).</summary>
    private static readonly HashSet<VmOp> LeavesFrame =
    [
        VmOp.Call, VmOp.CallG, VmOp.CallR, VmOp.CallK, VmOp.TailCall, VmOp.TailCallG, VmOp.TailCallR, VmOp.MethodCall, VmOp.TailMethod,
    ];

    /// <summary>Instructions whose helper reads a run of registers from the stack by slot.</summary>
    private static readonly HashSet<VmOp> ReadsWindow =
    [
        VmOp.NewArray, VmOp.NewTuple, VmOp.NewMap, VmOp.MapInsert, VmOp.Append, VmOp.NewStruct, VmOp.NewEnum,
        VmOp.Format, VmOp.Print, VmOp.ForPrep, VmOp.ForPrepInc, VmOp.ForLoop, VmOp.IterNext,
    ];

    private void FlushReads(InstructionFacts facts)
    {
        var webs = new List<int>();
        foreach (var range in facts.Reads)
            for (int r = range.First; r < range.End && r < _proto.MaxStack; r++)
                if (IsTyped(r)) webs.Add(WebIn(r));
        FlushAll(webs);
    }

    private void EmitInstruction(int pc)
    {
        uint i = _code[pc];
        var op = Op(i);
        int a = A(i), b = B(i), c = C(i);
        int next = pc + Width(pc);
        _pc = pc;
        if (TryEmitTyped(pc)) return;
        if (!CannotRaise.Contains(op)) MayRaise(pc);
        // x.push(item) on an array stays in this frame: its inline path comes before the flush a call needs.
        var pushed = op == VmOp.MethodCall && IsArrayPush(ConstantIndex(pc, c)) ? EmitArrayPush(a, b, next) : (Label?)null;
        // Helpers read their operand windows from the stack: int registers go there first. A call may leave
        // for the trampoline, after which the VM resumes this frame from the stack: all of them go.
        if (LeavesFrame.Contains(op) && !FlushesAfterDirectCall(pc)) FlushLive(-1, pc, next);
        else if (ReadsWindow.Contains(op)) FlushReads(_plan.Facts[pc]);
        switch (op)
        {
            // ---- loads and moves ------------------------------------------------------------------------------
            case VmOp.Move: Store(a, () => Register(b)); break;
            case VmOp.LoadI: Store(a, () => { _il.Emit(OpCodes.Ldc_I8, (long)SBx(i)); _il.Emit(OpCodes.Call, VmMembers.FromInt); }); break;
            case VmOp.LoadF: Store(a, () => { _il.Emit(OpCodes.Ldc_R8, (double)SBx(i)); _il.Emit(OpCodes.Call, VmMembers.FromFloat); }); break;
            case VmOp.LoadK: Store(a, () => Constant(Bx(i))); break;
            case VmOp.LoadKX: Store(a, () => Constant(AxOf(_code[pc + 1]))); break;
            case VmOp.LoadFalse: Store(a, () => _il.Emit(OpCodes.Ldsfld, VmMembers.False)); break;
            case VmOp.LoadTrue: Store(a, () => _il.Emit(OpCodes.Ldsfld, VmMembers.True)); break;
            case VmOp.LoadUnit: Store(a, () => _il.Emit(OpCodes.Ldsfld, VmMembers.Unit)); break;
            case VmOp.GetUpval: Store(a, () => { Upvalue(b); _il.Emit(OpCodes.Call, VmMembers.UpvalueGet); }); break;
            case VmOp.GetCapt: Store(a, () => { _il.Emit(OpCodes.Ldloc, _closure); _il.Emit(OpCodes.Call, VmMembers.ClosureCaptured); _il.Int(b); _il.Emit(OpCodes.Ldelem, typeof(Value)); }); break;
            case VmOp.SetUpval:
                Upvalue(b);
                Register(a);
                _il.Emit(OpCodes.Call, VmMembers.UpvalueSet);
                break;
            case VmOp.GetGlobal: Store(a, () => VmCall(nameof(RegisterMachine.GlobalAt), () => _il.Int(Bx(i)))); break;
            case VmOp.SetGlobal: VmCall(nameof(RegisterMachine.SetGlobalAt), () => { _il.Int(Bx(i)); Register(a); }); break;

            // ---- arithmetic ---------------------------------------------------------------------------------------
            case VmOp.Add or VmOp.Sub or VmOp.Mul or VmOp.Div or VmOp.Mod or VmOp.Pow or VmOp.BAnd or VmOp.BOr or VmOp.BXor or VmOp.Shl or VmOp.Shr:
                Store(a, () => { Register(b); Register(c); _il.Emit(OpCodes.Call, Binary[op]); });
                break;
            case VmOp.AddK or VmOp.SubK or VmOp.MulK or VmOp.DivK or VmOp.ModK or VmOp.PowK or VmOp.BAndK or VmOp.BOrK or VmOp.BXorK or VmOp.ShlK or VmOp.ShrK:
                Store(a, () => { Register(b); Constant(c); _il.Emit(OpCodes.Call, Binary[op - VmOp.AddK + VmOp.Add]); });
                break;
            case VmOp.AddI: Store(a, () => { Register(b); _il.Int(SC(i)); _il.Emit(OpCodes.Call, ArithOp(nameof(Arith.AddInt))); }); break;
            case VmOp.SubI: Store(a, () => { Register(b); _il.Int(SC(i)); _il.Emit(OpCodes.Call, ArithOp(nameof(Arith.SubInt))); }); break;
            case VmOp.Unm: Store(a, () => { Register(b); _il.Emit(OpCodes.Call, ArithOp(nameof(Arith.Negate))); }); break;
            case VmOp.Not: Store(a, () => { Register(b); _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.Not))); }); break;

            // ---- tests: the condition equal to k runs the JMP at pc + 1, else control skips it -------------------------
            case VmOp.Eq or VmOp.Lt or VmOp.Le or VmOp.Gt or VmOp.Ge:
                Register(a);
                Register(b);
                _il.Emit(OpCodes.Call, Comparison[op]);
                SkipJumpUnless(pc, K(i));
                break;
            case VmOp.EqK:
                Register(a);
                Constant(b);
                _il.Emit(OpCodes.Call, Comparison[VmOp.Eq]);
                SkipJumpUnless(pc, K(i));
                break;
            case VmOp.EqI or VmOp.LtI or VmOp.LeI or VmOp.GtI or VmOp.GeI:
                Register(a);
                _il.Int(SB(i));
                _il.Emit(OpCodes.Call, Comparison[op]);
                SkipJumpUnless(pc, K(i));
                break;
            case VmOp.Test:
                Register(a);
                _il.Int(c);
                _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.Truth)));
                SkipJumpUnless(pc, K(i));
                break;
            case VmOp.SetEq or VmOp.SetLt or VmOp.SetLe or VmOp.SetGt or VmOp.SetGe
                or VmOp.SetEqK or VmOp.SetLtK or VmOp.SetLeK or VmOp.SetGtK or VmOp.SetGeK:
                Store(a, () =>
                {
                    Register(b);
                    if (op >= VmOp.SetEqK) Constant(c); else Register(c);
                    _il.Emit(OpCodes.Call, Comparison[SetToTest[op]]);
                    if (K(i)) { _il.Int(0); _il.Emit(OpCodes.Ceq); } // (condition != k)
                    _il.Emit(OpCodes.Call, VmMembers.FromBool);
                });
                break;
            case VmOp.CheckBool:
                Register(a);
                _il.Int(c);
                _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.CheckBool)));
                break;
            case VmOp.Jmp:
            {
                int offset = SJOf(i);
                if (offset < 0) BackEdgeTick(next + offset);
                _il.Emit(OpCodes.Br, Target(next + offset));
                break;
            }

            // ---- calls and returns --------------------------------------------------------------------------------
            case VmOp.Call: EmitClosureCall(pc, next, () => Register(a), a + 1, b, c); break;
            case VmOp.CallG: EmitGlobalCall(pc, next, c, a, b); break;
            case VmOp.CallR: EmitClosureCall(pc, next, () => Register(c), a, b, a); break;
            case VmOp.CallK:
            {
                void Invoke() => VmCall(nameof(RegisterMachine.CallBuiltin), () => { Constant(c); Slot(a); _il.Int(b); });
                if (K(i)) StoreAfterCall(a, Invoke);
                else
                {
                    Invoke();
                    _il.Emit(OpCodes.Pop);
                    ReloadRegisters();
                }
                break;
            }
            case VmOp.TailCall: EmitTailCall(() => Register(a), a + 1, b); break;
            case VmOp.TailCallG: EmitTailCall(() => VmCall(nameof(RegisterMachine.GlobalAt), () => _il.Int(c)), a, b); break;
            case VmOp.TailCallR: EmitTailCall(() => Register(c), a, b); break;
            case VmOp.MethodCall or VmOp.TailMethod: EmitMethodCall(pc, next, op == VmOp.TailMethod, a, b, ConstantIndex(pc, c)); break;
            case VmOp.Return when _links.Self is not null: EmitDirectReturn(a); break;
            case VmOp.Return: Exit(() => VmCall(nameof(RegisterMachine.ReturnValue), () => { Register(a); ActivationArgs(); })); break;
            case VmOp.ReturnUnit when _links.Self is not null: EmitDirectReturn(-1); break;
            case VmOp.ReturnUnit:
                Exit(() => VmCall(nameof(RegisterMachine.ReturnValue), () => { _il.Emit(OpCodes.Ldsfld, VmMembers.Unit); ActivationArgs(); }));
                break;
            case VmOp.Closure:
                Store(a, () => VmCall(nameof(RegisterMachine.NewClosure), () => { _il.Emit(OpCodes.Ldloc, _closure); _il.Int(Bx(i)); _il.Emit(OpCodes.Ldloc, _base); }));
                break;
            case VmOp.Close: VmCall(nameof(RegisterMachine.CloseFrom), () => Slot(a)); break;

            // ---- loops --------------------------------------------------------------------------------------------
            case VmOp.ForPrep or VmOp.ForPrepInc:
                VmCall(nameof(RegisterMachine.PrepareRange), () => { Slot(a); Bool(op == VmOp.ForPrepInc); });
                _il.Emit(OpCodes.Brfalse, Target(next + SBx(i)));
                break;
            case VmOp.ForLoop:
                LoopEndTick();
                VmCall(nameof(RegisterMachine.StepRange), () => Slot(a));
                BackEdgeIfTrue(next + SBx(i));
                break;
            case VmOp.IterPrep:
                Store(a, () => { Register(a); _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.NewIterator))); });
                _il.Emit(OpCodes.Br, Target(next + SBx(i)));
                break;
            case VmOp.IterNext: EmitIteratorStep(a, next + SBx(i)); break;

            // ---- data ---------------------------------------------------------------------------------------------
            case VmOp.NewArray: Store(a, () => VmCall(nameof(RegisterMachine.NewArray), () => { Slot(b); _il.Int(c); })); break;
            case VmOp.NewArrayK: Store(a, () => { Constant(Bx(i)); _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.NewArrayOf))); }); break;
            case VmOp.Append: VmCall(nameof(RegisterMachine.AppendTo), () => { Register(a); Slot(b); _il.Int(c); }); break;
            case VmOp.NewTuple: Store(a, () => VmCall(nameof(RegisterMachine.NewTuple), () => { Slot(b); _il.Int(c); })); break;
            case VmOp.NewMap: Store(a, () => VmCall(nameof(RegisterMachine.NewMap), () => { Slot(b); _il.Int(c); })); break;
            case VmOp.MapInsert: VmCall(nameof(RegisterMachine.InsertInto), () => { Register(a); Slot(b); _il.Int(c); }); break;
            case VmOp.NewRange:
                Store(a, () => { Register(b); Register(c); Bool(K(i)); _il.Emit(OpCodes.Call, VmMembers.Method(typeof(Operators), nameof(Operators.MakeRange))); });
                break;
            case VmOp.NewStruct: Store(a, () => VmCall(nameof(RegisterMachine.NewStruct), () => { _il.Int(ConstantIndex(pc, c)); Slot(b); })); break;
            case VmOp.NewEnum: Store(a, () => VmCall(nameof(RegisterMachine.NewVariant), () => { _il.Int(ConstantIndex(pc, c)); Slot(b); })); break;
            case VmOp.GetIndex when IsInt(c) && !IsTyped(b): EmitElementRead(a, b, c); break;
            case VmOp.GetIndex:
                Store(a, () =>
                {
                    Register(b);
                    Index(c);
                    _il.Emit(OpCodes.Call, IsInt(c) ? AccessOp(nameof(Access.GetIndexAt)) : AccessOp(nameof(Access.GetIndex)));
                });
                break;
            case VmOp.SetIndex when IsInt(b) && !IsTyped(a):
                EmitElementWrite(a, b, () => { if (K(i)) StoredConstant(c); else Register(c); });
                break;
            case VmOp.SetIndex:
                Register(a);
                Index(b);
                if (K(i)) Constant(c); else Register(c);
                _il.Emit(OpCodes.Call, IsInt(b) ? AccessOp(nameof(Access.SetIndexAt)) : AccessOp(nameof(Access.SetIndex)));
                break;
            case VmOp.GetField when !IsTyped(b): EmitFieldRead(a, b, ConstantIndex(pc, c)); break;
            case VmOp.GetField:
                Store(a, () =>
                {
                    Register(b);
                    _il.Emit(OpCodes.Ldstr, ConstantText(ConstantIndex(pc, c)));
                    CacheAddress(ConstantIndex(pc, c));
                    _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.GetField)));
                });
                break;
            case VmOp.SetField when !IsTyped(a):
                EmitFieldWrite(a, ConstantIndex(pc, b), () => { if (K(i)) StoredConstant(c); else Register(c); });
                break;
            case VmOp.SetField:
                Register(a);
                _il.Emit(OpCodes.Ldstr, ConstantText(ConstantIndex(pc, b)));
                if (K(i)) Constant(c); else Register(c);
                CacheAddress(ConstantIndex(pc, b));
                _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.SetField)));
                break;
            case VmOp.GetTuple:
                Store(a, () => { Register(b); _il.Int(ConstantIndex(pc, c)); _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.TupleItem))); });
                break;

            // ---- patterns: a match skips the JMP to the next arm ------------------------------------------------------
            case VmOp.TestTuple:
                Register(a);
                _il.Int(Bx(i));
                _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.IsTupleOf)));
                _il.Emit(OpCodes.Brtrue, Target(pc + 2));
                break;
            case VmOp.TestVariant:
                VmCall(nameof(RegisterMachine.IsVariant), () => { Register(a); _il.Int(Bx(i)); });
                _il.Emit(OpCodes.Brtrue, Target(pc + 2));
                break;
            case VmOp.TestRange:
                Register(a);
                Constant(Bx(i));
                _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.InRange)));
                _il.Emit(OpCodes.Brtrue, Target(pc + 2));
                break;
            case VmOp.GetPayload:
                Store(a, () => { Register(b); _il.Int(c); _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.Payload))); });
                break;
            case VmOp.NoMatch: Raise(nameof(RegisterMachine.NoMatch), () => Register(a)); break;

            // ---- errors -------------------------------------------------------------------------------------------
            case VmOp.Try:
                VmCall(nameof(RegisterMachine.PushHandler), () => { _il.Emit(OpCodes.Ldarg_1); Slot(a); _il.Int(next + SBx(i)); });
                break;
            case VmOp.EndTry: VmCall(nameof(RegisterMachine.PopHandler), () => { }); break;
            case VmOp.Throw:
                // The interpreter runs THROW: its handler search needs no .NET exception, which costs
                // microseconds, paid at every level by a catch handler that recurses (issue 14).
                FlushLive(-1, _pc);
                Exit(() => _il.Int(_pc));
                break;
            case VmOp.AssertFail:
                // Without a message (k unset) A names no register.
                Raise(nameof(RegisterMachine.AssertFail), () => { if (K(i)) Register(a); else _il.Emit(OpCodes.Ldsfld, VmMembers.Unit); Bool(K(i)); });
                break;

            // ---- strings and casts --------------------------------------------------------------------------------
            case VmOp.Format: Store(a, () => VmCall(nameof(RegisterMachine.Format), () => { Constant(ConstantIndex(pc, c)); Slot(b); })); break;
            case VmOp.Print: VmCall(nameof(RegisterMachine.Print), () => { Constant(ConstantIndex(pc, b)); Slot(a); Bool(K(i)); }); break;
            case VmOp.Cast:
                Store(a, () => { Register(b); _il.Int(c); Constant(AxOf(_code[pc + 1])); _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.Cast))); });
                break;
            case VmOp.ToStr: Store(a, () => { Register(b); _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.ToStr))); }); break;
            default:
                throw new InvalidOperationException($"jit: no IL for {op} at pc {pc} in {_proto.Name}");
        }
        if (pushed is { } done)
        {
            _il.Mark(done);
            _storedPc = -1; // a join
        }
    }

    /// <summary>The dispatch loop's entry frame and handler floor, which returns and tail calls need.</summary>
    private void ActivationArgs()
    {
        _il.Arg(3);
        _il.Arg(4);
    }

    /// <summary>A call of an instance helper of the VM: the machine, then the arguments <paramref name="args"/> pushes.</summary>
    private void VmCall(string name, Action args)
    {
        _il.Emit(OpCodes.Ldarg_0);
        args();
        _il.Emit(OpCodes.Call, Vm(name));
    }

    /// <summary>An index operand: an int register's <c>long</c> as it is (the <c>...At</c> helpers take it), else the value.</summary>
    private void Index(int r)
    {
        if (IsInt(r)) _il.Emit(OpCodes.Ldloc, In(r));
        else Register(r);
    }

    private void Upvalue(int index)
    {
        _il.Emit(OpCodes.Ldloc, _closure);
        _il.Emit(OpCodes.Call, VmMembers.ClosureUpvalues);
        _il.Int(index);
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    /// <summary>With the condition on the stack: equal to <paramref name="k"/> falls through to the JMP, else skip it.</summary>
    private void SkipJumpUnless(int pc, bool k) => _il.Emit(k ? OpCodes.Brfalse : OpCodes.Brtrue, Target(pc + 2));

    /// <summary>With "the loop goes on" on the stack: jump back (the loop's end has ticked already).</summary>
    private void BackEdgeIfTrue(int target)
    {
        var done = _il.NewLabel("loop_done");
        _il.Emit(OpCodes.Brfalse, done);
        if (_stress) StressGuard(target, flush: true);
        _il.Emit(OpCodes.Br, Target(target));
        _il.Mark(done);
    }

    /// <summary>A loop's end is a step whether or not it goes back (SPEC 16), charged at the instruction being
    /// emitted, so running out of fuel is reported at the loop, as in the VM.</summary>
    private void LoopEndTick()
    {
        MayRaise(_pc);
        Tick();
    }

    /// <summary>A backward JMP: the loop's end (a step), then the jump.</summary>
    private void BackEdgeTick(int target)
    {
        LoopEndTick();
        if (_stress) StressGuard(target, flush: true);
    }

    /// <summary>A helper that returns the error to throw.</summary>
    private void Raise(string helper, Action args)
    {
        args();
        _il.Emit(OpCodes.Call, Vm(helper));
        _il.Emit(OpCodes.Throw);
    }

    /// <summary>CALL, CALLG, CALLR: a Veld callee gets its frame and the VM's trampoline runs it; a builtin's
    /// result is already stored, and this frame goes on.</summary>
    private void EmitCall(int resume, Action callee, int argRegister, int argCount, int resultRegister)
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldarg_1);
        _il.Int(resume);
        callee();
        Slot(argRegister);
        _il.Int(argCount);
        Slot(resultRegister);
        _il.Arg(4);
        _il.Emit(OpCodes.Call, Vm(nameof(RegisterMachine.CallFromCompiled)));
        _il.Emit(OpCodes.Stloc, _exit);
        var done = _il.NewLabel("call_done");
        _il.Emit(OpCodes.Ldloc, _exit);
        _il.Int(CompiledExit.Next);
        _il.Emit(OpCodes.Beq, done); // the result is stored: a builtin's, or a compiled callee's that ran here
        _il.Emit(OpCodes.Leave, _leave);
        _il.Mark(done);
        ReloadRegisters();
    }

    /// <summary>A Veld callee's frame was pushed: run it directly when compiled, else leave for the trampoline.</summary>
    private void RunCallee(Label done)
    {
        VmCall(nameof(RegisterMachine.RunCallee), () => { _il.Emit(OpCodes.Ldarg_1); _il.Arg(4); });
        _il.Emit(OpCodes.Stloc, _exit);
        _il.Emit(OpCodes.Ldloc, _exit);
        _il.Int(CompiledExit.Next);
        _il.Emit(OpCodes.Beq, done);
        _il.Emit(OpCodes.Leave, _leave);
    }

    private void EmitTailCall(Action callee, int argRegister, int argCount)
    {
        Exit(() => VmCall(nameof(RegisterMachine.TailCall), () =>
        {
            callee();
            Slot(argRegister);
            _il.Int(argCount);
            ActivationArgs();
        }));
    }

    private void EmitMethodCall(int pc, int resume, bool tail, int a, int b, int site)
    {
        // Tail calls save it too: a builtin method in tail position runs with this frame below its callbacks,
        // whose errors' call stacks show where this frame is.
        if (!Frameless) VmCall(nameof(RegisterMachine.SavePc), () => { _il.Emit(OpCodes.Ldarg_1); _il.Int(resume); });
        var next = _il.NewLabel("method_done");
        if (!tail) EmitDirectMethodCall(pc, a, b, resume, site, next);
        if (Frameless)
        {
            Exit(() => _il.Int(pc)); // the VM makes the call (FramelessBodies): the registers went to the stack above
            _il.Mark(next);
            ReloadRegisters();
            return;
        }
        VmCall(nameof(RegisterMachine.MethodCall), () =>
        {
            Register(b);
            Slot(a);
            Constant(site);
            CacheAddress(site);
            Bool(tail);
            ActivationArgs();
        });
        _il.Emit(OpCodes.Stloc, _exit);
        _il.Emit(OpCodes.Ldloc, _exit);
        _il.Int(CompiledExit.Next);
        _il.Emit(OpCodes.Beq, next);
        if (!tail)
        {
            // Reload after a non-tail method call means a Veld method's frame was pushed.
            _il.Emit(OpCodes.Ldloc, _exit);
            _il.Int(CompiledExit.Reload);
            var leave = _il.NewLabel("method_leave");
            _il.Emit(OpCodes.Bne_Un, leave);
            RunCallee(next);
            _il.Mark(leave);
        }
        _il.Emit(OpCodes.Leave, _leave);
        _il.Mark(next);
        ReloadRegisters();
    }
}
