using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

internal sealed partial class RegisterMachine
{
    /// <summary>
    /// The dispatch loop. Runs from the top frame (index <paramref name="entryFrame"/>) until that frame
    /// returns, following calls and returns between Veld frames without recursing. A runtime error is
    /// stamped with the line of the instruction that raised it, then handled by the innermost TRY of this
    /// activation, or passed on to the caller of Run. Compiled once per <typeparamref name="TTier"/>: the
    /// register tier's copy has no tier-up tests (see <see cref="IDispatchTier"/>).
    /// </summary>
    private Value Run<TTier>(int entryFrame) where TTier : struct, IDispatchTier
    {
        int handlerFloor = _handlers.Count;
        // Instructions executed so far = pc + bias. Dispatch advances pc alone (no counter to update per
        // instruction); whatever moves pc without dispatching (a jump, a frame change, an EXTRAARG or JMP word
        // read with its instruction) moves bias the other way.
        int pc = 0;
        long bias = 0;
        // pc as the catch and the finally see it: one past the instruction running (or past the EXTRAARG or JMP
        // word it read before it can raise). Written, never read, by the loop: pc itself is then not live into
        // the handlers, so the JIT keeps it in a register (an EH-live local with more than one definition, or
        // one whose address is taken, lives in the stack frame).
        int raisingPc = 0;

        // The running frame, cached in locals, (re)loaded at Reload after every frame change: a call, a
        // return, a caught error. (Plain locals, not captured by a helper, so the JIT keeps them in registers.)
        int frameIndex, @base;
        Closure closure; // its proto is not kept in a local of its own: one register fewer held across the loop
        // The frame's first instruction word: the verifier proved every jump target, fall-through, EXTRAARG and
        // JMP read stays inside the code, so words are read without a bounds check.
        ref uint code = ref Unsafe.NullRef<uint>();
        Value[] k;
        Value[] stack;
        InlineCache[]? caches; // allocated at the frame's first GETFIELD, SETFIELD or METHODCALL
        VeldRuntimeException raised;

        try
        {
            while (true)
            {
            Reload:
                frameIndex = _frameCount - 1;
                closure = _frames[frameIndex].Closure;
                var proto = closure.Proto;
                code = ref MemoryMarshal.GetArrayDataReference(proto.Code);
                k = proto.Constants;
                @base = _frames[frameIndex].Base;
                bias += pc;
                pc = _frames[frameIndex].Pc;
                bias -= pc;
                raisingPc = pc;
                stack = _stack;
                caches = _caches[proto.Id];
                try
                {
                    // JIT tier: a frame of a compiled function runs as compiled code (a frame starting counts
                    // towards its compilation) until it changes frames or hands a pc back to the interpreter. Frame
                    // starts and back-edges are reported only when the proto's countdown runs out (TierUp.Countdown).
                    if (TTier.TiersUp && (pc == 0 ? --_tierUp!.CallCountdown[proto.Id] < 0 && _tierUp.Heat(proto) : _tierUp!.Code[proto.Id] is not null))
                    {
                        int exit = _tierUp!.Code[proto.Id]!(this, frameIndex, pc, entryFrame, handlerFloor);
                        if (exit == CompiledExit.Reload) goto Reload;
                        if (exit == CompiledExit.Returned) return CompiledResult;
                        bias += pc - exit;
                        pc = exit;
                        stack = _stack;
                    }
                    while (true)
                    {
                        uint i = Unsafe.Add(ref code, pc++);
                        raisingPc = pc;
                        switch (Op(i))
                        {
                            // ---- loads and moves ----------------------------------------------------------
                            case OpCode.Move:
                                Value.Store(stack, @base + A(i), stack[@base + B(i)]);
                                break;
                            case OpCode.LoadI:
                                stack[@base + A(i)] = Value.FromInt(SBx(i));
                                break;
                            case OpCode.LoadF:
                                stack[@base + A(i)] = Value.FromFloat(SBx(i));
                                break;
                            case OpCode.LoadK:
                                Value.Store(stack, @base + A(i), k[Bx(i)]);
                                break;
                            case OpCode.LoadKX:
                                stack[@base + A(i)] = k[AxOf(Unsafe.Add(ref code, pc++))];
                                bias--;
                                break;
                            case OpCode.LoadFalse:
                                stack[@base + A(i)] = Value.False;
                                break;
                            case OpCode.LoadTrue:
                                stack[@base + A(i)] = Value.True;
                                break;
                            case OpCode.LoadUnit:
                                stack[@base + A(i)] = Value.Unit;
                                break;
                            case OpCode.GetUpval:
                                Value.Store(stack, @base + A(i), closure.Upvalues[B(i)].Value);
                                break;
                            case OpCode.SetUpval:
                                closure.Upvalues[B(i)].Value = stack[@base + A(i)];
                                break;
                            case OpCode.GetCapt:
                                Value.Store(stack, @base + A(i), closure.Captured[B(i)]);
                                break;
                            case OpCode.GetGlobal:
                                stack[@base + A(i)] = Global(Bx(i));
                                break;
                            case OpCode.SetGlobal:
                                _globals[Bx(i)] = stack[@base + A(i)];
                                break;

                            // ---- arithmetic ----------------------------------------------------------------
                            case OpCode.Add: FastArithmetic.AddInto(stack, @base + A(i), stack[@base + B(i)], stack[@base + C(i)]); break;
                            case OpCode.Sub: FastArithmetic.SubInto(stack, @base + A(i), stack[@base + B(i)], stack[@base + C(i)]); break;
                            case OpCode.Mul: FastArithmetic.MulInto(stack, @base + A(i), stack[@base + B(i)], stack[@base + C(i)]); break;
                            case OpCode.Div: FastArithmetic.DivInto(stack, @base + A(i), stack[@base + B(i)], stack[@base + C(i)]); break;
                            case OpCode.Mod: FastArithmetic.ModInto(stack, @base + A(i), stack[@base + B(i)], stack[@base + C(i)]); break;
                            case OpCode.Pow: stack[@base + A(i)] = Operators.Pow(stack[@base + B(i)], stack[@base + C(i)]); break;
                            case OpCode.BAnd: stack[@base + A(i)] = FastArithmetic.BitAnd(stack[@base + B(i)], stack[@base + C(i)]); break;
                            case OpCode.BOr: stack[@base + A(i)] = FastArithmetic.BitOr(stack[@base + B(i)], stack[@base + C(i)]); break;
                            case OpCode.BXor: stack[@base + A(i)] = FastArithmetic.BitXor(stack[@base + B(i)], stack[@base + C(i)]); break;
                            case OpCode.Shl: stack[@base + A(i)] = Operators.Shl(stack[@base + B(i)], stack[@base + C(i)]); break;
                            case OpCode.Shr: stack[@base + A(i)] = Operators.Shr(stack[@base + B(i)], stack[@base + C(i)]); break;

                            case OpCode.AddK: FastArithmetic.AddInto(stack, @base + A(i), stack[@base + B(i)], k[C(i)]); break;
                            case OpCode.SubK: FastArithmetic.SubInto(stack, @base + A(i), stack[@base + B(i)], k[C(i)]); break;
                            case OpCode.MulK: FastArithmetic.MulInto(stack, @base + A(i), stack[@base + B(i)], k[C(i)]); break;
                            case OpCode.DivK: FastArithmetic.DivInto(stack, @base + A(i), stack[@base + B(i)], k[C(i)]); break;
                            case OpCode.ModK: FastArithmetic.ModInto(stack, @base + A(i), stack[@base + B(i)], k[C(i)]); break;
                            case OpCode.PowK: stack[@base + A(i)] = Operators.Pow(stack[@base + B(i)], k[C(i)]); break;
                            case OpCode.BAndK: stack[@base + A(i)] = FastArithmetic.BitAnd(stack[@base + B(i)], k[C(i)]); break;
                            case OpCode.BOrK: stack[@base + A(i)] = FastArithmetic.BitOr(stack[@base + B(i)], k[C(i)]); break;
                            case OpCode.BXorK: stack[@base + A(i)] = FastArithmetic.BitXor(stack[@base + B(i)], k[C(i)]); break;
                            case OpCode.ShlK: stack[@base + A(i)] = Operators.Shl(stack[@base + B(i)], k[C(i)]); break;
                            case OpCode.ShrK: stack[@base + A(i)] = Operators.Shr(stack[@base + B(i)], k[C(i)]); break;

                            case OpCode.AddI: FastArithmetic.AddImmediateInto(stack, @base + A(i), stack[@base + B(i)], SC(i)); break;
                            case OpCode.SubI: FastArithmetic.SubImmediateInto(stack, @base + A(i), stack[@base + B(i)], SC(i)); break;
                            case OpCode.Unm: Value.Store(stack, @base + A(i), FastArithmetic.Negate(stack[@base + B(i)])); break;
                            case OpCode.Not: stack[@base + A(i)] = Not(stack[@base + B(i)]); break;

                            // ---- tests: "if (condition == k) execute the next JMP, else skip it" -----------------
                            // A JMP taken after its test runs in the test's dispatch (Lua's donextjump): one dispatch
                            // (and one counted instruction) less per taken branch; the verifier proved the JMP is there.
                            // Taken or skipped, that JMP word is not dispatched by itself: bias-- leaves it uncounted (after
                            // the test, which may raise and then counts as executed).
                            case OpCode.Eq: if (FastComparison.Equal(stack[@base + A(i)], stack[@base + B(i)]) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.Lt: if (FastComparison.Less(stack[@base + A(i)], stack[@base + B(i)]) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.Le: if (FastComparison.LessEqual(stack[@base + A(i)], stack[@base + B(i)]) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.Gt: if (FastComparison.Greater(stack[@base + A(i)], stack[@base + B(i)]) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.Ge: if (FastComparison.GreaterEqual(stack[@base + A(i)], stack[@base + B(i)]) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.EqK: if (FastComparison.Equal(stack[@base + A(i)], k[B(i)]) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.EqI: if (FastComparison.EqualImmediate(stack[@base + A(i)], SB(i)) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.LtI: if (FastComparison.LessImmediate(stack[@base + A(i)], SB(i)) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.LeI: if (FastComparison.LessEqualImmediate(stack[@base + A(i)], SB(i)) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.GtI: if (FastComparison.GreaterImmediate(stack[@base + A(i)], SB(i)) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.GeI: if (FastComparison.GreaterEqualImmediate(stack[@base + A(i)], SB(i)) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.Test: if (Truth(stack[@base + A(i)], C(i)) != K(i)) { pc++; bias--; } else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; } break;
                            case OpCode.SetEq: stack[@base + A(i)] = Value.FromBool(FastComparison.Equal(stack[@base + B(i)], stack[@base + C(i)]) != K(i)); break;
                            case OpCode.SetLt: stack[@base + A(i)] = Value.FromBool(FastComparison.Less(stack[@base + B(i)], stack[@base + C(i)]) != K(i)); break;
                            case OpCode.SetLe: stack[@base + A(i)] = Value.FromBool(FastComparison.LessEqual(stack[@base + B(i)], stack[@base + C(i)]) != K(i)); break;
                            case OpCode.SetGt: stack[@base + A(i)] = Value.FromBool(FastComparison.Greater(stack[@base + B(i)], stack[@base + C(i)]) != K(i)); break;
                            case OpCode.SetGe: stack[@base + A(i)] = Value.FromBool(FastComparison.GreaterEqual(stack[@base + B(i)], stack[@base + C(i)]) != K(i)); break;
                            case OpCode.SetEqK: stack[@base + A(i)] = Value.FromBool(FastComparison.Equal(stack[@base + B(i)], k[C(i)]) != K(i)); break;
                            case OpCode.SetLtK: stack[@base + A(i)] = Value.FromBool(FastComparison.Less(stack[@base + B(i)], k[C(i)]) != K(i)); break;
                            case OpCode.SetLeK: stack[@base + A(i)] = Value.FromBool(FastComparison.LessEqual(stack[@base + B(i)], k[C(i)]) != K(i)); break;
                            case OpCode.SetGtK: stack[@base + A(i)] = Value.FromBool(FastComparison.Greater(stack[@base + B(i)], k[C(i)]) != K(i)); break;
                            case OpCode.SetGeK: stack[@base + A(i)] = Value.FromBool(FastComparison.GreaterEqual(stack[@base + B(i)], k[C(i)]) != K(i)); break;
                            case OpCode.CheckBool: CheckBool(stack[@base + A(i)], C(i)); break;
                            case OpCode.Jmp:
                            {
                                int offset = SJOf(i);
                                if (offset < 0)
                                {
                                    raisingPc = pc; // after a test, the JMP word read with it: running out is reported there
                                    _context.Tick(); // a loop's end: before the jump, so running out is reported here
                                }
                                pc += offset;
                                bias -= offset;
                                if (offset < 0 && TTier.TiersUp && --_tierUp!.LoopCountdown[closure.Proto.Id] < 0 && _tierUp.HeatLoop(closure.Proto, pc)) goto EnterAtLoopHeader;
                                break;
                            }

                            // ---- calls and returns ----------------------------------------------------------
                            case OpCode.Call:
                            {
                                int a = @base + A(i);
                                SaveTopPc(pc);
                                if (CallValue(stack[a], a + 1, B(i), @base + C(i))) goto Reload;
                                else stack = _stack;
                                break;
                            }
                            case OpCode.CallK:
                            {
                                int a = @base + A(i);
                                SaveTopPc(pc);
                                var result = CallBuiltin(k[C(i)], a, B(i));
                                stack = _stack;
                                if (K(i)) stack[a] = result;
                                break;
                            }
                            case OpCode.CallG:
                            {
                                int a = @base + A(i);
                                var callee = Global(C(i));
                                SaveTopPc(pc);
                                if (CallValue(callee, a, B(i), a)) goto Reload;
                                else stack = _stack;
                                break;
                            }
                            case OpCode.TailCallG:
                            {
                                int a = @base + A(i);
                                if (TailCall(Global(C(i)), a, B(i), entryFrame, handlerFloor) == CompiledExit.Returned) return CompiledResult;
                                goto Reload;
                            }
                            case OpCode.CallR:
                            {
                                int a = @base + A(i);
                                SaveTopPc(pc);
                                if (CallValue(stack[@base + C(i)], a, B(i), a)) goto Reload;
                                stack = _stack;
                                break;
                            }
                            case OpCode.TailCallR:
                            {
                                int a = @base + A(i);
                                if (TailCall(stack[@base + C(i)], a, B(i), entryFrame, handlerFloor) == CompiledExit.Returned) return CompiledResult;
                                goto Reload;
                            }
                            case OpCode.TailCall:
                            {
                                int a = @base + A(i);
                                if (TailCall(stack[a], a + 1, B(i), entryFrame, handlerFloor) == CompiledExit.Returned) return CompiledResult;
                                goto Reload;
                            }
                            case OpCode.MethodCall:
                            case OpCode.TailMethod:
                            {
                                int n = ConstantOperand(ref code, pc, C(i));
                                if (C(i) == MaxShortConst) { pc++; bias--; raisingPc = pc; }
                                SaveTopPc(pc);
                                ref var cache = ref (caches ??= CachesOf(closure.Proto))[n];
                                var target = stack[@base + B(i)];
                                if (Op(i) == OpCode.MethodCall && CachedMethod(target, ref cache) is { } method)
                                {
                                    // The site's cache knows the method of this type: the target becomes its self, no lookup.
                                    int a = @base + A(i);
                                    stack[a] = target;
                                    PushCallFrame(method, a, a);
                                    goto Reload;
                                }
                                int exit = MethodCall(target, @base + A(i), k[n], ref cache, Op(i) == OpCode.TailMethod, entryFrame, handlerFloor);
                                if (exit == CompiledExit.Returned) return CompiledResult;
                                if (exit == CompiledExit.Reload) goto Reload;
                                stack = _stack;
                                break;
                            }
                            case OpCode.Return:
                            {
                                var result = stack[@base + A(i)];
                                if (Return(result, entryFrame, handlerFloor)) return result;
                                goto Reload;
                            }
                            case OpCode.ReturnUnit:
                                if (Return(Value.Unit, entryFrame, handlerFloor)) return Value.Unit;
                                goto Reload;
                            case OpCode.Closure:
                                stack[@base + A(i)] = NewClosure(closure, Bx(i), @base);
                                break;
                            case OpCode.Close:
                                CloseUpvalues(@base + A(i));
                                break;

                            // ---- loops --------------------------------------------------------------------------
                            case OpCode.ForPrep:
                            case OpCode.ForPrepInc:
                                if (!PrepareRangeLoop(@base + A(i), Op(i) == OpCode.ForPrepInc)) { pc += SBx(i); bias -= SBx(i); }
                                break;
                            case OpCode.ForLoop:
                                _context.Tick(); // a loop's end is a step, the last one too (SPEC 16)
                                if (StepRange(@base + A(i)))
                                {
                                    pc += SBx(i);
                                    bias -= SBx(i);
                                    if (TTier.TiersUp && --_tierUp!.LoopCountdown[closure.Proto.Id] < 0 && _tierUp.HeatLoop(closure.Proto, pc)) goto EnterAtLoopHeader;
                                }
                                break;
                            case OpCode.IterPrep:
                                stack[@base + A(i)] = NewIterator(stack[@base + A(i)]);
                                pc += SBx(i);
                                bias -= SBx(i);
                                break;
                            case OpCode.IterNext:
                                if (StepIterator(@base + A(i)))
                                {
                                    pc += SBx(i);
                                    bias -= SBx(i);
                                    if (TTier.TiersUp && --_tierUp!.LoopCountdown[closure.Proto.Id] < 0 && _tierUp.HeatLoop(closure.Proto, pc)) goto EnterAtLoopHeader;
                                }
                                break;

                            // ---- data ------------------------------------------------------------------------------
                            case OpCode.NewArray:
                                stack[@base + A(i)] = NewArray(@base + B(i), C(i));
                                break;
                            case OpCode.NewArrayK:
                                stack[@base + A(i)] = NewArrayOf(k[Bx(i)]);
                                break;
                            case OpCode.Append:
                                AppendTo(stack[@base + A(i)], @base + B(i), C(i));
                                break;
                            case OpCode.NewTuple:
                                stack[@base + A(i)] = NewTuple(@base + B(i), C(i));
                                break;
                            case OpCode.NewMap:
                                stack[@base + A(i)] = NewMap(@base + B(i), C(i));
                                break;
                            case OpCode.MapInsert:
                                InsertPairs(stack[@base + A(i)], @base + B(i), C(i));
                                break;
                            case OpCode.NewRange:
                                stack[@base + A(i)] = Operators.MakeRange(stack[@base + B(i)], stack[@base + C(i)], K(i));
                                break;
                            case OpCode.NewStruct:
                            {
                                int n = ConstantOperand(ref code, pc, C(i));
                                if (C(i) == MaxShortConst) { pc++; bias--; raisingPc = pc; }
                                stack[@base + A(i)] = NewStruct(n, @base + B(i));
                                break;
                            }
                            case OpCode.NewEnum:
                            {
                                int n = ConstantOperand(ref code, pc, C(i));
                                if (C(i) == MaxShortConst) { pc++; bias--; raisingPc = pc; }
                                stack[@base + A(i)] = NewVariant(n, @base + B(i));
                                break;
                            }
                            case OpCode.GetIndex:
                                if (!FastIndexing.TryLoadIndex(stack[@base + B(i)], stack[@base + C(i)], stack, @base + A(i)))
                                    stack[@base + A(i)] = Operators.GetIndexSlow(stack[@base + B(i)], stack[@base + C(i)]);
                                break;
                            case OpCode.SetIndex:
                                FastIndexing.SetIndex(stack[@base + A(i)], stack[@base + B(i)], K(i) ? k[C(i)] : stack[@base + C(i)]);
                                break;
                            case OpCode.GetField:
                            {
                                int n = ConstantOperand(ref code, pc, C(i));
                                if (C(i) == MaxShortConst) { pc++; bias--; raisingPc = pc; }
                                ref var cache = ref (caches ??= CachesOf(closure.Proto))[n];
                                if (CachedStruct(stack[@base + B(i)], cache) is { } s) Value.Store(stack, @base + A(i), s.Fields[cache.Field]);
                                else stack[@base + A(i)] = GetField(stack[@base + B(i)], k[n].As<VeldString>().Text, ref cache);
                                break;
                            }
                            case OpCode.SetField:
                            {
                                var value = K(i) ? k[C(i)] : stack[@base + C(i)];
                                int n = ConstantOperand(ref code, pc, B(i));
                                if (B(i) == MaxShortConst) { pc++; bias--; raisingPc = pc; }
                                ref var cache = ref (caches ??= CachesOf(closure.Proto))[n];
                                if (CachedStruct(stack[@base + A(i)], cache) is { } s) Value.Store(s.Fields, cache.Field, value);
                                else SetField(stack[@base + A(i)], k[n].As<VeldString>().Text, value, ref cache);
                                break;
                            }
                            case OpCode.GetTuple:
                            {
                                int n = ConstantOperand(ref code, pc, C(i));
                                if (C(i) == MaxShortConst) { pc++; bias--; raisingPc = pc; }
                                stack[@base + A(i)] = TupleItem(stack[@base + B(i)], n);
                                break;
                            }

                            // ---- patterns: "if the value matches, skip the JMP to the next arm" -----------------
                            case OpCode.TestTuple:
                                if (IsTupleOf(stack[@base + A(i)], Bx(i))) { pc++; bias--; }
                                else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; }
                                break;
                            case OpCode.TestVariant:
                                if (IsVariant(stack[@base + A(i)], Bx(i))) { pc++; bias--; }
                                else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; }
                                break;
                            case OpCode.TestRange:
                                if (InRange(stack[@base + A(i)], k[Bx(i)])) { pc++; bias--; }
                                else { i = Unsafe.Add(ref code, pc++); bias--; goto case OpCode.Jmp; }
                                break;
                            case OpCode.GetPayload:
                                // Compiled code reaches here only after its TESTVARIANT; a hand-made file may not.
                                stack[@base + A(i)] = Payload(stack[@base + B(i)], C(i));
                                break;
                            case OpCode.NoMatch:
                                throw NoMatch(stack[@base + A(i)]);

                            // ---- errors ----------------------------------------------------------------------------
                            case OpCode.Try:
                                PushHandler(frameIndex, @base + A(i), pc + SBx(i));
                                break;
                            case OpCode.EndTry:
                                PopHandler();
                                break;
                            case OpCode.Throw:
                                // Straight to the handler search, without a .NET exception (a throw costs
                                // microseconds; a catch handler that recurses pays it at every level).
                                raised = RuntimeErrors.Thrown(stack[@base + A(i)]);
                                goto Raised;
                            case OpCode.AssertFail:
                                throw AssertFail(stack[@base + A(i)], K(i));

                            // ---- strings and casts --------------------------------------------------------------
                            case OpCode.Format:
                            {
                                int n = ConstantOperand(ref code, pc, C(i));
                                if (C(i) == MaxShortConst) { pc++; bias--; raisingPc = pc; }
                                stack[@base + A(i)] = Format(k[n], @base + B(i));
                                break;
                            }
                            case OpCode.Print:
                            {
                                int n = ConstantOperand(ref code, pc, B(i));
                                if (B(i) == MaxShortConst) { pc++; bias--; raisingPc = pc; }
                                Print(k[n], @base + A(i), K(i));
                                break;
                            }
                            case OpCode.Cast:
                            {
                                var target = k[AxOf(Unsafe.Add(ref code, pc++))];
                                bias--; // before the cast, which may raise: the EXTRAARG word is not an instruction
                                raisingPc = pc;
                                stack[@base + A(i)] = Cast(stack[@base + B(i)], C(i), target);
                                break;
                            }
                            case OpCode.ToStr:
                                stack[@base + A(i)] = ToStr(stack[@base + B(i)]);
                                break;
                            default:
                                throw new InvalidOperationException($"register VM: bad opcode {Op(i)} at pc {pc - 1} in {closure.Proto.Name}");
                        }
                    }
                // JIT tier: a loop of this function just jumped back and the function has compiled code: go
                // on in it at the loop header (the same frame, reloaded with pc at the jump's target).
                EnterAtLoopHeader:
                    _frames[frameIndex].Pc = pc;
                    goto Reload;
                }
                catch (VeldRuntimeException e)
                {
                    // Only remember it: handling (and rethrowing) outside the catch block keeps nested
                    // activations from stacking .NET exception dispatches (see ErrorPropagation).
                    raised = e;
                }
            Raised:
                // pc is one past the instruction that raised (or its EXTRAARG, which carries the same position).
                pc = raisingPc;
                if (frameIndex == _frameCount - 1) StampError(raised, frameIndex, Math.Max(0, pc - 1));
                if (!Catch(raised, handlerFloor))
                {
                    Abandon(entryFrame, handlerFloor);
                    throw ErrorPropagation.PassOn(raised, _context);
                }
            }
        }
        finally
        {
            _context.Instructions = (_context.Instructions ?? 0) + raisingPc + bias;
        }
    }

    /// <summary>Save the running frame's pc before a call (the running frame is the top one: frameIndex, not read
    /// here so that the loop keeps no register for its address).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SaveTopPc(int pc) => _frames[_frameCount - 1].Pc = pc;

    /// <summary>An 8-bit constant operand, or the index in the EXTRAARG word at <paramref name="pc"/> (one past the
    /// instruction). The case that reads an EXTRAARG word steps over it: pc, bias and raisingPc (see <see cref="Run"/>)
    /// are locals of the loop, passed by value so that none of them has its address taken.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ConstantOperand(ref uint code, int pc, int field) =>
        field != MaxShortConst ? field : AxOf(Unsafe.Add(ref code, pc));

    /// <summary>Global <paramref name="index"/>; reading one whose declaration has not run is runtime error Value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Value Global(int index)
    {
        var g = _globals[index];
        if (g.IsUninitialized) throw RuntimeErrors.UninitializedGlobal(_program.GlobalNames[index]);
        return g;
    }

    /// <summary>Return <paramref name="result"/> from the top frame. True when that was this activation's
    /// entry frame (Run returns the value); otherwise the result is in the caller's register.</summary>
    private bool Return(Value result, int entryFrame, int handlerFloor)
    {
        int index = _frameCount - 1;
        int resultSlot = PopFrame(handlerFloor);
        if (index == entryFrame) return true;
        Value.Store(_stack, resultSlot, result);
        return false;
    }

    /// <summary>CLOSURE: share each upvalue (an open one for a register of this frame) and copy each value captured
    /// by value into the closure; a closure with none of either kind gets the shared empty array.</summary>
    private Closure MakeClosure(FunctionProto proto, Closure enclosing, int @base)
    {
        var shared = proto.Upvalues;
        Upvalue[] upvalues = shared.Length == 0 ? [] : new Upvalue[shared.Length];
        for (int u = 0; u < shared.Length; u++)
        {
            var d = shared[u];
            upvalues[u] = d.InStack ? FindUpvalue(@base + d.Index) : enclosing.Upvalues[d.Index];
        }
        var captures = proto.Captures;
        if (captures.Length == 0) return new Closure(proto, upvalues);
        var values = new Value[captures.Length];
        for (int c = 0; c < captures.Length; c++)
        {
            var d = captures[c];
            values[c] = d.InStack ? _stack[@base + d.Index] : enclosing.Captured[d.Index];
        }
        return new Closure(proto, upvalues, values);
    }

    /// <summary>
    /// FORPREP: turn (start, end) at <paramref name="a"/> into (current, remaining steps) and set the loop
    /// variable; false when the range is empty. Counting steps as an unsigned number cannot overflow,
    /// even for ranges that end at the largest int (Lua 5.4 does the same).
    /// </summary>
    private bool PrepareRangeLoop(int a, bool inclusive)
    {
        var start = _stack[a];
        var end = _stack[a + 1];
        if (!start.IsInt || !end.IsInt)
        {
            Operators.MakeRange(start, end, inclusive); // raises the runtime's Type error
            throw new InvalidOperationException("register VM: MakeRange accepted a non-int range");
        }
        long s = start.AsInt, e = end.AsInt;
        if (inclusive ? e < s : e <= s) return false;
        ulong steps = unchecked((ulong)(e - s)) - (inclusive ? 0UL : 1UL);
        _stack[a + 1] = Value.FromInt(unchecked((long)steps));
        _stack[a + 2] = start;
        return true;
    }

    private Value NewEnum(int constructor, int payloadSlot)
    {
        var ctor = _program.Constructors[constructor];
        var type = (EnumType)_types[ctor.TypeId];
        if (ctor.ArgCount == 0) return _unitVariants.Get(ctor.TypeId, type, ctor.Variant);
        return Operators.NewEnum(type, ctor.Variant, _stack.AsSpan(payloadSlot, ctor.ArgCount).ToArray());
    }

    private void InsertPairs(Value map, int slot, int pairs)
    {
        for (int p = 0; p < pairs; p++)
            Operators.SetIndex(map, _stack[slot + 2 * p], _stack[slot + 2 * p + 1]);
    }

    /// <summary>The format template's pieces with the display forms of the values at <paramref name="slot"/> between them.</summary>
    private string Fill(VeldTuple template, int slot)
    {
        var pieces = template.Items;
        if (pieces.Length == 1) return pieces[0].As<VeldString>().Text;
        var sb = new System.Text.StringBuilder(pieces[0].As<VeldString>().Text);
        for (int p = 1; p < pieces.Length; p++)
        {
            sb.Append(Display.Show(_stack[slot + p - 1]));
            sb.Append(pieces[p].As<VeldString>().Text);
        }
        return sb.ToString();
    }
}
