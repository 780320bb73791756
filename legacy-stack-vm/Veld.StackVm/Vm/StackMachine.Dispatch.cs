using System.Runtime.CompilerServices;
using Veld.Runtime;

namespace Veld.StackVm;

internal sealed partial class StackMachine
{
    /// <summary>The error a THROW instruction raised, on its way from <see cref="Dispatch"/> to <see cref="Run"/>.</summary>
    private VeldRuntimeException? _thrown;

    /// <summary>
    /// Runs the frame on top (and every frame it calls) until frame <paramref name="stopFrame"/> returns,
    /// and returns its result. A Veld error escaping an instruction is stamped with that instruction's
    /// line, then either caught by a try of this loop's frames (and dispatch goes on in the handler)
    /// or, after this loop's frames are unwound, passed on to the caller.
    /// </summary>
    private Value Run(int stopFrame)
    {
        while (true)
        {
            VeldRuntimeException error;
            try
            {
                var result = Dispatch(stopFrame);
                if (_thrown is null) return result;
                error = _thrown;
                _thrown = null;
            }
            catch (VeldRuntimeException raised)
            {
                // Handled after the catch block, so nested loops do not nest .NET dispatches (ErrorPropagation).
                error = raised;
            }
            Stamp(error);
            // The failing instruction saved ip and the count.
            _instructions += _frames[_frameCount - 1].Executed;
            if (!Unwind(error, stopFrame)) throw ErrorPropagation.PassOn(error, _context);
        }
    }

