namespace Veld.RegisterVm;

/// <summary>
/// Compiled code of one prototype, entered for the frame at <c>frameIndex</c> (the top frame) at
/// instruction <c>pc</c>. It works on the VM's own register stack and frames, so the interpreter and
/// compiled code can hand a frame back and forth at any instruction. It returns a <see cref="CompiledExit"/>
/// code, or a pc (&gt;= 0) where the interpreter must go on with the frame.
/// </summary>
internal delegate int CompiledFunction(RegisterMachine vm, int frameIndex, int pc, int entryFrame, int handlerFloor);

/// <summary>What compiled code reports to the dispatch loop when it stops without asking for the interpreter.</summary>
internal static class CompiledExit
{
    /// <summary>The frames changed (a call pushed one, a return or tail call replaced or popped one): reload the top frame.</summary>
    public const int Reload = -1;
    /// <summary>The activation's entry frame returned; the value is in <see cref="RegisterMachine.CompiledResult"/>.</summary>
    public const int Returned = -2;
    /// <summary>Not an exit: the instruction finished and the frame goes on with the next one (shared helpers only).</summary>
    public const int Next = -3;
}

/// <summary>
/// A compiling tier's hook in the register VM. The VM reports when a function gets hot (a frame starts,
/// or a loop jumps back); when the count reaches <see cref="Threshold"/> the tier compiles the function,
/// and from then on the VM enters the compiled code instead of interpreting. A null hook is the plain
/// register tier. A tier may compile in the background (<see cref="CompilingInBackground"/>): the VM goes on
/// interpreting, and the code is installed at one of the function's later heat reports, which the VM makes only
/// at a call or a loop back-edge, on its own thread: a safe point where it enters compiled code anyway.
/// </summary>
internal abstract partial class TierUp(int protoCount, int threshold)
{
    /// <summary>Compiled code per proto (by <see cref="FunctionProto.Id"/>); null: interpreted.</summary>
    public readonly CompiledFunction?[] Code = new CompiledFunction?[protoCount];
    /// <summary>Per proto: calls plus <see cref="CallsPerIteration"/> per back-edge counted so far; negative: not counting.</summary>
    private readonly long[] _heat = new long[protoCount];
    /// <summary>Per proto: a compilation started on another thread and not yet installed or dropped.</summary>
    private readonly bool[] _inFlight = new bool[protoCount];
    /// <summary>Per proto: how often its code was dropped (each one makes the next compilation wait longer).</summary>
    private readonly int[] _invalidations = new int[protoCount];
    /// <summary>Per interpreted proto: the calls and the loop back-edges reported, never reset (what <see cref="WaitsForCallees"/> weighs).</summary>
    private readonly long[] _calls = new long[protoCount];
    private readonly long[] _iterations = new long[protoCount];
    /// <summary>Per proto: hot, but told to wait by <see cref="WaitsForCallees"/> or <see cref="WaitsForCaller"/> (it gathers
    /// another threshold's heat first, and is asked again).</summary>
    private readonly bool[] _waiting = new bool[protoCount];
    /// <summary>Per proto: the hot callees waiting for it (<see cref="WaitsForCaller"/>), compiled just before it.</summary>
    private readonly List<FunctionProto>?[] _waitingForCaller = new List<FunctionProto>?[protoCount];

    /// <summary>Bumped whenever a proto's compiled code is replaced or dropped: direct calls linked against an older
    /// compilation check it and take the general call instead.</summary>
    public readonly int[] Generation = new int[protoCount];

    /// <summary>Loop back-edges before a function is compiled, a call counting 1/<see cref="CallsPerIteration"/> of one
    /// (a call of the function by itself a whole one: <see cref="CallWeight"/>); 0 compiles before the first instruction.</summary>
    public int Threshold { get; } = threshold;

    /// <summary>What the interpreter saw in each function's registers before compiling it (type feedback).</summary>
    public TypeProfile Profile { get; } = new(protoCount);

    /// <summary>The machine whose frames are sampled into <see cref="Profile"/> (the one this hook belongs to).</summary>
    public RegisterMachine? Machine { get; set; }

