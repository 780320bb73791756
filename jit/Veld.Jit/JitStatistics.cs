using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>
/// What the JIT did in one run: which functions it compiled (with their IL size and compile time), which it
/// left interpreted and why, and the deoptimisations. Every figure but the times is deterministic for a
/// program, a threshold and a stress seed when compiling on the VM's thread; with background compilation, what
/// was installed depends on timing. Filled on the VM's thread only (a background compilation's figures are
/// merged when it is installed).
/// </summary>
public sealed class JitStatistics
{
    private readonly List<CompiledFunctionInfo> _compiled = [];
    private readonly List<InterpretedFunctionInfo> _interpreted = [];
    private readonly List<DeoptimizationInfo> _deopts = [];

    public IReadOnlyList<CompiledFunctionInfo> Compiled => _compiled;
    public IReadOnlyList<InterpretedFunctionInfo> Interpreted => _interpreted;
    public IReadOnlyList<DeoptimizationInfo> Deoptimizations => _deopts;

    private readonly List<CompiledFunctionInfo> _directEntries = [];

    /// <summary>Direct entries compiled (a second method of a function that compiled code calls directly).</summary>
    public IReadOnlyList<CompiledFunctionInfo> DirectEntries => _directEntries;

    public int FunctionsCompiled => _compiled.Count;
    /// <summary>Method calls compiled code made through a method's direct entry (the linked sites' guard held).</summary>
    public long DirectMethodCalls { get; internal set; }
    /// <summary>Lookups of linked method sites that left the compiled code's inline path for the VM's (an enum receiver, a
    /// type the site's cache does not hold): a struct the cache holds is found with no call.</summary>
    public long MethodLookupsOutOfLine { get; internal set; }
    /// <summary>Closure calls (CALL, CALLR) compiled code made through a direct entry linked by proto (<see cref="ClosureCalls"/>).</summary>
    public long DirectClosureCalls { get; internal set; }
    /// <summary>Frames a tail call replaced whose compiled code the call that entered their first function ran on, not the
    /// VM's trampoline (<c>RegisterMachine.RunCallee</c>, JIT section 34).</summary>
    public long TailCalleesRun { get; internal set; }
    /// <summary>Compiled ITERNEXTs that called the VM's iterator step (every step but an unchanged array's next element).</summary>
    public long IteratorStepsOutOfLine { get; internal set; }
    /// <summary>Heat reports the VM's dispatch loop made to the JIT (frame starts and loop back-edges it did not let pass:
    /// <c>TierUp.CallCountdown</c>); deterministic as the other counters.</summary>
    public long HeatReports { get; internal set; }
    /// <summary>IL of every method emitted: functions and their direct entries.</summary>
    public long IlBytes => _compiled.Sum(c => (long)c.IlBytes) + _directEntries.Sum(c => (long)c.IlBytes);
    /// <summary>IL emission, functions and direct entries (on whichever thread compiled them).</summary>
    public double CompileMs => _compiled.Sum(c => c.CompileMs) + _directEntries.Sum(c => c.CompileMs);
    /// <summary>.NET's compilation to machine code: of the emitted methods a background thread forced right after emission,
    /// plus everything .NET compiled on the VM's thread during the run (<see cref="VmThreadNativeMs"/>).</summary>
    public double NativeCompileMs => _compiled.Sum(c => c.NativeMs) + _directEntries.Sum(c => c.NativeMs) + NativeInBackgroundMs + VmThreadNativeMs;
    /// <summary>.NET's compile time on the VM's thread during the run (<c>JitInfo.GetCompilationTime(currentThread: true)</c>
    /// read around it): there .NET compiles an emitted method at its first call (<see cref="Compilation"/>). In a process's
    /// first run it includes the VM's own methods compiled at their first use; from the second run on, the emitted code's.</summary>
    public double VmThreadNativeMs { get; internal set; }
    /// <summary>Emission paid on the VM's thread (.NET's compilation there, at the methods' first calls, is in
    /// <see cref="VmThreadNativeMs"/>, with whatever else .NET compiled on that thread).</summary>
    public double ForegroundCompileMs =>
        _compiled.Concat(_directEntries).Where(c => !c.Background).Sum(c => c.CompileMs + c.NativeMs);
    /// <summary>Compilations made on the background thread and installed (<see cref="Veld.Runtime.RunOptions.JitBackground"/>).</summary>
    public int BackgroundCompilations => _compiled.Count(c => c.Background);
    /// <summary>Background compilations finished or under way when the run ended, or made stale by a deoptimisation:
    /// never installed.</summary>
    public int BackgroundDiscarded { get; private set; }
    /// <summary>The median and the largest time one function took to emit (0 when none was compiled).</summary>
    public double CompileMsMedian => _compiled.Count == 0 ? 0 : _compiled.Select(c => c.CompileMs).Order().ElementAt(_compiled.Count / 2);
    public double CompileMsMax => _compiled.Count == 0 ? 0 : _compiled.Max(c => c.CompileMs);

    private readonly List<double> _plans = [];