    /// <summary>
    /// The dispatch loop. The current frame lives in locals (stack, sp, closure, code, ip, bp) that are
    /// reloaded at <c>Reload</c> whenever the frame changes. The method has no exception handler, so
    /// those locals stay in registers; instead, like Lua's <c>savepc</c>, every instruction saves ip and
    /// the executed count into its frame (<see cref="Save"/>) before anything that can raise an error,
    /// which is how <see cref="Run"/> knows the line. The fast paths (int arithmetic, loads, stores,
    /// taken branches) raise nothing and save nothing.
    ///
    /// Each case decodes its operands and then does its work; the wide variant of an instruction decodes
    /// two-byte operands in the WIDE case and jumps to the same work (the label after the narrow decoding).
    /// </summary>
    private Value Dispatch(int stopFrame)
    {
        long executed = 0;
        Value[] stack;
        int sp;
        Closure closure;
        byte[] code;
        int ip, bp;
        int a = 0, b = 0, c = 0;
        bool tail;

    Reload:
        stack = _stack;
        sp = _sp;
        {
            ref var frame = ref _frames[_frameCount - 1];
            closure = frame.Closure;
            code = closure.Chunk.Code;
            ip = frame.Ip;
            bp = frame.Base;
        }
        while (true)
        {
            executed++;
            switch ((OpCode)code[ip++])
            {
                // ---- constants ---------------------------------------------------------------
                case OpCode.Const:
                    a = code[ip++];
                Const:
                    stack[sp++] = closure.Chunk.Constants[a];
                    break;
                case OpCode.Unit: stack[sp++] = Value.Unit; break;
                case OpCode.True: stack[sp++] = Value.True; break;
                case OpCode.False: stack[sp++] = Value.False; break;

                // ---- stack -------------------------------------------------------------------
                case OpCode.Pop: sp--; break;
                case OpCode.PopN:
                    a = code[ip++];
                PopN:
                    sp -= a;
                    break;
                case OpCode.Dup: stack[sp] = stack[sp - 1]; sp++; break;
                case OpCode.Dup2:
                    stack[sp] = stack[sp - 2];
                    stack[sp + 1] = stack[sp - 1];
                    sp += 2;
                    break;

                // ---- variables ---------------------------------------------------------------
                case OpCode.LoadLocal:
                    a = code[ip++];
                LoadLocal:
                    stack[sp++] = stack[bp + a];
                    break;
                case OpCode.StoreLocal:
                    a = code[ip++];
                StoreLocal:
                    stack[bp + a] = stack[--sp];
                    break;
                case OpCode.LoadUpvalue:
                    a = code[ip++];
                LoadUpvalue:
                    {
                        var upvalue = closure.Upvalues[a];
                        stack[sp++] = upvalue.Slot >= 0 ? stack[upvalue.Slot] : upvalue.Closed;
                    }
                    break;
                case OpCode.StoreUpvalue:
                    a = code[ip++];
                StoreUpvalue:
                    {
                        var upvalue = closure.Upvalues[a];
                        if (upvalue.Slot >= 0) stack[upvalue.Slot] = stack[--sp];
                        else upvalue.Closed = stack[--sp];
                    }
                    break;
                case OpCode.CloseUpvalue:
                    a = code[ip++];
                CloseUpvalue:
                    if (_openUpvalues is not null) CloseUpvalue(bp + a);
                    break;
                case OpCode.LoadGlobal:
                    a = code[ip++];
                LoadGlobal:
                    {
                        var value = _globals[a];
                        if (value.IsUninitialized)
                        {
                            Save(ip, executed);
                            throw RuntimeErrors.UninitializedGlobal(_program.GlobalNames[a]);
                        }
                        stack[sp++] = value;
                    }
                    break;
                case OpCode.StoreGlobal:
                    a = code[ip++];
                StoreGlobal:
                    _globals[a] = stack[--sp];
                    break;

                // ---- arithmetic: int (and float) fast paths; Operators decides everything else ---
                case OpCode.Add:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (FastArithmetic.TryAdd(in x, in y, out var r)) stack[sp - 1] = r;
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Operators.AddSlow(x, y);
                        }
                    }
                    break;
                case OpCode.Sub:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (FastArithmetic.TrySub(in x, in y, out var r)) stack[sp - 1] = r;
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Operators.SubSlow(x, y);
                        }
                    }
                    break;
                case OpCode.Mul:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (FastArithmetic.TryMul(in x, in y, out var r)) stack[sp - 1] = r;
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Operators.MulSlow(x, y);
                        }
                    }
                    break;
                case OpCode.Div:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (FastArithmetic.TryDiv(in x, in y, out var r)) stack[sp - 1] = r;
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Operators.DivSlow(x, y);
                        }
                    }
                    break;
                case OpCode.Mod:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (FastArithmetic.TryMod(in x, in y, out var r)) stack[sp - 1] = r;
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Operators.ModSlow(x, y);
                        }
                    }
                    break;
                case OpCode.Pow:
                    {
                        var y = stack[--sp];
                        Save(ip, executed);
                        stack[sp - 1] = Operators.Pow(stack[sp - 1], y);
                    }
                    break;
                case OpCode.Neg:
                    {
                        var x = stack[sp - 1];
                        if (!FastArithmetic.TryNegate(in x, out var r)) throw OperandError(ip, executed, OpCode.Neg, sp);
                        stack[sp - 1] = r;
                    }
                    break;
                case OpCode.Not:
                    {
                        var x = stack[sp - 1];
                        if (!x.IsBool) throw OperandError(ip, executed, OpCode.Not, sp);
                        stack[sp - 1] = Value.FromBool(!x.AsBool);
                    }
                    break;
                case OpCode.BitAnd:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (!FastArithmetic.TryBitAnd(in x, in y, out var r)) throw OperandError(ip, executed, OpCode.BitAnd, sp);
                        stack[sp - 1] = r;
                    }
                    break;
                case OpCode.BitOr:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (!FastArithmetic.TryBitOr(in x, in y, out var r)) throw OperandError(ip, executed, OpCode.BitOr, sp);
                        stack[sp - 1] = r;
                    }
                    break;
                case OpCode.BitXor:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (!FastArithmetic.TryBitXor(in x, in y, out var r)) throw OperandError(ip, executed, OpCode.BitXor, sp);
                        stack[sp - 1] = r;
                    }
                    break;
                case OpCode.Shl:
                    {
                        var y = stack[--sp];
                        Save(ip, executed);
                        stack[sp - 1] = Operators.Shl(stack[sp - 1], y);
                    }
                    break;
                case OpCode.Shr:
                    {
                        var y = stack[--sp];
                        Save(ip, executed);
                        stack[sp - 1] = Operators.Shr(stack[sp - 1], y);
                    }
                    break;

                // ---- comparisons -------------------------------------------------------------
                case OpCode.Eq:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (FastComparison.TryEqual(in x, in y, out bool r)) stack[sp - 1] = Value.FromBool(r);
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Value.FromBool(Operators.EqualSlow(x, y));
                        }
                    }
                    break;
                case OpCode.Ne:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (FastComparison.TryEqual(in x, in y, out bool r)) stack[sp - 1] = Value.FromBool(!r);
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Value.FromBool(!Operators.EqualSlow(x, y));
                        }
                    }
                    break;
                case OpCode.Lt:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (FastComparison.TryLess(in x, in y, out bool r)) stack[sp - 1] = Value.FromBool(r);
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Value.FromBool(Operators.LessSlow(x, y));
                        }
                    }
                    break;
                case OpCode.Le:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (FastComparison.TryLessEqual(in x, in y, out bool r)) stack[sp - 1] = Value.FromBool(r);
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Value.FromBool(Operators.LessEqualSlow(x, y));
                        }
                    }
                    break;
                case OpCode.Gt:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (FastComparison.TryGreater(in x, in y, out bool r)) stack[sp - 1] = Value.FromBool(r);
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Value.FromBool(Operators.GreaterSlow(x, y));
                        }
                    }
                    break;
                case OpCode.Ge:
                    {
                        var y = stack[--sp];
                        var x = stack[sp - 1];
                        if (FastComparison.TryGreaterEqual(in x, in y, out bool r)) stack[sp - 1] = Value.FromBool(r);
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Value.FromBool(Operators.GreaterEqualSlow(x, y));
                        }
                    }
                    break;

                // ---- control -----------------------------------------------------------------
                case OpCode.Jump:
                    ip += code[ip] | code[ip + 1] << 8;
                    ip += 2;
                    break;
                case OpCode.JumpIfFalse:
                    {
                        var condition = stack[--sp];
                        bool truth = condition.IsBool ? condition.AsBool : NotABool(ip, executed, condition, BoolContext.Condition);
                        ip += truth ? 2 : 2 + (code[ip] | code[ip + 1] << 8);
                    }
                    break;
                case OpCode.And:
                    {
                        var left = stack[sp - 1];
                        bool truth = left.IsBool ? left.AsBool : NotABool(ip, executed, left, BoolContext.And);
                        if (truth) { sp--; ip += 2; }
                        else ip += 2 + (code[ip] | code[ip + 1] << 8);
                    }
                    break;
                case OpCode.Or:
                    {
                        var left = stack[sp - 1];
                        bool truth = left.IsBool ? left.AsBool : NotABool(ip, executed, left, BoolContext.Or);
                        if (truth) ip += 2 + (code[ip] | code[ip + 1] << 8);
                        else { sp--; ip += 2; }
                    }
                    break;
                case OpCode.CheckBool:
                    a = code[ip++];
                    if (!stack[sp - 1].IsBool) throw NotABoolError(ip, executed, stack[sp - 1], (BoolContext)a);
                    break;
                case OpCode.Loop:
                    Save(ip, executed);
                    _context.Tick();
                    ip -= (code[ip] | code[ip + 1] << 8) - 2;
                    break;

                // ---- functions ---------------------------------------------------------------
                case OpCode.Closure:
                    a = code[ip++];
                MakeClosure:
                    stack[sp++] = NewClosure(closure, a, code, ip, bp);
                    ip += 2 * closure.Chunk.Functions[a].Upvalues.Length; // the descriptors
                    break;
                case OpCode.Call:
                    a = code[ip++];
                Call:
                    {
                        int calleeSlot = sp - a - 1;
                        Save(ip, executed);
                        if (stack[calleeSlot].AsObject is Closure callee)
                        {
                            CheckArity(callee, a);
                            _sp = sp;
                            PushFrame(callee, calleeSlot + 1, a, calleeSlot);
                            goto Reload;
                        }
                        _sp = sp;
                        var result = CallNative(stack[calleeSlot], new ReadOnlySpan<Value>(stack, calleeSlot + 1, a));
                        stack = _stack;
                        sp = calleeSlot;
                        stack[sp++] = result;
                    }
                    break;
                case OpCode.TailCall:
                    a = code[ip++];
                TailCall:
                    {
                        int calleeSlot = sp - a - 1;
                        Save(ip, executed);
                        if (stack[calleeSlot].AsObject is Closure callee)
                        {
                            ReplaceFrame(callee, calleeSlot, a, withSelf: false);
                            goto Reload;
                        }
                        _sp = sp;
                        var result = CallNative(stack[calleeSlot], new ReadOnlySpan<Value>(stack, calleeSlot + 1, a));
                        if (PopFrame(result, stopFrame)) { _instructions += executed; return result; }
                        goto Reload;
                    }
                case OpCode.Invoke:
                    a = code[ip++];
                    b = code[ip++];
                    tail = false;
                    goto Invoke;
                case OpCode.TailInvoke:
                    a = code[ip++];
                    b = code[ip++];
                    tail = true;
                Invoke:
                    {
                        int targetSlot = sp - b - 1;
                        var target = stack[targetSlot];
                        Save(ip, executed);
                        string name = closure.Chunk.Constants[a].As<VeldString>().Text;
                        var kind = MethodLookup.Find(target, name, out var method);
                        if (kind != MethodKind.Builtin)
                        {
                            if (kind == MethodKind.Self)
                            {
                                var callee = (Closure)method.AsObject!;
                                if (tail)
                                {
                                    ReplaceFrame(callee, targetSlot, b, withSelf: true);
                                    goto Reload;
                                }
                                CheckArity(callee, b, withSelf: true);
                                _sp = sp;
                                PushFrame(callee, targetSlot, b + 1, targetSlot);
                                goto Reload;
                            }
                            // A function-valued field or key: called like a plain function, without self.
                            stack[targetSlot] = method;
                            a = b;
                            if (tail) goto TailCall;
                            goto Call;
                        }
                        _sp = sp;
                        var result = CallBuiltinMethod(target, name, new ReadOnlySpan<Value>(stack, targetSlot + 1, b));
                        stack = _stack;
                        if (tail)
                        {
                            if (PopFrame(result, stopFrame)) { _instructions += executed; return result; }
                            goto Reload;
                        }
                        sp = targetSlot;
                        stack[sp++] = result;
                    }
                    break;
                case OpCode.GetStatic:
                    a = code[ip++];
                    b = code[ip++];
                GetStatic:
                    {
                        var type = _types[a];
                        string name = closure.Chunk.Constants[b].As<VeldString>().Text;
                        if (!type.Methods.TryGetValue(name, out var method)) // the resolver found it statically
                            throw new InvalidOperationException($"stack VM: type {type.Name} has no method '{name}'");
                        stack[sp++] = method;
                    }
                    break;
                case OpCode.Return:
                    {
                        var result = stack[sp - 1];
                        if (PopFrame(result, stopFrame)) { _instructions += executed; return result; }
                        goto Reload;
                    }

                // ---- data --------------------------------------------------------------------
                case OpCode.NewArray:
                    a = code[ip++];
                NewArray:
                    stack[sp - a] = NewArray(stack.AsSpan(sp - a, a));
                    sp -= a - 1;
                    break;
                case OpCode.NewTuple:
                    a = code[ip++];
                NewTuple:
                    stack[sp - a] = Value.FromObject(new VeldTuple(stack.AsSpan(sp - a, a).ToArray()));
                    sp -= a - 1;
                    break;
                case OpCode.NewMap:
                    a = code[ip++];
                NewMap:
                    Save(ip, executed);
                    stack[sp - 2 * a] = NewMap(stack.AsSpan(sp - 2 * a, 2 * a));
                    sp -= 2 * a - 1;
                    break;
                case OpCode.NewStruct:
                    a = code[ip++];
                NewStruct:
                    {
                        var shape = closure.Chunk.Shapes[a];
                        int n = shape.FieldOfArgument.Length;
                        stack[sp - n] = NewStruct(shape, stack.AsSpan(sp - n, n));
                        sp -= n - 1;
                    }
                    break;
                case OpCode.NewEnum:
                    a = code[ip++];
                    b = code[ip++];
                    c = code[ip++];
                NewEnum:
                    Save(ip, executed);
                    stack[sp - c] = NewEnum(a, b, stack.AsSpan(sp - c, c));
                    sp -= c - 1;
                    break;
                case OpCode.Range:
                    a = code[ip++];
                Range:
                    {
                        Save(ip, executed);
                        var end = stack[--sp];
                        stack[sp - 1] = Operators.MakeRange(stack[sp - 1], end, a != 0);
                    }
                    break;
                case OpCode.GetIndex:
                    {
                        var index = stack[--sp];
                        var target = stack[sp - 1];
                        if (FastIndexing.TryGetIndex(in target, in index, out var element)) stack[sp - 1] = element;
                        else
                        {
                            Save(ip, executed);
                            stack[sp - 1] = Operators.GetIndexSlow(target, index);
                        }
                    }
                    break;
                case OpCode.SetIndex:
                    {
                        sp -= 3;
                        var target = stack[sp];
                        var index = stack[sp + 1];
                        if (!FastIndexing.TrySetIndex(in target, in index, in stack[sp + 2]))
                        {
                            Save(ip, executed);
                            Operators.SetIndexSlow(target, index, stack[sp + 2]);
                        }
                    }
                    break;
                case OpCode.GetField:
                    a = code[ip++];
                GetField:
                    Save(ip, executed);
                    stack[sp - 1] = Operators.GetField(stack[sp - 1], closure.Chunk.Constants[a].As<VeldString>().Text);
                    break;
                case OpCode.SetField:
                    a = code[ip++];
                SetField:
                    Save(ip, executed);
                    sp -= 2;
                    Operators.SetField(stack[sp], closure.Chunk.Constants[a].As<VeldString>().Text, stack[sp + 1]);
                    break;
                case OpCode.TupleIndex:
                    a = code[ip++];
                TupleIndex:
                    Save(ip, executed);
                    stack[sp - 1] = Operators.TupleIndex(stack[sp - 1], a);
                    break;
                case OpCode.Cast:
                    a = code[ip++];
                    b = code[ip++];
                Cast:
                    Save(ip, executed);
                    stack[sp - 1] = Operators.Cast(stack[sp - 1], (Veld.Language.Syntax.CastTarget)a, closure.Chunk.Constants[b].As<VeldString>().Text);
                    break;

                // ---- iteration ---------------------------------------------------------------
                case OpCode.IterStart:
                    Save(ip, executed);
                    stack[sp - 1] = Value.FromObject(new IteratorBox(ForIterator.Create(stack[sp - 1])));
                    break;
                case OpCode.IterNext:
                    Save(ip, executed);
                    if (stack[sp - 1].As<IteratorBox>().Iterator.MoveNext(out var item))
                    {
                        stack[sp++] = item;
                        ip += 2;
                    }
                    else ip += 2 + (code[ip] | code[ip + 1] << 8);
                    break;

                // ---- patterns ----------------------------------------------------------------
                case OpCode.MatchConst:
                    a = code[ip++];
                MatchConst:
                    // A literal is a number, string or bool: comparing with it cannot fail.
                    ip += Operators.Equal(stack[sp - 1], closure.Chunk.Constants[a]) ? 2 : 2 + (code[ip] | code[ip + 1] << 8);
                    break;
                case OpCode.MatchRange:
                    a = code[ip++];
                MatchRange:
                    {
                        var x = stack[sp - 1];
                        var range = closure.Chunk.Constants[a].As<VeldRange>();
                        ip += RangeTest.Matches(in x, range) ? 2 : 2 + (code[ip] | code[ip + 1] << 8);
                    }
                    break;
                case OpCode.MatchTuple:
                    a = code[ip++];
                MatchTuple:
                    {
                        bool isTuple = stack[sp - 1].AsObject is VeldTuple tuple && tuple.Items.Length == a;
                        ip += isTuple ? 2 : 2 + (code[ip] | code[ip + 1] << 8);
                    }
                    break;
                case OpCode.MatchVariant:
                    a = code[ip++];
                    b = code[ip++];
                MatchVariant:
                    {
                        bool isVariant = stack[sp - 1].AsObject is EnumInstance e && e.Variant == b && ReferenceEquals(e.Type, _types[a]);
                        ip += isVariant ? 2 : 2 + (code[ip] | code[ip + 1] << 8);
                    }
                    break;
                case OpCode.Element:
                    a = code[ip++];
                Element:
                    stack[sp] = stack[sp - 1].AsObject is VeldTuple t ? t.Items[a] : stack[sp - 1].As<EnumInstance>().Payload[a];
                    sp++;
                    break;
                case OpCode.MatchFail:
                    Save(ip, executed);
                    throw RuntimeErrors.NoMatch(stack[--sp]);

                // ---- errors ------------------------------------------------------------------
                case OpCode.TryBegin:
                    {
                        if (_handlerCount == _handlers.Length) Array.Resize(ref _handlers, _handlers.Length * 2);
                        ref var handler = ref _handlers[_handlerCount++];
                        handler.Frame = _frameCount - 1;
                        handler.StackTop = sp;
                        handler.Ip = ip + 2 + (code[ip] | code[ip + 1] << 8);
                        ip += 2;
                    }
                    break;
                case OpCode.TryEnd:
                    _handlerCount--;
                    break;
                case OpCode.Throw:
                    // Handed to Run as a return, not a .NET exception: a throw costs microseconds, and a
                    // catch handler that recurses pays it at every level.
                    Save(ip, executed);
                    _thrown = RuntimeErrors.Thrown(stack[--sp]);
                    return default;

                // ---- macros ------------------------------------------------------------------
                case OpCode.Show:
                    Save(ip, executed);
                    stack[sp - 1] = Value.FromString(Display.Show(stack[sp - 1]));
                    break;
                case OpCode.Format:
                    a = code[ip++];
                Format:
                    Save(ip, executed);
                    stack[sp - a] = Format(stack.AsSpan(sp - a, a));
                    sp -= a - 1;
                    break;
                case OpCode.Print:
                    Save(ip, executed);
                    _context.Output.Write(Display.Show(stack[--sp]));
                    break;
                case OpCode.Println:
                    Save(ip, executed);
                    _context.Output.Write(Display.Show(stack[--sp]));
                    _context.Output.Write('\n');
                    break;
                case OpCode.Assert:
                    {
                        var condition = stack[--sp];
                        bool holds = condition.IsBool ? condition.AsBool : NotABool(ip, executed, condition, BoolContext.Assert);
                        ip += holds ? 2 + (code[ip] | code[ip + 1] << 8) : 2;
                    }
                    break;
                case OpCode.AssertFail:
                    a = code[ip++];
                AssertFail:
                    Save(ip, executed);
                    throw RuntimeErrors.AssertFailed(a == 0 ? null : Display.Show(stack[sp - 1]));

                // ---- wide variants: two-byte operands, then the same work ---------------------
                case OpCode.Wide:
                    {
                        var op = (OpCode)code[ip++];
                        int indexOperands = OpCodeInfo.IndexOperandCount(op);
                        a = code[ip] | code[ip + 1] << 8;
                        ip += 2;
                        if (indexOperands > 1) { b = code[ip] | code[ip + 1] << 8; ip += 2; }
                        if (indexOperands > 2) { c = code[ip] | code[ip + 1] << 8; ip += 2; }
                        switch (op)
                        {
                            case OpCode.Const: goto Const;
                            case OpCode.PopN: goto PopN;
                            case OpCode.LoadLocal: goto LoadLocal;
                            case OpCode.StoreLocal: goto StoreLocal;
                            case OpCode.LoadUpvalue: goto LoadUpvalue;
                            case OpCode.StoreUpvalue: goto StoreUpvalue;
                            case OpCode.CloseUpvalue: goto CloseUpvalue;
                            case OpCode.LoadGlobal: goto LoadGlobal;
                            case OpCode.StoreGlobal: goto StoreGlobal;
                            case OpCode.Closure: goto MakeClosure;
                            case OpCode.Call: goto Call;
                            case OpCode.TailCall: goto TailCall;
                            case OpCode.Invoke: tail = false; goto Invoke;
                            case OpCode.TailInvoke: tail = true; goto Invoke;
                            case OpCode.GetStatic: goto GetStatic;
                            case OpCode.NewArray: goto NewArray;
                            case OpCode.NewTuple: goto NewTuple;
                            case OpCode.NewMap: goto NewMap;
                            case OpCode.NewStruct: goto NewStruct;
                            case OpCode.NewEnum: goto NewEnum;
                            case OpCode.Range: goto Range;
                            case OpCode.GetField: goto GetField;
                            case OpCode.SetField: goto SetField;
                            case OpCode.TupleIndex: goto TupleIndex;
                            case OpCode.Cast: goto Cast;
                            case OpCode.MatchConst: goto MatchConst;
                            case OpCode.MatchRange: goto MatchRange;
                            case OpCode.MatchTuple: goto MatchTuple;
                            case OpCode.MatchVariant: goto MatchVariant;
                            case OpCode.Element: goto Element;
                            case OpCode.Format: goto Format;
                            case OpCode.AssertFail: goto AssertFail;
                            default: throw new InvalidOperationException($"stack VM: {op} has no wide variant");
                        }
                    }

                default:
                    throw new InvalidOperationException($"stack VM: bad opcode {code[ip - 1]} at {ip - 1} in {closure.Chunk.Name}");
            }
        }
    }

    /// <summary>A non-bool where a bool is required: save, then let the runtime raise the Type error.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool NotABool(int ip, long executed, Value value, BoolContext context)
    {
        Save(ip, executed);
        return BoolContexts.Check(in value, context);
    }

    /// <summary>Lua's savepc: record where the current instruction is (and the instructions counted so
    /// far) in its frame, before an operation that may raise an error or call out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Save(int ip, long executed)
    {
        ref var frame = ref _frames[_frameCount - 1];
        frame.Ip = ip;
        frame.Executed = executed;
    }
}
