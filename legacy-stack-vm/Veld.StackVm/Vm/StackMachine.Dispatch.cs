using System.Text;
using Veld.Runtime;

namespace Veld.StackVm;

internal sealed partial class StackMachine
{
    /// <summary>
    /// The dispatch loop: runs the frame on top (and every frame it calls) until frame
    /// <paramref name="stopFrame"/> returns, and returns its result.
    ///
    /// The current frame lives in locals (stack, sp, code, constants, ip, bp); they are written back
    /// before control leaves the loop's hands (a call, a native call that may re-enter) and reloaded
    /// at <c>Reload</c> after the frame changes. Each case decodes its operands and then does its work;
    /// the wide variant of an instruction decodes two-byte operands in the WIDE case and jumps to the
    /// same work (the label after the narrow decoding).
    /// </summary>
    private Value Run(int stopFrame)
    {
        long executed = 0;
        Value[] stack;
        int sp;
        Closure closure;
        byte[] code;
        Value[] constants;
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
            constants = closure.Chunk.Constants;
            ip = frame.Ip;
            bp = frame.Base;
        }
        try
        {
            while (true)
            {
                executed++;
                switch ((OpCode)code[ip++])
                {
                    // ---- constants ---------------------------------------------------------------
                    case OpCode.Const:
                        a = code[ip++];
                    Const:
                        stack[sp++] = constants[a];
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
                    case OpCode.Pick:
                        a = code[ip++];
                    Pick:
                        stack[sp] = stack[sp - 1 - a];
                        sp++;
                        break;
                    case OpCode.Swap:
                        (stack[sp - 1], stack[sp - 2]) = (stack[sp - 2], stack[sp - 1]);
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
                            if (value.IsUninitialized) throw RuntimeErrors.UninitializedGlobal(_program.GlobalNames[a]);
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
                            if (x.IsInt && y.IsInt)
                            {
                                long l = x.AsInt, r = y.AsInt, sum = l + r;
                                if (((l ^ sum) & (r ^ sum)) >= 0) { stack[sp - 1] = Value.FromInt(sum); break; }
                            }
                            else if (x.IsFloat && y.IsFloat) { stack[sp - 1] = Value.FromFloat(x.AsFloat + y.AsFloat); break; }
                            stack[sp - 1] = Operators.Add(x, y);
                        }
                        break;
                    case OpCode.Sub:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            if (x.IsInt && y.IsInt)
                            {
                                long l = x.AsInt, r = y.AsInt, diff = l - r;
                                if (((l ^ r) & (l ^ diff)) >= 0) { stack[sp - 1] = Value.FromInt(diff); break; }
                            }
                            else if (x.IsFloat && y.IsFloat) { stack[sp - 1] = Value.FromFloat(x.AsFloat - y.AsFloat); break; }
                            stack[sp - 1] = Operators.Sub(x, y);
                        }
                        break;
                    case OpCode.Mul:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            if (x.IsInt && y.IsInt)
                            {
                                long high = Math.BigMul(x.AsInt, y.AsInt, out long low);
                                if (high == low >> 63) { stack[sp - 1] = Value.FromInt(low); break; }
                            }
                            else if (x.IsFloat && y.IsFloat) { stack[sp - 1] = Value.FromFloat(x.AsFloat * y.AsFloat); break; }
                            stack[sp - 1] = Operators.Mul(x, y);
                        }
                        break;
                    case OpCode.Div:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            // Zero divisors and MIN / -1 take the slow path, which raises the error.
                            if (x.IsInt && y.IsInt && y.AsInt > 0) { stack[sp - 1] = Value.FromInt(x.AsInt / y.AsInt); break; }
                            stack[sp - 1] = Operators.Div(x, y);
                        }
                        break;
                    case OpCode.Mod:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            if (x.IsInt && y.IsInt && y.AsInt > 0) { stack[sp - 1] = Value.FromInt(x.AsInt % y.AsInt); break; }
                            stack[sp - 1] = Operators.Mod(x, y);
                        }
                        break;
                    case OpCode.Pow:
                        {
                            var y = stack[--sp];
                            stack[sp - 1] = Operators.Pow(stack[sp - 1], y);
                        }
                        break;
                    case OpCode.Neg:
                        {
                            var x = stack[sp - 1];
                            if (x.IsInt && x.AsInt != long.MinValue) stack[sp - 1] = Value.FromInt(-x.AsInt);
                            else stack[sp - 1] = Operators.Negate(x);
                        }
                        break;
                    case OpCode.Not:
                        {
                            var x = stack[sp - 1];
                            stack[sp - 1] = x.IsBool ? Value.FromBool(!x.AsBool) : Operators.Not(x);
                        }
                        break;
                    case OpCode.BitAnd:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            stack[sp - 1] = x.IsInt && y.IsInt ? Value.FromInt(x.AsInt & y.AsInt) : Operators.BitAnd(x, y);
                        }
                        break;
                    case OpCode.BitOr:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            stack[sp - 1] = x.IsInt && y.IsInt ? Value.FromInt(x.AsInt | y.AsInt) : Operators.BitOr(x, y);
                        }
                        break;
                    case OpCode.BitXor:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            stack[sp - 1] = x.IsInt && y.IsInt ? Value.FromInt(x.AsInt ^ y.AsInt) : Operators.BitXor(x, y);
                        }
                        break;
                    case OpCode.Shl:
                        {
                            var y = stack[--sp];
                            stack[sp - 1] = Operators.Shl(stack[sp - 1], y);
                        }
                        break;
                    case OpCode.Shr:
                        {
                            var y = stack[--sp];
                            stack[sp - 1] = Operators.Shr(stack[sp - 1], y);
                        }
                        break;

                    // ---- comparisons -------------------------------------------------------------
                    case OpCode.Eq:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            stack[sp - 1] = Value.FromBool(x.IsInt && y.IsInt ? x.AsInt == y.AsInt : Operators.Equal(x, y));
                        }
                        break;
                    case OpCode.Ne:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            stack[sp - 1] = Value.FromBool(x.IsInt && y.IsInt ? x.AsInt != y.AsInt : !Operators.Equal(x, y));
                        }
                        break;
                    case OpCode.Lt:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            stack[sp - 1] = Value.FromBool(x.IsInt && y.IsInt ? x.AsInt < y.AsInt : Operators.Less(x, y));
                        }
                        break;
                    case OpCode.Le:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            stack[sp - 1] = Value.FromBool(x.IsInt && y.IsInt ? x.AsInt <= y.AsInt : Operators.LessEqual(x, y));
                        }
                        break;
                    case OpCode.Gt:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            stack[sp - 1] = Value.FromBool(x.IsInt && y.IsInt ? x.AsInt > y.AsInt : Operators.Greater(x, y));
                        }
                        break;
                    case OpCode.Ge:
                        {
                            var y = stack[--sp];
                            var x = stack[sp - 1];
                            stack[sp - 1] = Value.FromBool(x.IsInt && y.IsInt ? x.AsInt >= y.AsInt : Operators.GreaterEqual(x, y));
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
                            bool truth = condition.IsBool ? condition.AsBool : Operators.Truth(condition, BoolContextNames.Condition);
                            ip += truth ? 2 : 2 + (code[ip] | code[ip + 1] << 8);
                        }
                        break;
                    case OpCode.And:
                        {
                            var left = stack[sp - 1];
                            bool truth = left.IsBool ? left.AsBool : Operators.Truth(left, BoolContextNames.And);
                            if (truth) { sp--; ip += 2; }
                            else ip += 2 + (code[ip] | code[ip + 1] << 8);
                        }
                        break;
                    case OpCode.Or:
                        {
                            var left = stack[sp - 1];
                            bool truth = left.IsBool ? left.AsBool : Operators.Truth(left, BoolContextNames.Or);
                            if (truth) ip += 2 + (code[ip] | code[ip + 1] << 8);
                            else { sp--; ip += 2; }
                        }
                        break;
                    case OpCode.CheckBool:
                        a = code[ip++];
                        if (!stack[sp - 1].IsBool) Operators.Truth(stack[sp - 1], BoolContextNames.Of((BoolContext)a));
                        break;
                    case OpCode.Loop:
                        _context.Tick();
                        ip -= (code[ip] | code[ip + 1] << 8) - 2;
                        break;

                    // ---- functions ---------------------------------------------------------------
                    case OpCode.Closure:
                        a = code[ip++];
                    MakeClosure:
                        {
                            var chunk = closure.Chunk.Functions[a];
                            var upvalues = new Upvalue[chunk.Upvalues.Length];
                            for (int i = 0; i < upvalues.Length; i++)
                            {
                                bool isLocal = code[ip++] != 0;
                                int index = code[ip++];
                                upvalues[i] = isLocal ? CaptureUpvalue(bp + index) : closure.Upvalues[index];
                            }
                            stack[sp++] = Value.FromObject(new Closure(chunk, upvalues));
                        }
                        break;
                    case OpCode.Call:
                        a = code[ip++];
                    Call:
                        {
                            int calleeSlot = sp - a - 1;
                            if (stack[calleeSlot].AsObject is Closure callee)
                            {
                                CheckArity(callee, a);
                                _frames[_frameCount - 1].Ip = ip;
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
                            if (stack[calleeSlot].AsObject is Closure callee)
                            {
                                ReplaceFrame(callee, calleeSlot, a, withSelf: false);
                                goto Reload;
                            }
                            _sp = sp;
                            var result = CallNative(stack[calleeSlot], new ReadOnlySpan<Value>(stack, calleeSlot + 1, a));
                            if (PopFrame(result, stopFrame)) { _context.Instructions += executed; return result; }
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
                            string name = constants[a].As<VeldString>().Text;
                            if (FindMethod(target, name, out var method, out bool withSelf))
                            {
                                if (withSelf)
                                {
                                    var callee = (Closure)method.AsObject!;
                                    if (tail)
                                    {
                                        ReplaceFrame(callee, targetSlot, b, withSelf: true);
                                        goto Reload;
                                    }
                                    CheckArity(callee, b, withSelf: true);
                                    _frames[_frameCount - 1].Ip = ip;
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
                                if (PopFrame(result, stopFrame)) { _context.Instructions += executed; return result; }
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
                            string name = constants[b].As<VeldString>().Text;
                            if (!type.Methods.TryGetValue(name, out var method)) // the resolver found it statically
                                throw new InvalidOperationException($"stack VM: type {type.Name} has no method '{name}'");
                            stack[sp++] = method;
                        }
                        break;
                    case OpCode.Return:
                        {
                            var result = stack[sp - 1];
                            if (PopFrame(result, stopFrame)) { _context.Instructions += executed; return result; }
                            goto Reload;
                        }

                    // ---- data --------------------------------------------------------------------
                    case OpCode.NewArray:
                        a = code[ip++];
                    NewArray:
                        {
                            var items = new List<Value>(a);
                            for (int i = sp - a; i < sp; i++) items.Add(stack[i]);
                            sp -= a;
                            stack[sp++] = Value.FromObject(new VeldArray(items));
                        }
                        break;
                    case OpCode.NewTuple:
                        a = code[ip++];
                    NewTuple:
                        {
                            var items = stack.AsSpan(sp - a, a).ToArray();
                            sp -= a;
                            stack[sp++] = Value.FromObject(new VeldTuple(items));
                        }
                        break;
                    case OpCode.NewMap:
                        a = code[ip++];
                    NewMap:
                        {
                            var map = Value.FromObject(new VeldMap());
                            int first = sp - 2 * a;
                            for (int i = first; i < sp; i += 2) Operators.SetIndex(map, stack[i], stack[i + 1]);
                            sp = first;
                            stack[sp++] = map;
                        }
                        break;
                    case OpCode.NewStruct:
                        a = code[ip++];
                    NewStruct:
                        {
                            var shape = closure.Chunk.Shapes[a];
                            var type = (StructType)_types[shape.TypeId];
                            var fields = new Value[type.FieldNames.Length];
                            int n = shape.FieldOfArgument.Length;
                            for (int i = 0; i < n; i++) fields[shape.FieldOfArgument[i]] = stack[sp - n + i];
                            sp -= n;
                            stack[sp++] = Operators.NewStruct(type, fields);
                        }
                        break;
                    case OpCode.NewEnum:
                        a = code[ip++];
                        b = code[ip++];
                        c = code[ip++];
                    NewEnum:
                        if (c == 0) stack[sp++] = UnitVariant(a, b);
                        else
                        {
                            var payload = stack.AsSpan(sp - c, c).ToArray();
                            sp -= c;
                            stack[sp++] = Operators.NewEnum((EnumType)_types[a], b, payload);
                        }
                        break;
                    case OpCode.Range:
                        a = code[ip++];
                    Range:
                        {
                            var end = stack[--sp];
                            stack[sp - 1] = Operators.MakeRange(stack[sp - 1], end, a != 0);
                        }
                        break;
                    case OpCode.GetIndex:
                        {
                            var index = stack[--sp];
                            var target = stack[sp - 1];
                            if (target.AsObject is VeldArray array && index.IsInt && (ulong)index.AsInt < (ulong)array.Count)
                                stack[sp - 1] = array.Items[(int)index.AsInt];
                            else
                                stack[sp - 1] = Operators.GetIndex(target, index);
                        }
                        break;
                    case OpCode.SetIndex:
                        {
                            sp -= 3;
                            var target = stack[sp];
                            var index = stack[sp + 1];
                            if (target.AsObject is VeldArray array && index.IsInt && (ulong)index.AsInt < (ulong)array.Count)
                                array.Items[(int)index.AsInt] = stack[sp + 2];
                            else
                                Operators.SetIndex(target, index, stack[sp + 2]);
                        }
                        break;
                    case OpCode.GetField:
                        a = code[ip++];
                    GetField:
                        stack[sp - 1] = Operators.GetField(stack[sp - 1], constants[a].As<VeldString>().Text);
                        break;
                    case OpCode.SetField:
                        a = code[ip++];
                    SetField:
                        sp -= 2;
                        Operators.SetField(stack[sp], constants[a].As<VeldString>().Text, stack[sp + 1]);
                        break;
                    case OpCode.TupleIndex:
                        a = code[ip++];
                    TupleIndex:
                        stack[sp - 1] = Operators.TupleIndex(stack[sp - 1], a);
                        break;
                    case OpCode.Cast:
                        a = code[ip++];
                        b = code[ip++];
                    Cast:
                        stack[sp - 1] = Operators.Cast(stack[sp - 1], (Veld.Language.Syntax.CastTarget)a, constants[b].As<VeldString>().Text);
                        break;

                    // ---- iteration ---------------------------------------------------------------
                    case OpCode.IterStart:
                        stack[sp - 1] = Value.FromObject(new IteratorBox(ForIterator.Create(stack[sp - 1])));
                        break;
                    case OpCode.IterNext:
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
                        ip += Operators.Equal(stack[sp - 1], constants[a]) ? 2 : 2 + (code[ip] | code[ip + 1] << 8);
                        break;
                    case OpCode.MatchRange:
                        a = code[ip++];
                    MatchRange:
                        {
                            var x = stack[sp - 1];
                            var range = constants[a].As<VeldRange>();
                            bool inRange = x.IsInt && x.AsInt >= range.Start && (range.Inclusive ? x.AsInt <= range.End : x.AsInt < range.End);
                            ip += inRange ? 2 : 2 + (code[ip] | code[ip + 1] << 8);
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
                        throw RuntimeErrors.Thrown(stack[--sp]);

                    // ---- macros ------------------------------------------------------------------
                    case OpCode.Format:
                        a = code[ip++];
                    Format:
                        {
                            var text = new StringBuilder();
                            for (int i = sp - a; i < sp; i++) text.Append(Display.Show(stack[i]));
                            sp -= a;
                            stack[sp++] = Value.FromString(text.ToString());
                        }
                        break;
                    case OpCode.Print:
                        _context.Output.Write(Display.Show(stack[--sp]));
                        break;
                    case OpCode.Println:
                        _context.Output.Write(Display.Show(stack[--sp]));
                        _context.Output.Write('\n');
                        break;
                    case OpCode.Assert:
                        {
                            var condition = stack[--sp];
                            bool holds = condition.IsBool ? condition.AsBool : Operators.Truth(condition, BoolContextNames.Assertion);
                            ip += holds ? 2 + (code[ip] | code[ip + 1] << 8) : 2;
                        }
                        break;
                    case OpCode.AssertFail:
                        a = code[ip++];
                    AssertFail:
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
                                case OpCode.Pick: goto Pick;
                                default: throw new InvalidOperationException($"stack VM: {op} has no wide variant");
                            }
                        }

                    default:
                        throw new InvalidOperationException($"stack VM: bad opcode {code[ip - 1]} at {ip - 1} in {closure.Chunk.Name}");
                }
            }
        }
        catch (VeldRuntimeException error)
        {
            // ip is past the opcode of the failing instruction and still inside it.
            error.AtLine(closure.Chunk.Lines.LineAt(ip - 1));
            _frames[_frameCount - 1].Ip = ip;
            _context.Instructions += executed;
            executed = 0;
            if (!Unwind(error, stopFrame)) throw;
            goto Reload;
        }
    }
}