    /// <summary>Type planning (liveness, webs, kinds, call results), always on the VM's thread, before any emission:
    /// every plan made, the total and the largest (a fresh process's first plan pays for .NET compiling the planner).</summary>
    public int Plans => _plans.Count;
    public double PlanMs => _plans.Sum();
    public double PlanMsMax => _plans.Count == 0 ? 0 : _plans.Max();

    internal void AddPlan(double ms) => _plans.Add(ms);

    internal void AddCompiled(FunctionProto proto, int ilBytes, double ms, double nativeMs, string assumptions, int entries = 0) =>
        _compiled.Add(new(proto.Name, proto.Line, ilBytes, ms, assumptions, nativeMs) { Entries = entries });

    /// <summary>The pcs compiled functions can be entered at (entry stubs), summed over every compilation.</summary>
    public int EntriesEmitted => _compiled.Sum(c => c.Entries);
    /// <summary>Times the VM came to a loop header of compiled code that had no entry there and went on interpreting.</summary>
    public long EntriesMissed { get; internal set; }
    /// <summary>Compiled code dropped to be compiled again with an entry at a loop header the VM kept coming to.</summary>
    public int EntryRecompilations { get; internal set; }
    /// <summary>Compiled callers compiled again to link a small callee that got hot after them (<see cref="CallOnlyFunctions"/>).</summary>
    public int CallersRecompiled { get; internal set; }

    private readonly List<double> _latencies = [];

    /// <summary>Per background compilation installed: milliseconds from the moment it was queued (its plan made) to its
    /// installation, which the VM follows at once with its first run (the code is entered at the report that installs it).</summary>
    public IReadOnlyList<double> QueuedToInstalledMs => _latencies;

    internal void AddLatency(double ms) => _latencies.Add(ms);

    internal void AddDirectEntry(FunctionProto proto, int ilBytes, double ms, double nativeMs, string assumptions) =>
        _directEntries.Add(new(proto.Name, proto.Line, ilBytes, ms, assumptions, nativeMs));

    /// <summary>Take in what a background compilation recorded, now that its code is installed.</summary>
    internal void AddBackground(JitStatistics compilation)
    {
        _compiled.AddRange(compilation._compiled.Select(c => c with { Background = true }));
        _directEntries.AddRange(compilation._directEntries.Select(c => c with { Background = true }));
        _interpreted.AddRange(compilation._interpreted);
        NativeCompilesInBackground += compilation.NativeCompilesInBackground;
        NativeInBackgroundMs += compilation.NativeInBackgroundMs;
    }

    internal void AddDiscarded(int count) => BackgroundDiscarded += count;

    private readonly List<string> _handedToBackground = [];

    /// <summary>The functions whose compilation was handed to the background thread, in order, as "name@line": with
    /// <c>--jit-background auto</c> the ones whose new methods reach the IL bound (only .NET's compile goes there), which
    /// is deterministic; with <c>on</c> every one.</summary>
    public IReadOnlyList<string> HandedToBackground => _handedToBackground;

    internal void AddHandedToBackground(FunctionProto proto) => _handedToBackground.Add($"{proto.Name}@{proto.Line}");

    /// <summary>.NET's compile of methods emitted on the VM's thread that the background thread did, for the compilations
    /// installed from it (<c>--jit-background auto</c>): how many and their milliseconds.</summary>
    public int NativeCompilesInBackground { get; private set; }
    public double NativeInBackgroundMs { get; private set; }

    internal void AddNativeInBackground(double ms)
    {
        NativeCompilesInBackground++;
        NativeInBackgroundMs += ms;
    }

    /// <summary>Compilations the VM's thread took back from the background thread's queue, still waiting there after about
    /// as long as their .NET compile takes (<c>auto</c>, <c>JitCompiler.TakeBackMsPerIlByte</c>); .NET's compile then ran
    /// on the VM's thread.</summary>
    public int TakenBack { get; internal set; }

    internal void AddInterpreted(FunctionProto proto, string reason) => _interpreted.Add(new(proto.Name, proto.Line, reason));

    internal void AddDeoptimization(FunctionProto proto, int pc, string reason) => _deopts.Add(new(proto.Name, proto.Line, pc, reason));
}

/// <summary>A function compiled to IL: its size, the time emitting took, the type assumptions its code guards, the time
/// .NET took to compile the IL to machine code, and whether a background thread did both.</summary>
public sealed record CompiledFunctionInfo(string Name, int Line, int IlBytes, double CompileMs, string Assumptions, double NativeMs = 0, bool Background = false)
{
    /// <summary>The pcs the frame's code can be entered at (0 for a direct entry, which has one way in).</summary>
    public int Entries { get; init; }
}

/// <summary>A function that stays interpreted, and why (only the size budget keeps one out).</summary>
public sealed record InterpretedFunctionInfo(string Name, int Line, string Reason);

/// <summary>Compiled code that gave its frame back to the interpreter at <see cref="Pc"/> because a guard failed.</summary>
public sealed record DeoptimizationInfo(string Name, int Line, int Pc, string Reason);