    /// <summary>A frame of <paramref name="proto"/> starts: true when it has compiled code to enter. Samples the parameters
    /// (the other registers still hold whatever the stack held).
    /// The dispatch loop reports a frame start only when <see cref="CallCountdown"/> runs out.</summary>
    public bool Heat(FunctionProto proto)
    {
        Reports++;
        Settle(proto.Id);
        RecordClosureCall(proto);
        return Code[proto.Id] is not null || Heat(proto, proto.ParamCount, CallWeight(proto), _calls);
    }

    /// <summary>
    /// What a call weighs: a call of a function by itself counts as a loop iteration, because recursion is how such a
    /// function loops, and compiled code calls itself directly (a direct entry, no frame), which is where compiled calls
    /// win most. Any other call counts 1/<see cref="CallsPerIteration"/> of one. fib(25) made 100,000 of its 243,000 calls
    /// interpreted before this (section 13 of docs/PERFORMANCE.md). A tail call replaces the frame, so its caller is not
    /// the function itself and it counts as a call.
    /// </summary>
    private int CallWeight(FunctionProto proto) => Machine?.CallerOfTop() == proto ? CallsPerIteration : 1;

    /// <summary>A loop of <paramref name="proto"/> jumps back to <paramref name="header"/> (-1: not said): true when it has
    /// compiled code to enter at the loop header. Samples every register. The dispatch loop reports a back-edge only when
    /// <see cref="LoopCountdown"/> runs out.</summary>
    public bool HeatLoop(FunctionProto proto, int header = -1)
    {
        Reports++;
        Settle(proto.Id);
        LastLoopReport = (proto, header);
        return Heat(proto, proto.MaxStack, CallsPerIteration, _iterations);
    }

    /// <summary>The function and loop header of the last back-edge reported: where the VM enters the code a loop's heat
    /// compiles (the tier compiles an entry there).</summary>
    protected (FunctionProto? Proto, int Header) LastLoopReport { get; private set; } = (null, -1);

    /// <summary>
    /// Fewer loop iterations than this per call, on average, make a function short: entered from the interpreter, its
    /// code does not run long enough to repay the entry (<see cref="WaitsForCaller"/>). Counting a short function's
    /// back-edges as calls was tried and dropped: permute then interpreted half a million more instructions.
    /// </summary>
    public const int ShortLoopIterations = 2;

    /// <summary>Whether <paramref name="proto"/>'s calls run few loop iterations each (none when it has no loop).</summary>
    public bool IsShort(FunctionProto proto) => IterationsOf(proto) < CallsOf(proto) * ShortLoopIterations;

    /// <summary>
    /// What one loop iteration weighs against one call when deciding to compile. What compiled code wins is typed
    /// arithmetic in loops; a function that is only called (deltablue's and richards' small methods) wins little,
    /// because every call still goes through the frames, while .NET's compilation of its method costs as much as
    /// interpreting tens of thousands of its calls. So a function without a hot loop waits for this many times the
    /// threshold's calls (measured in section 7 of docs/PERFORMANCE.md), unless it calls itself (<see cref="CallWeight"/>).
    /// </summary>
    public const int CallsPerIteration = 100;

    /// <summary>How much longer a function must be hot before each recompilation after a deoptimisation.</summary>
    public const int RecompileBackoff = 4;

    private bool Heat(FunctionProto proto, int sampled, int weight, long[] events)
    {
        int id = proto.Id;
        if (Code[id] is not null) return true;
        if (_inFlight[id]) return Install(proto);
        events[id]++;
        if (weight == CallsPerIteration && events == _calls) _callsItself[id] = true;
        long needed = (long)Threshold * CallsPerIteration;
        long heat = _heat[id] += weight;
        // Sampled in the last quarter of the count only (the compiling report included), and never for a refused
        // function (its heat is negative): each sample is a pass over the registers, and a function waiting for
        // CallsPerIteration times the threshold in calls would otherwise pay it on every call.
        if (heat >= needed - needed / 4 && Machine is { } vm) Profile.Record(proto, vm.TopRegisters(sampled));
        else if (Profile.SamplesFieldsEarly(id) && Machine is { } early) Profile.RecordFields(proto, early.TopRegisters(sampled));
        if (heat < needed) return Skip(id);
        // A caller dropped to link a hot callee compiles as soon as it is hot again: the cost model compiled it before.
        if (_relinking[id]) { CompileWithWaitingCallees(proto); return Code[id] is not null || Skip(id); }
        if (WaitsForCallees(proto))
        {
            // Asked again after another threshold's heat: by then the callees it waits for may be compiled.
            Wait(proto);
            return Skip(id);
        }
        if (WaitsForCaller(proto, out var caller))
        {
            // Compiled with the caller, just before it, if the caller compiles; asked again after another threshold's heat.
            if (caller is not null)
            {
                var waiters = _waitingForCaller[caller.Id] ??= [];
                if (!waiters.Contains(proto)) waiters.Add(proto);
            }
            Wait(proto);
            return Skip(id);
        }
        CompileWithWaitingCallees(proto);
        return Code[id] is not null || Skip(id);
    }

