using System.Runtime.CompilerServices;
using Veld.Runtime;
using ExecutionContext = Veld.Runtime.ExecutionContext;

namespace Veld.RegisterVm;

/// <summary>
/// The operations compiled code (the JIT tier) calls, each doing exactly what its dispatch case does; the
/// ones with more than a line of logic are shared with the dispatch loop, so the semantics exist once.
/// Slots are absolute indices into the register stack. Anything that may run Veld code (a call, a builtin
/// calling back) may reallocate the stack, so compiled code reloads its register pointer after those.
/// </summary>
internal sealed partial class RegisterMachine
{
    /// <summary>The result of an activation whose entry frame returned inside compiled code (<see cref="CompiledExit.Returned"/>).</summary>
    internal Value CompiledResult;

    internal ExecutionContext Context => _context;
    internal TierUp? TierUp => _tierUp;
    internal int FrameBase(int frameIndex) => _frames[frameIndex].Base;
    internal Closure FrameClosure(int frameIndex) => _frames[frameIndex].Closure;
    /// <summary>The first register of a frame; valid until the stack is next reallocated.</summary>
    internal ref Value Registers(int @base) => ref _stack[@base];
    /// <summary>The first <paramref name="count"/> registers of the top frame (for the JIT's type profile).</summary>
    internal ReadOnlySpan<Value> TopRegisters(int count) => _stack.AsSpan(_frames[_frameCount - 1].Base, count);
    /// <summary>The function of the frame below the top one (the top frame's caller); null in the program's first frame.</summary>
    internal FunctionProto? CallerOfTop() => _frameCount >= 2 ? _frames[_frameCount - 2].Closure.Proto : null;
    /// <summary>Where the frame resumes when the callee it is about to push returns.</summary>
    internal void SavePc(int frameIndex, int pc) => _frames[frameIndex].Pc = pc;
    /// <summary>The inline caches of <paramref name="proto"/>, one per constant: the sites naming the same field or method
    /// share one (they mostly see the same types), so a run allocates a cache per name, not per instruction.</summary>
    internal InlineCache[] CachesOf(FunctionProto proto) => _caches[proto.Id] ??= new InlineCache[proto.Constants.Length];
    internal Value GlobalAt(int index) => Global(index);
    /// <summary>Global <paramref name="index"/> as it is now, uninitialized or not (the JIT looks at what a CALLG would call).</summary>
    internal Value GlobalNow(int index) => _globals[index];
    internal void SetGlobalAt(int index, Value value) => _globals[index] = value;

    /// <summary>
    /// CALL, CALLG, CALLR from compiled code in one step: the frame resumes at <paramref name="resumePc"/>, the
    /// callee is called, and <see cref="RunCallee"/> runs it when it pushed a frame. <see cref="CompiledExit.Next"/>
    /// when the result is stored (a builtin's, or a compiled callee's that returned); <see cref="CompiledExit.Reload"/>
    /// when the VM must go on with the frame on top.
    /// </summary>
    internal int CallFromCompiled(int frameIndex, int resumePc, Value callee, int argSlot, int argCount, int resultSlot, int handlerFloor)
    {
        _frames[frameIndex].Pc = resumePc;
        return CallValue(callee, argSlot, argCount, resultSlot) ? RunCallee(frameIndex, handlerFloor) : CompiledExit.Next;
    }

