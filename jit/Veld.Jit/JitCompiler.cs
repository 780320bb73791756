using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Jit;

/// <summary>
/// The JIT's hook in one run of the register VM: compiles a function when the VM reports it hot, and hears
/// about deoptimisations. A web (live range) whose type guard failed is left out of the function's next compilation
/// (its code is dropped now and rebuilt when the function is hot again), so a site that changes type
/// costs a few deoptimisations, not one per execution. With <paramref name="background"/>, a <see cref="BackgroundCompiler"/>
/// does part of the work (dispose the hook when the run ends): with <paramref name="backgroundIlBytes"/> 0 the VM's thread
/// only plans (profile, callees) and the background thread emits and compiles; with N &gt; 0 the VM's thread emits too,
/// and hands over only .NET's compile of a compilation whose new methods have N IL bytes or more, taking it back when it
/// still waits in the queue after about as long as that compile takes (section 32 of docs/PERFORMANCE.md).
/// </summary>
/// <param name="takeBackMsPerIlByte">With <paramref name="backgroundIlBytes"/>: how long a compilation may wait in the queue, per
/// IL byte of its new methods, before the VM's thread takes it back (<see cref="TakeBackMsPerIlByte"/>; tests pass 0).</param>
internal sealed class JitCompiler(RegisterProgram program, int protoCount, int threshold, int? stressSeed, JitStatistics stats, bool background = false,
    int backgroundIlBytes = 0, BackgroundCompiler? compiler = null, double takeBackMsPerIlByte = JitCompiler.TakeBackMsPerIlByte)
    : TierUp(protoCount, threshold), IDisposable
{
    /// <summary>Per proto, its compilation on the background thread not yet installed.</summary>
    private readonly BackgroundCompilation?[] _pending = new BackgroundCompilation?[protoCount];
    /// <summary>Emission as well as .NET's compile on the background thread (<c>--jit-background on</c>).</summary>
    private readonly bool _wholeInBackground = background && backgroundIlBytes <= 0;
    /// <summary>Emission on the VM's thread, .NET's compile of large methods on the background thread (<c>auto</c>).</summary>
    private readonly bool _largeInBackground = background && backgroundIlBytes > 0;
    /// <summary>The compiling thread, made at the first compilation queued (tests pass one that never starts its thread).</summary>
    private BackgroundCompiler? _compiler = compiler;

    /// <summary>
    /// About what .NET's compile of one IL byte of emitted code costs (section 32 of docs/PERFORMANCE.md: 1.4-2.3 us on a
    /// quiet machine, up to 3.6 at load 15). A compilation handed to the background thread that is still queued after
    /// that long per byte is taken back and compiled on the VM's thread: like renting skis until their price is paid,
    /// this costs at most twice what the better choice would have, whether the thread gets a core soon or not at all.
    /// </summary>
    public const double TakeBackMsPerIlByte = 0.002;

    /// <summary>Heat reports of a function in flight between two looks at the clock (<see cref="TakesBack"/>).</summary>
    private const int ReportsPerClockLook = 64;

    private readonly Dictionary<int, HashSet<int>> _untyped = [];
    private ulong _stress = stressSeed is { } seed ? (ulong)seed * 0x9E3779B97F4A7C15UL + 1 : 0;

    /// <summary>The plan each function's current code was compiled with, and its compilation (for direct entries made later).</summary>
    private readonly Dictionary<int, (int Generation, TypePlan Plan)> _plans = [];
    /// <summary>Each function's direct entry, made when compiled code first calls it (or with the function, when it calls itself).</summary>
    private readonly Dictionary<int, DirectEntry> _direct = [];
    /// <summary>The globals that hold one function for the whole run (a self call through one needs no guard).</summary>
    private readonly IReadOnlySet<int> _fixedGlobals = DirectLinking.FixedGlobals(program);

    protected override CompiledFunction? Compile(FunctionProto proto)
    {
        var excluded = _untyped.GetValueOrDefault(proto.Id) ?? [];
        long planStart = System.Diagnostics.Stopwatch.GetTimestamp();
        var plan = PlanWithCallResults(proto, excluded);
        stats.AddPlan(System.Diagnostics.Stopwatch.GetElapsedTime(planStart).TotalMilliseconds);
        int generation = Generation[proto.Id];
        if (_wholeInBackground)
        {
            StartInBackground(proto, plan, generation);
            return null;
        }
        _plans[proto.Id] = (generation, plan);
        long ilBefore = stats.IlBytes;
        var emitted = Compilation.Emitted = _largeInBackground ? [] : null;
        CompiledFunction? code;
        DirectEntry? self;
        try
        {
            code = DirectLinking.Compile(proto, plan, generation, stressSeed is not null, nativeNow: false, stats, CalleeOf, MethodsOf(proto), EntryOf, _fixedGlobals, out self,
                loopEntries: LoopEntries(proto), closureCalleesAt: ClosureCalleesOf(proto));
        }
        finally
        {
            Compilation.Emitted = null;
        }
        if (self is not null) _direct[proto.Id] = self;
        long ilBytes = stats.IlBytes - ilBefore;
        if (code is null || emitted is null || ilBytes < backgroundIlBytes) return code;
        NativeInBackground(proto, plan, generation, code, self, emitted, ilBytes);
        return null;
    }

    /// <summary>Queue .NET's compile of <paramref name="methods"/>, just emitted for <paramref name="proto"/>: its code is
    /// installed once they are machine code (or taken back, <see cref="TryFinish"/>).</summary>
    private void NativeInBackground(FunctionProto proto, TypePlan plan, int generation, CompiledFunction code, DirectEntry? self,
        List<System.Reflection.Emit.DynamicMethod> methods, long ilBytes)
    {
        long wait = (long)(ilBytes * takeBackMsPerIlByte * System.Diagnostics.Stopwatch.Frequency / 1000);
        Queue(new BackgroundCompilation(proto, generation, plan, jobStats =>
        {
            jobStats.AddNativeInBackground(methods.Sum(NativeCode.Prepare));
            return (code, self);
        }) { TakeBackAfter = System.Diagnostics.Stopwatch.GetTimestamp() + wait });
    }

    private void Queue(BackgroundCompilation compilation)
    {
        _pending[compilation.Proto.Id] = compilation;
        stats.AddHandedToBackground(compilation.Proto);
        CompilingInBackground(compilation.Proto);
        (_compiler ??= new BackgroundCompiler()).Enqueue(compilation);
    }

    /// <summary>
    /// Queue <paramref name="proto"/>'s compilation with what it reads from the run taken now: the function each of its
    /// CALLG globals holds, the method each of its call sites' caches holds, and their direct entries that exist (none is
    /// made for it: making one means compiling).
    /// </summary>
    private void StartInBackground(FunctionProto proto, TypePlan plan, int generation)
    {
        var callees = new Dictionary<int, FunctionProto>();
        var entries = new Dictionary<FunctionProto, DirectEntry>();
        foreach (var (pc, callee) in DirectLinking.GlobalCalls(proto, CalleeOf))
        {
            callees[Instruction.C(proto.Code[pc])] = callee;
            if (Existing(callee) is { } entry) entries[callee] = entry;
        }
        // The method each call site's cache holds now (the compiled call guards that it still does when it runs).
        var methods = new Dictionary<int, List<FunctionProto>>();
        var methodsNow = MethodsOf(proto);
        IEnumerable<FunctionProto> Remember(int site) => methods[site] = [.. methodsNow(site)];
        foreach (var (_, method) in DirectLinking.MethodCalls(proto, Remember))
            if (Existing(method) is { } entry) entries[method] = entry;
        // The protos each closure call site was seen to call, and their entries that exist.
        var closures = ClosureCalls.Snapshot(proto, this);
        foreach (var callee in closures.Values.SelectMany(c => c))
            if (Existing(callee) is { } entry) entries[callee] = entry;
        bool stress = stressSeed is not null;
        var loopEntries = LoopEntries(proto);
        var compilation = new BackgroundCompilation(proto, generation, plan, jobStats =>
        {
            var code = DirectLinking.Compile(proto, plan, generation, stress, nativeNow: true, jobStats, callees.GetValueOrDefault,
                site => methods.GetValueOrDefault(site) ?? [], entries.GetValueOrDefault, _fixedGlobals, out var self, loopEntries: loopEntries,
                closureCalleesAt: pc => closures.GetValueOrDefault(pc) ?? []);
            return (code, self);
        });
        Queue(compilation);
    }

    protected override bool TryFinish(FunctionProto proto, int generation, out CompiledFunction? code)
    {
        code = null;
        var compilation = _pending[proto.Id];
        if (compilation is null || compilation.Generation != generation) return true;
        bool takenBack = false;
        if (!compilation.Done)
        {
            if (!TakesBack(compilation)) return false;
            compilation.Run(); // .NET's compile on the VM's thread, as a foreground compilation's first call would do it
            takenBack = true;
            stats.TakenBack++;
        }
        _pending[proto.Id] = null;
        compilation.Error?.Throw();
        if (!takenBack) stats.AddBackground(compilation.Stats);
        stats.AddLatency(System.Diagnostics.Stopwatch.GetElapsedTime(compilation.Queued).TotalMilliseconds);
        code = compilation.Code;
        if (code is null) return true;
        _plans[proto.Id] = (generation, compilation.Plan);
        if (compilation.Self is { } self) _direct[proto.Id] = self;
        return true;
    }

    /// <summary>
    /// Whether the VM's thread takes <paramref name="compilation"/> back (only .NET's compile is left in it: <c>auto</c>):
    /// still queued (the background thread is busy, or gets no core) past its <see cref="BackgroundCompilation.TakeBackAfter"/>,
    /// it is compiled now rather than interpreted for longer. A function in flight is reported at every call and back-edge;
    /// the clock is read at every <see cref="ReportsPerClockLook"/>th.
    /// </summary>
    private bool TakesBack(BackgroundCompilation compilation) =>
        _largeInBackground && ++compilation.ReportsWaited % ReportsPerClockLook == 0
        && System.Diagnostics.Stopwatch.GetTimestamp() >= compilation.TakeBackAfter && compilation.TryStart();

    /// <summary>Wait until <paramref name="proto"/>'s background compilation has finished (it is installed at the next heat
    /// report, not now); false when none is in flight or it did not finish within <paramref name="timeout"/>.</summary>
    internal bool WaitForBackground(FunctionProto proto, TimeSpan timeout) =>
        _pending[proto.Id] is { } compilation && SpinWait.SpinUntil(() => compilation.Done, timeout);

    /// <summary>Stop the background thread (waiting for the compilation under way) and count what was never installed.</summary>
    public void Dispose()
    {
        _compiler?.Dispose();
        _compiler = null;
        stats.AddDiscarded(_pending.Count(p => p is not null));
        Array.Clear(_pending);
    }

    /// <summary>
    /// The plan, with the results of direct calls typed where the callee returns one kind: a compiled callee's plan says
    /// so; for calls to itself (fib), the kind its other returns have is assumed, and kept only if the plan made with
    /// it returns that kind everywhere. A wrong result kind is caught by the guard after the call, as any other.
    /// </summary>
    private TypePlan PlanWithCallResults(FunctionProto proto, ISet<int> excluded)
    {
        var profile = Profile.Of(proto.Id);
        var fields = Profile.FieldsOf(proto.Id);
        var elements = Profile.ElementsOf(proto.Id);
        var plan = TypePlan.For(proto, program, excluded, profile, fieldKinds: fields, elementKinds: elements);
        var calls = DirectLinking.GlobalCalls(proto, CalleeOf).ToList();
        if (calls.Count == 0) return plan;
        var expected = new Dictionary<int, RegisterKind>();
        var assumed = plan.SomeReturnKind(proto);
        foreach (var (pc, callee) in calls)
        {
            var kind = callee == proto ? assumed
                : Code[callee.Id] is not null && _plans.TryGetValue(callee.Id, out var compiled) && compiled.Generation == Generation[callee.Id]
                    ? compiled.Plan.ReturnKind(callee) : null;
            if (kind is { } k) expected[pc] = k;
        }
        if (expected.Count == 0) return plan;
        var typed = TypePlan.For(proto, program, excluded, profile, expected, fields, elements);
        bool selfConsistent = !calls.Any(c => c.Callee == proto) || assumed is null || typed.ReturnKind(proto) == assumed;
        return selfConsistent ? typed : plan;
    }

    /// <summary>The cost model's one question before compiling (not at threshold 0, which compiles everything first).
    /// Held back a whole threshold already, it compiles with its hot callees, just before it, when they are few and
    /// called as often as it runs (they would not get hot by themselves soon). A small function whose compiled caller is
    /// compiled again with it (<see cref="CompiledCallerToRecompile"/>) takes its hot callees along at once: it would not
    /// be asked again before another threshold's calls.</summary>
    protected override bool WaitsForCallees(FunctionProto proto)
    {
        if (Threshold == 0 || !InterpretedCallees.Holding(proto, this, CalleeOf, CachedMethodsOf)) return false;
        if (!IsWaiting(proto) && CompiledCallerToRecompile(proto) is null) return true;
        if (InterpretedCallees.HotCallTree(proto, this, CalleeOf, Machine!.CachedMethods) is not { } tree) return true;
        foreach (var (callee, caller) in tree) CompileBefore(callee, caller);
        return false;
    }

    /// <summary>The cost model's other questions: a small function without loops compiles only with a caller that links to
    /// it (<see cref="CallOnlyFunctions"/>); another short function whose caller stays interpreted, held back by other
    /// callees, waits for that caller (<see cref="InterpretedCallers"/>).</summary>
    protected override bool WaitsForCaller(FunctionProto proto, out FunctionProto? caller)
    {
        caller = null;
        if (Threshold == 0) return false;
        var below = Machine?.CallerOfTop();
        if (CallOnlyFunctions.CompileOnlyWithCaller(proto, this, CallsItself(proto)))
        {
            caller = CallOnlyFunctions.CallerToWaitFor(proto, below, this);
            if (caller is null && CompiledCallerToRecompile(proto) is { } compiled && RecompileWith(proto, compiled))
            {
                stats.CallersRecompiled++;
                caller = compiled;
            }
            return true;
        }
        if (below is null
            || !InterpretedCallers.Holding(proto, below, this, c => InterpretedCallees.Holding(c, this, CalleeOf, CachedMethodsOf, except: proto)))
            return false;
        caller = below;
        return true;
    }

    /// <summary>The compiled caller (the frame below) to compile again with small <paramref name="proto"/>, hot now, and
    /// its hot callees (<see cref="CallOnlyFunctions.CallerToRecompile"/>); null when there is none, or it was compiled
    /// again already. Not when the background thread emits (<c>on</c>): a caller queued with its callees does not link to them.</summary>
    private FunctionProto? CompiledCallerToRecompile(FunctionProto proto)
    {
        if (_wholeInBackground || Threshold == 0 || !CallOnlyFunctions.CompileOnlyWithCaller(proto, this, CallsItself(proto))) return null;
        var caller = CallOnlyFunctions.CallerToRecompile(proto, Machine!.CallerOfTop(), Machine.TopCalledThroughLinkableSite(), this);
        // Not a caller that calls itself: storage's recursive `build_tree_depth` (5,932 IL bytes) compiled again for
        // `Random.next` cost 8,132 IL bytes for 0.73 million fewer interpreted instructions, 0.81x ../main pinned.
        return caller is not null && CanRecompile(caller) && !CallsItself(caller) ? caller : null;
    }

    /// <summary>Whether <paramref name="proto"/> calls itself through a global or a method site (its cache holds it).</summary>
    private bool CallsItself(FunctionProto proto) =>
        DirectLinking.GlobalCalls(proto, CalleeOf).Any(c => c.Callee == proto)
        || DirectLinking.MethodCalls(proto, MethodsOf(proto)).Any(c => c.Callee == proto);

    /// <summary>The impl methods call site constant <paramref name="site"/> of <paramref name="proto"/> has found, for any receiver
    /// type (<see cref="RegisterMachine.CachedMethods"/>; the machine is read when a site is asked about, not before).</summary>
    private IEnumerable<FunctionProto> CachedMethodsOf(FunctionProto proto, int site) => Machine!.CachedMethods(proto, site);

    /// <summary>The protos each CALL or CALLR of <paramref name="proto"/> was seen to call (<see cref="ClosureCalls"/>).</summary>
    private Func<int, IReadOnlyList<FunctionProto>> ClosureCalleesOf(FunctionProto proto) => pc => ClosureCallees(proto, pc);

    /// <summary>The Veld function global <paramref name="index"/> holds now.</summary>
    private FunctionProto? CalleeOf(int index) =>
        Machine!.GlobalNow(index).Is<Closure>(out var closure) ? closure.Proto : null;

    /// <summary>The impl methods each call site constant of <paramref name="proto"/> has found, for any receiver type (first
    /// type first): a compiled site is linked to each of them that has a direct entry.</summary>
    private Func<int, IEnumerable<FunctionProto>> MethodsOf(FunctionProto proto) => site => CachedMethodsOf(proto, site);

    /// <summary>A direct entry of <paramref name="proto"/>'s current code: the one made before, or one made now; null when
    /// the function is not compiled (a direct call needs its plan) or its entry is over budget.</summary>
    private DirectEntry? EntryOf(FunctionProto proto)
    {
        int id = proto.Id;
        if (Code[id] is null || !_plans.TryGetValue(id, out var compiled) || compiled.Generation != Generation[id]) return null;
        if (_direct.TryGetValue(id, out var entry) && entry.Generation == Generation[id]) return entry;
        // The callee's own calls link to itself and to entries that exist (none is made for them: one level per request).
        entry = DirectLinking.CompileEntry(proto, compiled.Plan, compiled.Generation, stressSeed is not null, stats, CalleeOf, MethodsOf(proto), Existing, _fixedGlobals,
            ClosureCalleesOf(proto));
        if (entry is not null) _direct[id] = entry;
        return entry;
    }

    private DirectEntry? Existing(FunctionProto proto) =>
        _direct.TryGetValue(proto.Id, out var entry) && entry.Generation == Generation[proto.Id] && Code[proto.Id] is not null ? entry : null;

    /// <summary>Per function: the loop headers its code has entries at (the ones the VM tiered up at or kept coming to).</summary>
    private readonly Dictionary<int, HashSet<int>> _loopEntries = [];
    /// <summary>Per function: the VM's arrivals at loop headers its current code has no entry for.</summary>
    private readonly Dictionary<int, int> _entryMisses = [];

    /// <summary>The loop headers to compile entries at for <paramref name="proto"/> (a copy: a background thread reads it):
    /// those asked for before, and the header of the back-edge that made it hot now (null, every header, when the VM did
    /// not say which).</summary>
    private HashSet<int>? LoopEntries(FunctionProto proto)
    {
        if (!_loopEntries.TryGetValue(proto.Id, out var entries)) _loopEntries[proto.Id] = entries = [];
        if (LastLoopReport.Proto == proto)
        {
            if (LastLoopReport.Header < 0) return null;
            entries.Add(LastLoopReport.Header);
        }
        return [.. entries];
    }

    /// <summary>Arrivals at loop headers without an entry before the function is compiled again with entries there (at
    /// threshold 0, the first: everything compiles at once there).</summary>
    private int MissesBeforeRecompile => Math.Max(1, Threshold / 10);

    /// <summary><see cref="EntryMissed"/>, called by compiled code with the run's hook (not inlined: it runs once per arrival
    /// at a header without an entry).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static void EntryMissedIn(TierUp tierUp, FunctionProto proto, int header) => (tierUp as JitCompiler)?.EntryMissed(proto, header);

    /// <summary>
    /// The VM came to loop header <paramref name="header"/> of <paramref name="proto"/>'s code, which has no entry there, and
    /// goes on interpreting the loop. Where that keeps happening (the VM tiered up in one loop and the code was installed,
    /// or resumed, in another), the code is dropped and compiled again, when hot again, with an entry there too.
    /// </summary>
    internal void EntryMissed(FunctionProto proto, int header)
    {
        stats.EntriesMissed++;
        if (Code[proto.Id] is null || !_loopEntries.TryGetValue(proto.Id, out var entries) || entries.Contains(header)) return;
        int misses = _entryMisses[proto.Id] = _entryMisses.GetValueOrDefault(proto.Id) + 1;
        if (misses < MissesBeforeRecompile) return;
        _entryMisses[proto.Id] = 0;
        entries.Add(header);
        stats.EntryRecompilations++;
        if (_pending[proto.Id] is not null)
        {
            _pending[proto.Id] = null;
            stats.AddDiscarded(1);
        }
        Invalidate(proto);
    }

    public override void Deoptimized(FunctionProto proto, int pc, int assumption, string reason)
    {
        stats.AddDeoptimization(proto, pc, reason);
        // A stress failure or an overflow (an error on its way) proves no assumption wrong: the code stays.
        if (assumption < 0) return;
        if (!_untyped.TryGetValue(proto.Id, out var set)) _untyped[proto.Id] = set = [];
        set.Add(assumption); // the web: its ids depend on the code alone, so they name the same range next time
        if (_plans.TryGetValue(proto.Id, out var failed) && failed.Generation == Generation[proto.Id])
            set.UnionWith(WidenedAssumptions.UnobservedGuesses(proto, failed.Plan, TypePlan.For(proto, program, set)));
        if (_pending[proto.Id] is not null)
        {
            // Older code (a direct entry still running) failed while a newer compilation is on its way: that one
            // still assumes the web, and goes with the generation Invalidate ends.
            _pending[proto.Id] = null;
            stats.AddDiscarded(1);
        }
        // Recompiled without that web when the function is hot again.
        Invalidate(proto);
    }

    /// <summary>About one guard in 64 fails under stress: a xorshift sequence from the seed, so runs repeat exactly.</summary>
    public override bool StressFails()
    {
        if (_stress == 0) return false;
        _stress ^= _stress << 13;
        _stress ^= _stress >> 7;
        _stress ^= _stress << 17;
        return (_stress & 63) == 0;
    }
}