    /// <summary>
    /// Have <paramref name="callee"/> compiled just before <paramref name="caller"/>, if the caller compiles (a hot callee
    /// waiting for its caller, or one the tier compiles with a caller it held back: <see cref="WaitsForCallees"/>).
    /// </summary>
    protected void CompileBefore(FunctionProto callee, FunctionProto caller)
    {
        var waiters = _waitingForCaller[caller.Id] ??= [];
        if (!waiters.Contains(callee)) waiters.Add(callee);
        _waiting[callee.Id] = true;
    }

    /// <summary>
    /// Drop compiled <paramref name="caller"/>'s code so that it compiles again, with <paramref name="callee"/> compiled just
    /// before it, at its next report (the VM goes on with its frames interpreted until then, as after a deoptimisation):
    /// its call sites link to the callee's direct entry then. At most <see cref="MostRelinks"/> times per caller (each is a
    /// whole compilation of it); false, and nothing done, after that or while the caller compiles in the background.
    /// </summary>
    protected bool RecompileWith(FunctionProto callee, FunctionProto caller)
    {
        if (!CanRecompile(caller)) return false;
        int id = caller.Id;
        _relinks[id]++;
        Settle(id);
        Code[id] = null;
        Generation[id]++;
        _relinking[id] = true;
        // Hot again at its next report (a call or a back-edge).
        _heat[id] = (long)Threshold * CallsPerIteration - 1;
        CompileBefore(callee, caller);
        return true;
    }

    /// <summary>Whether <see cref="RecompileWith"/> would compile <paramref name="caller"/> again.</summary>
    protected bool CanRecompile(FunctionProto caller) =>
        Code[caller.Id] is not null && !_inFlight[caller.Id] && _relinks[caller.Id] < MostRelinks;

    /// <summary>How often one caller is compiled again to link callees that got hot after it (<see cref="RecompileWith"/>).</summary>
    public const int MostRelinks = 1;

    private readonly int[] _relinks = new int[protoCount];
    /// <summary>Per proto: dropped by <see cref="RecompileWith"/>, compiled at its next report without the cost model's questions.</summary>
    private readonly bool[] _relinking = new bool[protoCount];

    private void Wait(FunctionProto proto)
    {
        Settle(proto.Id);
        _waiting[proto.Id] = true;
        _heat[proto.Id] = 0;
    }

    /// <summary>
    /// Compile <paramref name="proto"/>, and before it the hot callees that wait for it (<see cref="WaitsForCaller"/>),
    /// theirs first in turn, so each caller's code links to its callees' (a worklist: waiting chains are as long as the
    /// program makes them).
    /// </summary>
    private void CompileWithWaitingCallees(FunctionProto proto)
    {
        var order = new List<FunctionProto>();
        var pending = new Stack<FunctionProto>();
        pending.Push(proto);
        while (pending.TryPop(out var function))
        {
            if (order.Contains(function)) continue;
            order.Add(function);
            if (_waitingForCaller[function.Id] is not { } waiters) continue;
            _waitingForCaller[function.Id] = null;
            foreach (var callee in waiters)
                if (_waiting[callee.Id] && Code[callee.Id] is null && !_inFlight[callee.Id]) pending.Push(callee);
        }
        // Callers before their callees in the list: compiled from its end.
        for (int n = order.Count - 1; n >= 0; n--)
        {
            int id = order[n].Id;
            Settle(id);
            _waiting[id] = false;
            _relinking[id] = false;
            // One attempt per function: a refusal (size budget) stays final, so it is never paid for twice.
            _heat[id] = long.MinValue;
            Generation[id]++;
            Code[id] = Compile(order[n]);
        }
    }

    /// <summary>Calls of interpreted <paramref name="proto"/> reported so far (a frame starting).</summary>
    public long CallsOf(FunctionProto proto) => _calls[proto.Id] + SkippedCalls(proto.Id);