    /// <summary>
    /// A Veld call from compiled code just pushed the frame above <paramref name="callerFrame"/>: when the callee is
    /// compiled too, run it here, directly (C# recursion, bounded by the depth limit every call counts against,
    /// and by the native stack: when that runs short the trampoline takes over). <see cref="CompiledExit.Next"/>
    /// when it returned (its result is stored); <see cref="CompiledExit.Reload"/> when the VM must go on with
    /// whatever frame is on top now.
    /// </summary>
    internal int RunCallee(int callerFrame, int handlerFloor)
    {
        int callee = callerFrame + 1;
        while (true)
        {
            var code = _tierUp!.Code[_frames[callee].Closure.Proto.Id];
            if (code is null || !RuntimeHelpers.TryEnsureSufficientExecutionStack()) return CompiledExit.Reload;
            int resultSlot = _frames[callee].ResultSlot;
            // The callee is its own entry frame here: its return comes back to this call, not to the dispatch loop.
            int exit = code(this, callee, 0, callee, handlerFloor);
            if (exit == CompiledExit.Returned)
            {
                _stack[resultSlot] = CompiledResult;
                return CompiledExit.Next;
            }
            // A pc: the callee's frame (still on top) continues in the interpreter from there.
            if (exit >= 0) _frames[callee].Pc = exit;
            if (exit >= 0 || !TailCalledInto(callee)) return CompiledExit.Reload;
        }
    }

    /// <summary>
    /// A direct call's guard (compiled code calling a known function's direct entry): <paramref name="callee"/> is a
    /// closure of proto <paramref name="protoId"/> whose compiled code is still the one the caller was linked against
    /// (<paramref name="generation"/>). Null: take the general call. The native stack's room is the caller's own test
    /// (<see cref="StackCheckedDownTo"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Closure? DirectCallee(Value callee, int protoId, int generation) =>
        callee.Is<Closure>(out var closure) && closure.Proto.Id == protoId && _tierUp!.Generation[protoId] == generation ? closure : null;

    /// <summary>The lowest native stack address at which <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>
    /// said there was room (the stack grows down): a call from at or above it has at least that room, so only a call
    /// deeper than any before asks the runtime again (<see cref="NativeStackHasRoomBelow"/>). Compiled code compares the
    /// address of one of its locals with it before every direct call, in its own IL: a compare and a branch, where a
    /// helper returning a bool cost nine instructions per call in fib. A machine runs on one thread (its run's), so one
    /// address serves all its calls.</summary>
    internal nint StackCheckedDownTo = nint.MaxValue;

    /// <summary>A direct call from <paramref name="address"/>, below <see cref="StackCheckedDownTo"/>: whether the native
    /// stack has room for one more compiled C# frame (false: the general call, which the trampoline runs).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal bool NativeStackHasRoomBelow(nint address)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) return false;
        StackCheckedDownTo = address;
        return true;
    }

    /// <summary>Every impl method whose proto the cache of call site constant <paramref name="site"/> of <paramref name="proto"/>
    /// holds, for any receiver type it has seen (none for a field's cache or a site not run yet).</summary>
    internal IEnumerable<FunctionProto> CachedMethods(FunctionProto proto, int site)
    {
        if (_caches[proto.Id] is not { } caches || caches[site] is not { Field: < 0, Method: Closure first } cache) yield break;
        yield return first.Proto;
        if (cache.Others is null) yield break;
        foreach (var other in cache.Others.Methods)
            if (other is Closure method && method.Proto != first.Proto) yield return method.Proto;
    }

    /// <summary>
    /// A direct method call's first step, inlined into the compiled site: the impl method the site's <paramref name="cache"/>
    /// holds for <paramref name="target"/>'s type, any of the types it has seen (null: the general method call looks it
    /// up). A struct receiver is looked up here, with no call (one class test, the first type, then the three others);
    /// an enum receiver, or a struct the cache does not hold, asks <see cref="CachedMethodOutOfLine"/>. The answer is the
    /// interpreter's (<see cref="CachedMethod"/>): both read the same cache.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Closure? LinkedMethodOf(Value target, ref InlineCache cache)
    {
        if (cache.Field < 0 && target.AsStruct is { } instance)
        {
            var type = instance.Type;
            if (ReferenceEquals(cache.Type, type)) return cache.Method as Closure;
            if (cache.Others?.Find(type) is Closure other) return other;
        }
        return CachedMethodOutOfLine(target, ref cache);
    }

    /// <summary>What <see cref="LinkedMethodOf"/> does not find inline (counted: <see cref="MethodLookupsOutOfLine"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Closure? CachedMethodOutOfLine(Value target, ref InlineCache cache)
    {
        MethodLookupsOutOfLine++;
        return CachedMethod(target, ref cache);
    }

    /// <summary>Compiled method sites' lookups that left the inline path (an enum receiver, a type the cache does not
    /// hold, a site not run yet), for the JIT's statistics.</summary>
    internal long MethodLookupsOutOfLine;

    /// <summary><see cref="CachesOf"/> for compiled code, inlined into it (a direct entry looks its caches up per call):
    /// the allocation stays out of line. The interpreter keeps the call (<c>Run</c> is at .NET's inlining limit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal InlineCache[] CompiledCachesOf(FunctionProto proto) => _caches[proto.Id] ?? NewCaches(proto);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private InlineCache[] NewCaches(FunctionProto proto) => CachesOf(proto);

    /// <summary>
    /// A direct method call's guard, one per method a compiled site is linked to: <paramref name="method"/> (from
    /// <see cref="CachedMethodOf"/>) is a closure of proto <paramref name="protoId"/> compiled in <paramref name="generation"/>
    /// (the caller tested the native stack's room first). Then self goes to R[a] (<paramref name="slot"/>), as the cache
    /// hit of <see cref="ResolveMethod"/> does; false: the site's next linked method, or the general method call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool DirectMethod(Closure method, Value target, int slot, int protoId, int generation)
    {
        if (method.Proto.Id != protoId || _tierUp!.Generation[protoId] != generation) return false;
        _stack[slot] = target;
        DirectMethodCalls++;
        return true;
    }

    /// <summary>Method calls compiled code made through a direct entry (<see cref="DirectMethod"/>), for the JIT's statistics.</summary>
    internal long DirectMethodCalls;

    /// <summary>A direct entry's frame (the caller proved the arity): <see cref="PushCallFrame"/>, inlined into every
    /// direct entry (the depth limit, the fuel tick and the frame's stores when the arrays have room); its index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int PushDirectFrame(Closure closure, int argSlot, int resultSlot)
    {
        int index = _frameCount;
        PushCallFrame(closure, argSlot, resultSlot);
        return index;
    }

    /// <summary>Set when a direct entry returned without a result: its frame (and any it pushed) must go on in the VM's
    /// trampoline, so every compiled caller up to the trampoline leaves with <see cref="CompiledExit.Reload"/>.</summary>
    internal bool DirectBailed;

    /// <summary>A direct entry stops with exit code <paramref name="exit"/> (not <see cref="CompiledExit.Returned"/>):
    /// a pc is where its frame, still on top, resumes in the interpreter. The value returned is never read.</summary>
    internal Value BailFromDirect(int frameIndex, int exit)
    {
        if (exit >= 0) _frames[frameIndex].Pc = exit;
        DirectBailed = true;
        return default;
    }

    /// <summary>RETURN in a direct entry: its frame (the top one, its activation's entry) goes; the value goes back as an
    /// IL value. Inlined: with no open upvalue and no handler above the activation's floor (fib: always) there is
    /// nothing for <see cref="PopFrame"/> to close or drop, so the frame is cleared and the depth left here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ReturnFromDirect(int handlerFloor)
    {
        if (_open.Count > 0 || _handlers.Count > handlerFloor)
        {
            PopFrame(handlerFloor);
            return;
        }
        _frames[--_frameCount] = default;
        _context.ExitCall();
    }

    // ---- frameless direct entries (docs/PERFORMANCE.md, JIT section 10) -------------------------------------------
    // A frameless activation k (the index its frame would have: its caller's plus one) keeps its frame in IL
    // arguments. It enters the call depth as a call does and leaves it on return, on the way out of an error (its
    // filter), or with the frame it writes when it leaves for the VM, which the VM pops as any other.

    /// <summary>A frameless entry's prologue: the depth limit and the fuel tick of a call, and stack room for its
    /// registers (<paramref name="maxStack"/>, a constant of its code).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EnterFrameless(int argSlot, int maxStack)
    {
        _context.EnterCall();
        EnsureStack(argSlot + maxStack);
    }

    /// <summary>The prologue of a frameless entry that keeps every register in IL locals: the depth limit and the fuel
    /// tick of a call, no stack room (its registers are addressed only on its way out, <see cref="RegistersWithRoom"/>,
    /// and the frames it writes then make their own room).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EnterFramelessTyped() => _context.EnterCall();

    /// <summary>The address of the first of the registers at <paramref name="base"/>, with stack room for
    /// <paramref name="maxStack"/> of them made first: for code that did not make it on entry (<see cref="EnterFramelessTyped"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // cold paths only: kept out of the entry's code
    internal ref Value RegistersWithRoom(int @base, int maxStack)
    {
        EnsureStack(@base + maxStack);
        return ref _stack[@base];
    }

    /// <summary>RETURN in a frameless entry: nothing to pop (it opened no upvalue and no handler), the depth goes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ReturnFromFrameless() => _context.ExitCall();

    /// <summary>A frameless activation <paramref name="frameIndex"/> leaves for the VM with exit code
    /// <paramref name="exit"/>. A pc: it is the innermost (a deoptimisation, a THROW, a call to make in the VM), so the
    /// frames up to it exist from now on, its own resuming at that pc; its callers write theirs on their way out
    /// (<see cref="FramelessFrameWaits"/>) before anything reads them. Otherwise a callee bailed and this frame is
    /// written already.</summary>
    internal void BailFromFrameless(int frameIndex, Closure closure, int @base, int resultSlot, int exit)
    {
        if (exit >= 0)
        {
            // Room for the registers of the frame the VM resumes (an entry of typed registers made none on entry).
            EnsureStack(@base + closure.Proto.MaxStack);
            while (_frames.Length <= frameIndex) GrowFrames();
            _frameCount = frameIndex + 1;
            _frames[frameIndex] = new CallFrame { Closure = closure, Base = @base, Pc = exit, ResultSlot = resultSlot };
        }
        DirectBailed = true;
    }

    /// <summary>A frameless activation whose direct callee bailed: its frame, waiting in the call, resumes at
    /// <paramref name="resumePc"/> (the innermost made room for it).</summary>
    internal void FramelessFrameWaits(int frameIndex, Closure closure, int @base, int resumePc, int resultSlot)
    {
        EnsureStack(@base + closure.Proto.MaxStack); // as the innermost's (BailFromFrameless): its callee's window may end below its own
        _frames[frameIndex] = new CallFrame { Closure = closure, Base = @base, Pc = resumePc, ResultSlot = resultSlot };
    }

    /// <summary>An error leaves frameless activation of <paramref name="closure"/> at <paramref name="pc"/> (its
    /// filter, innermost first): the error's position if none is stamped, this frame onto its call stack (the first
    /// real frame below adds the rest, <see cref="StampError"/>), and the call depth given back. Returns the error, as
    /// <see cref="StampError"/> does.</summary>
    internal VeldRuntimeException LeaveFramelessOnError(VeldRuntimeException error, Closure closure, int pc)
    {
        var at = closure.Proto.PositionAt(pc);
        error.At(at.Line, at.Column);
        error.LeaveFunction(at.Function);
        _context.ExitCall();
        return error;
    }

    /// <summary>Whether <paramref name="frameIndex"/> is the top frame (an error raised by a callee still above it is not its own).</summary>
    internal bool IsTopFrame(int frameIndex) => frameIndex == _frameCount - 1;

    /// <summary>CALLK: a builtin over R[a..a+n-1]; its result (the caller stores it or not).</summary>
    internal Value CallBuiltin(Value builtin, int argSlot, int argCount)
    {
        _context.Tick();
        return builtin.As<BuiltinFunction>().Invoke(_context, _stack.AsSpan(argSlot, argCount));
    }

    /// <summary>TAILCALL, TAILCALLG, TAILCALLR: <see cref="CompiledExit.Reload"/> or <see cref="CompiledExit.Returned"/>.</summary>
    internal int TailCall(Value callee, int argSlot, int argCount, int entryFrame, int handlerFloor) =>
        Finish(TailCallValue(callee, argSlot, argCount, handlerFloor), entryFrame, handlerFloor);

    /// <summary>RETURN, RETURNUNIT.</summary>
    internal int ReturnValue(Value result, int entryFrame, int handlerFloor) => Finish(result, entryFrame, handlerFloor);

    /// <summary>A tail position's outcome: a value to return from the top frame, or null when a callee replaced it.</summary>
    private int Finish(Value? returned, int entryFrame, int handlerFloor)
    {
        if (returned is not { } value || !Return(value, entryFrame, handlerFloor)) return CompiledExit.Reload;
        CompiledResult = value;
        return CompiledExit.Returned;
    }

    /// <summary>
    /// METHODCALL and TAILMETHOD on <paramref name="target"/> with the window at <paramref name="a"/> (see
    /// <see cref="ResolveMethod"/>); <paramref name="site"/> is the constant (name, argument count).
    /// <see cref="CompiledExit.Next"/> when the result is in R[a], else the frame changed.
    /// </summary>
    internal int MethodCall(Value target, int a, Value callSite, ref InlineCache cache, bool tail, int entryFrame, int handlerFloor)
    {
        var site = callSite.As<VeldTuple>().Items;
        string name = site[0].As<VeldString>().Text;
        int argCount = (int)site[1].AsInt;
        var method = ResolveMethod(target, a, argCount, name, ref cache);
        bool self = method.Kind == MethodKind.Self;
        if (method.Kind != MethodKind.Builtin && !tail)
            return CallValue(method.Callee, method.ArgSlot, method.ArgCount, a, self) ? CompiledExit.Reload : CompiledExit.Next;
        Value? returned = method.Kind == MethodKind.Builtin
            ? CallBuiltinMethod(method.Callee, a, argCount, name)
            : TailCallValue(method.Callee, method.ArgSlot, method.ArgCount, handlerFloor, self);
        if (tail) return Finish(returned, entryFrame, handlerFloor);
        _stack[a] = returned!.Value;
        return CompiledExit.Next;
    }

    /// <summary>CLOSURE: a closure of nested proto <paramref name="index"/> of the running closure.</summary>
    internal Value NewClosure(Closure enclosing, int index, int @base) =>
        Value.FromObject(MakeClosure(enclosing.Proto.Protos[index], enclosing, @base));

    internal void CloseFrom(int slot) => CloseUpvalues(slot);

    /// <summary>FORPREP / FORPREPINC: false when the range is empty.</summary>
    internal bool PrepareRange(int a, bool inclusive) => PrepareRangeLoop(a, inclusive);

    /// <summary>FORLOOP: one step of the counted loop at <paramref name="a"/>; true when the body runs again (a back-edge).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool StepRange(int a)
    {
        var stack = _stack;
        ulong remaining = (ulong)stack[a + 1].AsInt;
        if (remaining == 0) return false;
        long next = stack[a].AsInt + 1;
        stack[a] = Value.FromInt(next);
        stack[a + 1] = Value.FromInt((long)(remaining - 1));
        stack[a + 2] = Value.FromInt(next);
        return true;
    }

    /// <summary>ITERPREP: the iterator over a <c>for</c> loop's subject.</summary>
    internal static Value NewIterator(Value subject) => Value.FromObject(new IteratorBox(ForIterator.Create(subject)));

    /// <summary>ITERNEXT: true when the iterator at <paramref name="a"/> had an item (now in R[a+1]).</summary>
    internal bool StepIterator(int a)
    {
        // The register checker proves R[a] holds ITERPREP's iterator within the frame, but in a hand-made file a
        // closure's open upvalue may alias the slot and replace it: the cast is the test, so checking costs nothing.
        var box = _stack[a].AsObject as IteratorBox ?? throw BytecodeTypeError("ITERNEXT", "the iterator of its ITERPREP", _stack[a]);
        // ITERPREP jumps here first; every later pass comes from the end of the body: a loop's end, a step (SPEC 16).
        if (box.Started) _context.Tick();
        else box.Started = true;
        if (!box.Iterator.MoveNext(out var item)) return false;
        _stack[a + 1] = item;
        return true;
    }

    /// <summary>ITERNEXT's inline step in compiled code: the iterator in <paramref name="iterator"/> when its next step
    /// is an element of an unchanged array and not the loop's first step (which does not tick), else null: every other
    /// step (ranges, maps, strings, the end, a changed array's error) is <see cref="StepIteratorOutOfLine"/>'s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ForIterator? ElementStepOf(Value iterator) =>
        iterator.AsObject is IteratorBox { Started: true } box && box.Iterator.HasNextElement ? box.Iterator : null;

    /// <summary><see cref="StepIterator"/> from compiled code, counted (<see cref="IteratorStepsOutOfLine"/>).</summary>
    internal bool StepIteratorOutOfLine(int a)
    {
        IteratorStepsOutOfLine++;
        return StepIterator(a);
    }

    /// <summary>Compiled ITERNEXTs that stepped out of line, for the JIT's statistics.</summary>
    internal long IteratorStepsOutOfLine;

    /// <summary>NEWARRAY: the array is filled straight from the registers (no intermediate array).</summary>
    internal Value NewArray(int slot, int count) => Value.FromObject(VeldArray.Of(_stack.AsSpan(slot, count)));
    internal static Value NewArrayOf(Value items) => Value.FromObject(VeldArray.Of(items.As<VeldTuple>().Items));

    /// <summary>APPEND: compiled code appends only to the NEWARRAY it just made; a hand-made file may name anything,
    /// so the kind is checked here (one type test per long literal's chunk, off the hot paths) rather than proven.</summary>
    internal void AppendTo(Value array, int slot, int count)
    {
        var target = array.AsObject as VeldArray ?? throw BytecodeTypeError("APPEND", "an array", array);
        foreach (var v in _stack.AsSpan(slot, count)) target.Add(v);
    }

    internal Value NewTuple(int slot, int count) => Value.FromObject(new VeldTuple(_stack.AsSpan(slot, count).ToArray()));

    internal Value NewMap(int slot, int pairs)
    {
        var map = Value.FromObject(new VeldMap());
        InsertPairs(map, slot, pairs);
        return map;
    }

    internal void InsertInto(Value map, int slot, int pairs) => InsertPairs(map, slot, pairs);

    internal Value NewStruct(int constructor, int slot)
    {
        var ctor = _program.Constructors[constructor];
        return Operators.NewStruct((StructType)_types[ctor.TypeId], _stack.AsSpan(slot, ctor.ArgCount).ToArray());
    }

    internal Value NewVariant(int constructor, int slot) => NewEnum(constructor, slot);

    /// <summary>The struct a GETFIELD/SETFIELD reads or writes through a cache hit: the target is a struct of the
    /// type the cache holds, so its field is at <c>cache.Field</c>. The loop's hit touches only the cache and the
    /// struct's fields (no field name loaded); null sends the instruction to <see cref="GetField"/>/<see cref="SetField"/>,
    /// which look the name up and refill the cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static StructInstance? CachedStruct(in Value target, in InlineCache cache) =>
        target.AsStruct is { } s && ReferenceEquals(s.Type, cache.Type) ? s : null;

    /// <summary>GETFIELD through the instruction's cache.</summary>
    internal static Value GetField(Value target, string name, ref InlineCache cache) =>
        target.AsObject is StructInstance s && FieldOf(ref cache, s.Type, name) is var field && field >= 0
            ? s.Fields[field]
            : Operators.GetField(target, name);

    /// <summary>SETFIELD through the instruction's cache.</summary>
    internal static void SetField(Value target, string name, Value value, ref InlineCache cache)
    {
        if (target.AsObject is StructInstance s && FieldOf(ref cache, s.Type, name) is var field && field >= 0)
            s.Fields[field] = value;
        else
            Operators.SetField(target, name, value);
    }

    internal static Value TupleItem(Value t, int index) =>
        t.AsObject is VeldTuple tuple && index < tuple.Items.Length ? tuple.Items[index] : Operators.TupleIndex(t, index);

    internal static bool IsTupleOf(Value v, int count) => v.AsObject is VeldTuple t && t.Items.Length == count;

    internal bool IsVariant(Value v, int constructor)
    {
        var ctor = _program.Constructors[constructor];
        return v.AsObject is EnumInstance e && e.Variant == ctor.Variant && ReferenceEquals(e.Type, _types[ctor.TypeId]);
    }

    internal static bool InRange(Value v, Value range) => RangeTest.Matches(v, range.As<VeldRange>());

    /// <summary>GETPAYLOAD. Compiled code reads a payload only after its TESTVARIANT; a hand-made file may not, and
    /// proving it would mean following the variant through moves. The type test is the branch this path takes
    /// anyway, so a confused file gets a Veld Type error for the cost of nothing.</summary>
    internal static Value Payload(Value v, int index) =>
        v.AsObject is EnumInstance variant && index < variant.Payload.Length
            ? variant.Payload[index]
            : throw BytecodeTypeError("GETPAYLOAD", $"a variant with a payload {index}", v);

    /// <summary>An operand of a kind the instruction cannot work on, in a file the compiler did not write.</summary>
    private static VeldRuntimeException BytecodeTypeError(string instruction, string expected, Value actual) =>
        new(ErrorKind.Type, $"{instruction} needs {expected}, not a value of type {Display.TypeName(actual)}");

    /// <summary>TRY: the handler belongs to <paramref name="frameIndex"/>.</summary>
    internal void PushHandler(int frameIndex, int catchSlot, int handlerPc) => _handlers.Add(new TryHandler(frameIndex, catchSlot, handlerPc));
    internal void PopHandler() => _handlers.RemoveAt(_handlers.Count - 1);

    /// <summary>TEST's condition: a bool, or the context's Type error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Truth(Value v, int context) => BoolContexts.Check(v, (BoolContext)context);

    internal static void CheckBool(Value v, int context)
    {
        if (!v.IsBool) BoolContexts.Check(v, (BoolContext)context);
    }

    internal static Value Not(Value v) => v.IsBool ? Value.FromBool(!v.AsBool) : Operators.Not(v);

    internal static Exception AssertFail(Value message, bool hasMessage) => RuntimeErrors.AssertFailed(hasMessage ? Display.Show(message) : null);
    internal static Exception NoMatch(Value v) => RuntimeErrors.NoMatch(v);

    internal Value Format(Value template, int slot) => Value.FromString(RuntimeLimits.BuiltString(Fill(template.As<VeldTuple>(), slot)));

    internal void Print(Value template, int slot, bool newline)
    {
        var text = RuntimeLimits.BuiltString(Fill(template.As<VeldTuple>(), slot));
        _context.Output.Write(newline ? text + "\n" : text);
    }

    internal static Value Cast(Value v, int target, Value typeText) =>
        Operators.Cast(v, (Language.Syntax.CastTarget)target, typeText.As<VeldString>().Text);

    internal static Value ToStr(Value v) => Value.FromString(Display.Show(v));
}