    /// <summary>Loop back-edges of interpreted <paramref name="proto"/> reported so far.</summary>
    public long IterationsOf(FunctionProto proto) => _iterations[proto.Id] + SkippedIterations(proto.Id);

    /// <summary>Whether <paramref name="proto"/> was hot but is waiting for its callees or callers (<see cref="WaitsForCallees"/>,
    /// <see cref="WaitsForCaller"/>).</summary>
    public bool IsWaiting(FunctionProto proto) => _waiting[proto.Id];

    /// <summary>Whether <paramref name="proto"/> stays interpreted for good: its one attempt was refused (size budget).</summary>
    public bool Refused(FunctionProto proto) =>
        Code[proto.Id] is null && !_inFlight[proto.Id] && _heat[proto.Id] == long.MinValue;

    /// <summary>
    /// Asked when <paramref name="proto"/> is hot enough to compile: true to let it gather another threshold's heat first
    /// because its compiled code would not pay yet (the JIT's cost model: compiled code that keeps calling interpreted
    /// functions leaves for the VM's trampoline at every such call).
    /// </summary>
    protected virtual bool WaitsForCallees(FunctionProto proto) => false;

    /// <summary>
    /// Asked when <paramref name="proto"/> is hot enough to compile (and not held by its callees): true to wait instead,
    /// when it is short and its code would be entered from the interpreter (or through a general call) at every call,
    /// which costs more than a short body gains. <paramref name="caller"/>, when not null, is the interpreted caller it
    /// waits for: it is compiled just before that caller, if the caller compiles, so the caller's code links to it.
    /// </summary>
    protected virtual bool WaitsForCaller(FunctionProto proto, out FunctionProto? caller)
    {
        caller = null;
        return false;
    }

    /// <summary>The background compilation of <paramref name="proto"/> is installed now if it has finished.</summary>
    private bool Install(FunctionProto proto)
    {
        if (!TryFinish(proto, Generation[proto.Id], out var code)) return false;
        _inFlight[proto.Id] = false;
        Code[proto.Id] = code;
        return code is not null;
    }

    /// <summary>Called from <see cref="Compile"/>, which then returns null: the code comes later, through <see cref="TryFinish"/>.</summary>
    protected void CompilingInBackground(FunctionProto proto) => _inFlight[proto.Id] = true;

    /// <summary>Let <paramref name="proto"/> be compiled again after its code was dropped (deoptimisation), once it has
    /// been hot for <see cref="RecompileBackoff"/> times longer than the last time: each compilation costs as much
    /// as the first, and a function that keeps failing its guards should pay for fewer of them. A compilation in
    /// flight is dropped with the code: the generation it was started for is gone.</summary>
    protected void Invalidate(FunctionProto proto)
    {
        int id = proto.Id;
        Settle(id);
        Code[id] = null;
        Generation[id]++;
        _inFlight[id] = false;
        // RecompileBackoff^k times the threshold after the k-th drop (4^k = 2^2k, capped far below an overflow).
        long needed = (long)Threshold * CallsPerIteration << Math.Min(2 * ++_invalidations[id], 24);
        _heat[id] = (long)Threshold * CallsPerIteration - needed;
    }

    /// <summary>Compiled code of <paramref name="proto"/> gave its frame back to the interpreter at <paramref name="pc"/>
    /// because an assumption failed: <paramref name="assumption"/> names it for the tier (the JIT's live range; -1: none,
    /// a stress test or an error on its way).</summary>
    public abstract void Deoptimized(FunctionProto proto, int pc, int assumption, string reason);

    /// <summary>Whether a stress guard fails now (deterministic for a seed; never without one).</summary>
    public abstract bool StressFails();

    /// <summary>Compiled code for <paramref name="proto"/>, or null to keep interpreting it (for now, when it called
    /// <see cref="CompilingInBackground"/>).</summary>
    protected abstract CompiledFunction? Compile(FunctionProto proto);

    /// <summary>Whether the background compilation of <paramref name="proto"/> for <paramref name="generation"/> has
    /// finished; <paramref name="code"/> is then its code, or null when it stays interpreted (over budget).</summary>
    protected virtual bool TryFinish(FunctionProto proto, int generation, out CompiledFunction? code)
    {
        code = null;
        return true;
    }
}
