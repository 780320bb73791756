using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Text;
using Veld.RegisterVm;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Compiles one prototype to a <see cref="DynamicMethod"/> with the <see cref="CompiledFunction"/> signature.
/// Every instruction becomes the IL of its dispatch case with the operands as constants and jumps as IL
/// branches; registers stay in the VM's register stack (addressed through a managed pointer to the frame's
/// first register), so the interpreter can take the frame over at any instruction and back.
/// <para>
/// Layout: a prologue loads the frame (base, closure, constants, caches, register pointer); a <c>switch</c>
/// on the entry pc jumps to the instruction where the VM asks to resume (pc 0, a loop header, the return
/// point after a call, a catch handler; any other pc goes back to the interpreter); the body is one IL
/// region per instruction inside a try whose catch stamps the raising instruction's line on Veld errors.
/// Anything that changes frames (a call of a Veld function, a return, a tail call) leaves with a
/// <see cref="CompiledExit"/> code and the VM's trampoline continues, so Veld calls never nest C# frames.
/// </para>
/// </summary>
internal sealed partial class FunctionEmitter
{
    private static readonly int ValueSize = Unsafe.SizeOf<Value>();

    private readonly FunctionProto _proto;
    private readonly uint[] _code;
    private readonly IlWriter _il;
    private readonly Label?[] _labels;
    private readonly bool[] _isEntry;
    /// <summary>The loop headers the VM may enter at (null: every one); any other header leaves for the interpreter.</summary>
    private readonly IReadOnlySet<int>? _loopEntries;
    private readonly LocalBuilder _base, _closure, _constants, _caches, _registers, _currentPc, _exit, _value, _error;
    /// <summary>A deoptimisation's pc, failed web and reason, for the shared code that performs it.</summary>
    private readonly LocalBuilder _deoptPc, _deoptWeb, _deoptReason;
    private readonly Label _leave;
    private readonly TypePlan _plan;
    /// <summary>The local of each web (live range) kept unboxed (null: it lives in the stack), and its kind.</summary>
    private readonly LocalBuilder?[] _local;
    private readonly RegisterKind[] _kinds;
    private readonly bool _stress;
    private readonly DirectLinks _links;
    /// <summary>Out-of-line code (deoptimisation exits), emitted after the body.</summary>
    private readonly List<Action> _stubs = [];

    private FunctionEmitter(FunctionProto proto, IlWriter il, TypePlan plan, bool stress, DirectLinks links, IReadOnlySet<int>? loopEntries)
    {
        _proto = proto;
        _loopEntries = loopEntries;
        _links = links;
        _plan = plan;
        _stress = stress;
        _code = proto.Code;
        _il = il;
        _labels = new Label?[_code.Length + 1];
        _isEntry = new bool[_code.Length + 1];
        _isLoopHeader = new bool[_code.Length + 1];
        _base = il.Local(typeof(int));
        _closure = il.Local(typeof(Closure));
        _constants = il.Local(typeof(Value[]));
        _caches = il.Local(typeof(InlineCache[]));
        _registers = il.Local(typeof(Value).MakeByRefType());
        _currentPc = il.Local(typeof(int));
        _exit = il.Local(typeof(int));
        _value = il.Local(typeof(Value));
        _error = il.Local(typeof(VeldRuntimeException));
        _deoptPc = il.Local(typeof(int));
        _deoptWeb = il.Local(typeof(int));
        _deoptReason = il.Local(typeof(string));
        _leave = il.NewLabel("exit");
        _kinds = plan.Kinds;
        _local = new LocalBuilder?[plan.Kinds.Length];
        foreach (int w in plan.TypedWebs) _local[w] = il.Local(ClrType(_kinds[w]));
        _x = il.Local(typeof(long));
        _y = il.Local(typeof(long));
        _r = il.Local(typeof(long));
        _divisor = il.Local(typeof(double));
        _callee = il.Local(typeof(Value));
        _directCallee = il.Local(typeof(Closure));
        _parameterInIl = ParametersInIl();
    }

    /// <summary>The size of what was emitted, for the budget and the statistics, and the pcs its entry switch enters at.</summary>
    public readonly record struct Size(int IlBytes, int Blocks, int Entries);

    /// <summary>Emit <paramref name="proto"/>'s code into <paramref name="method"/>, optionally listing the IL; the VM enters it at
    /// the loop headers <paramref name="loopEntries"/> names (null: every one).</summary>
    public static Size Emit(FunctionProto proto, TypePlan plan, bool stress, DynamicMethod method, StringBuilder? listing, DirectLinks links,
        IReadOnlySet<int>? loopEntries = null)
    {
        // No zeroing of the locals on entry (a direct entry is entered once per call: fib zeroed 144 bytes of its frame
        // per call). Every local is written before it is read on each path; .NET still zeroes the ones the GC scans.
        method.InitLocals = false;
        var il = new IlWriter(method.GetILGenerator(), listing);
        var emitter = new FunctionEmitter(proto, il, plan, stress, links, loopEntries);
        emitter.EmitFunction();
        return new Size(il.Offset, il.LabelsMarked, links.Self is null ? emitter._isEntry.Count(e => e) : 0);
    }

    private void EmitFunction()
    {
        FindTargets();
        if (_links.Self is not null) EmitDirectPrologue();
        else EmitPrologue();
        _il.BeginTry();
        if (_links.Self is not null) EmitDirectParameters();
        else EmitEntrySwitch();
        for (int pc = 0; pc < _code.Length; pc += Width(pc))
        {
            if (_labels[pc] is not null)
            {
                _il.Mark(Target(pc));
                _storedPc = -1; // a join: paths may come with other pcs stored
            }
            _il.Comment($"pc {pc}: {Op(_code[pc])} (line {_proto.Lines[pc]})");
            EmitInstruction(pc);
        }
        // The verifier proved that control never runs off the end; IL still needs the region closed.
        Exit(() => _il.Int(_code.Length));
        for (int s = 0; s < _stubs.Count; s++) _stubs[s](); // a stub may add stubs

        // A filter, not a catch: it does its work during the search for a handler and never catches, so an
        // error crossing thousands of directly called compiled frames is not rethrown thousands of times.
        _il.BeginFilter();
        var notVeld = _il.NewLabel("not_a_veld_error");
        _il.Emit(OpCodes.Isinst, typeof(VeldRuntimeException));
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Brfalse, notVeld);
        _il.Emit(OpCodes.Stloc, _error);
        if (Frameless) EmitFramelessFilter();
        else EmitFrameFilter();
        _il.Mark(notVeld);
        _il.Emit(OpCodes.Pop);
        _il.Int(0); // do not handle
        _il.BeginFilterHandler();
        _il.Emit(OpCodes.Rethrow); // never runs: the filter declines every exception
        _il.EndTry();
        _il.Mark(_leave);
        if (_links.Self is not null)
        {
            EmitDirectEpilogue();
            return;
        }
        _il.Emit(OpCodes.Ldloc, _exit);
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>The error filter's work (the error in <c>_error</c>) in code that has a frame.</summary>
    private void EmitFrameFilter()
    {
        // The typed registers a catch of this frame reads go back to the stack (none without a TRY: nothing reads
        // the frame again); unless the error came from a callee still above this frame (its registers were
        // flushed before the call; the dead ones above the call window are the callee's now). A frameless callee
        // leaves no frame above this one: its error counts as raised here, and writes back the same values.
        var handlerLive = _plan.LiveAtHandlers.Where(w => _local[w] is not null).ToList();
        if (handlerLive.Count > 0)
        {
            var notOurs = _il.NewLabel("raised_above");
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldarg_1);
            _il.Emit(OpCodes.Call, VmMembers.Vm(nameof(RegisterMachine.IsTopFrame)));
            _il.Emit(OpCodes.Brfalse, notOurs);
            ReloadRegisters();
            FlushAll(handlerLive);
            _il.Mark(notOurs);
        }
        FlushForErrorAtDirectCall();
        // The innermost instruction's position wins: the error leaves here stamped with the raising instruction's
        // position (and, from the top frame, the call stack), through the proto's line and column tables.
        VmCall(nameof(RegisterMachine.StampError), () => { _il.Emit(OpCodes.Ldloc, _error); _il.Emit(OpCodes.Ldarg_1); _il.Emit(OpCodes.Ldloc, _currentPc); });
    }

    /// <summary>
    /// Jump targets get labels; the places the VM resumes a frame at are entries: pc 0, the return point of a call, a
    /// catch handler, and the loop headers the tier asked for (where the VM tiered up: it enters a loop's header after a
    /// back-edge only). A forward jump's target is never one. Each entry is a stub that loads the typed registers and
    /// makes one more way into the loops around it, for .NET's optimiser to see: mandelbrot had nine, six of them forward
    /// targets. A loop header that is not an entry leaves for the interpreter (<see cref="EntryMissed"/>).
    /// </summary>
    private void FindTargets()
    {
        _isEntry[0] = true;
        for (int pc = 0; pc < _code.Length; pc += Width(pc))
        {
            uint i = _code[pc];
            int next = pc + Width(pc);
            switch (Op(i))
            {
                case VmOp.Eq or VmOp.Lt or VmOp.Le or VmOp.Gt or VmOp.Ge or VmOp.EqK or VmOp.EqI or VmOp.LtI
                    or VmOp.LeI or VmOp.GtI or VmOp.GeI or VmOp.Test or VmOp.TestTuple or VmOp.TestVariant or VmOp.TestRange:
                    Target(pc + 2);
                    break;
                case VmOp.Jmp:
                    Target(next + SJOf(i));
                    break;
                case VmOp.ForPrep or VmOp.ForPrepInc or VmOp.IterPrep:
                    Target(next + SBx(i));
                    break;
                case VmOp.Try:
                    _isEntry[next + SBx(i)] = true;
                    break;
                case VmOp.Call or VmOp.CallG or VmOp.CallR or VmOp.MethodCall:
                    _isEntry[next] = true;
                    break;
            }
            if (BackwardJumps.TargetOf(_code, pc) is var header and >= 0)
            {
                _isLoopHeader[header] = true;
                if (_loopEntries is null || _loopEntries.Contains(header)) _isEntry[header] = true;
                else Target(header);
            }
        }
        for (int pc = 0; pc < _code.Length; pc++)
            if (_isEntry[pc]) Target(pc);
    }

    /// <summary>The targets of the VM's loop back-edges (<see cref="BackwardJumps"/>).</summary>
    private readonly bool[] _isLoopHeader;

    /// <summary>1, or 2 for an instruction followed by its EXTRAARG (never dispatched on its own).</summary>
    private int Width(int pc) => pc + 1 < _code.Length && Op(_code[pc + 1]) == VmOp.ExtraArg ? 2 : 1;

    private Label Target(int pc)
    {
        return _labels[pc] ??= _il.NewLabel($"pc_{pc}");
    }

    private void EmitPrologue()
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Call, VmMembers.Vm(nameof(RegisterMachine.FrameBase)));
        _il.Emit(OpCodes.Stloc, _base);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Call, VmMembers.Vm(nameof(RegisterMachine.FrameClosure)));
        _il.Emit(OpCodes.Stloc, _closure);
        EmitFrameLocals();
    }

    /// <summary>With the base and closure known: the constants, the caches, the register pointer.</summary>
    private void EmitFrameLocals()
    {
        if (_proto.Constants.Length > 0) // fib has none: a direct entry is entered per call
        {
            Proto();
            _il.Emit(OpCodes.Call, VmMembers.ProtoConstants);
            _il.Emit(OpCodes.Stloc, _constants);
        }
        if (UsesCaches())
        {
            _il.Emit(OpCodes.Ldarg_0);
            Proto();
            _il.Emit(OpCodes.Call, VmMembers.Vm(nameof(RegisterMachine.CompiledCachesOf)));
            _il.Emit(OpCodes.Stloc, _caches);
        }
        ReloadRegisters();
    }

    /// <summary>Whether an instruction reads its inline cache (<see cref="CacheAddress"/>): a call is entered at every
    /// call, so a function without one (fib) does not look its caches up.</summary>
    private bool UsesCaches()
    {
        for (int pc = 0; pc < _code.Length; pc += Width(pc))
            if (Op(_code[pc]) is VmOp.GetField or VmOp.SetField or VmOp.MethodCall or VmOp.TailMethod) return true;
        return false;
    }

    private void EmitEntrySwitch()
    {
        var unknown = _il.NewLabel("not_an_entry");
        var missed = _il.NewLabel("loop_not_an_entry");
        bool anyMissed = false;
        var table = new Label[_code.Length];
        for (int pc = 0; pc < _code.Length; pc++)
        {
            table[pc] = _isEntry[pc] ? EntryStub(pc) : _isLoopHeader[pc] ? missed : unknown;
            anyMissed |= !_isEntry[pc] && _isLoopHeader[pc];
        }
        _il.Emit(OpCodes.Ldarg_2);
        _il.Switch(table);
        if (anyMissed)
        {
            _il.Emit(OpCodes.Br, unknown);
            _il.Mark(missed);
            EntryMissed();
        }
        _il.Mark(unknown);
        Exit(() => _il.Emit(OpCodes.Ldarg_2)); // the interpreter goes on from there
    }

    /// <summary>The VM came to a loop header that is not an entry (it tiered up in another loop, or resumes after leaving
    /// the code): the JIT hears of it (<see cref="JitCompiler.EntryMissed"/>), to recompile with that entry if it keeps
    /// happening, and the interpreter goes on with the loop.</summary>
    private void EntryMissed()
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Call, VmMembers.TierUpOf);
        Proto();
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Call, VmMembers.EntryMissed);
    }

    /// <summary>
    /// Entering at <paramref name="pc"/>: the typed registers live there come from the stack, and must hold their
    /// kinds (a failed guard hands the frame to the interpreter at the same pc, before anything changed). The
    /// others are written before they are read, and flushes write back only live registers. Each register is tested
    /// and read in its stack slot (no copy to a local first), and a failed test goes to the failure of that register and
    /// web, which every entry loading them shares (<see cref="EntryGuardFailed"/>).
    /// </summary>
    private Label EntryStub(int pc)
    {
        var live = _plan.LiveIn[pc];
        var typed = live is null ? [] : Enumerable.Range(0, live.Length).Where(r => live[r] && _plan.Webs.In(pc, r) is var w && w >= 0 && _local[w] is not null).ToList();
        if (typed.Count == 0 && !_stress) return Target(pc);
        var stub = _il.NewLabel($"enter_{pc}");
        _stubs.Add(() =>
        {
            _il.Mark(stub);
            if (_stress) StressGuard(pc, flush: false);
            foreach (int r in typed)
            {
                int w = _plan.Webs.In(pc, r);
                RegisterAddress(r);
                _il.Emit(OpCodes.Call, IsKind(_kinds[w]));
                _il.Emit(OpCodes.Brfalse, EntryGuardFailed(r, w));
                RegisterAddress(r);
                _il.Emit(OpCodes.Call, AsKind(_kinds[w]));
                _il.Emit(OpCodes.Stloc, _local[w]!);
            }
            _il.Emit(OpCodes.Br, Target(pc));
        });
        return stub;
    }

    /// <summary>Per register and web loaded at an entry: the failure of its guard.</summary>
    private readonly Dictionary<(int Register, int Web), Label> _entryGuardFailures = [];

    /// <summary>An entry's failed guard deoptimises at the entry's pc with nothing to write back: the pc is the one the
    /// entry switch dispatched on (argument 2, as only that switch reaches a stub), so one failure per register and
    /// web serves every entry that loads them (mandelbrot's nine entries each had their own).</summary>
    private Label EntryGuardFailed(int r, int w)
    {
        if (_entryGuardFailures.TryGetValue((r, w), out var failed)) return failed;
        failed = _entryGuardFailures[(r, w)] = _il.NewLabel($"entry_failed_r{r}");
        _stubs.Add(() =>
        {
            _il.Mark(failed);
            DeoptimizeAt(() => _il.Emit(OpCodes.Ldarg_2), w, $"entry: register not {Article(_kinds[w])} (r{r})", []);
        });
        return failed;
    }

    /// <summary>The register pointer, again: anything that may run Veld code may have grown (moved) the stack.</summary>
    private void ReloadRegisters()
    {
        if (RegistersOnDemand) return;
        FirstRegister();
        _il.Emit(OpCodes.Stloc, _registers);
    }

    /// <summary>Leave with the exit code <paramref name="code"/> pushes.</summary>
    private void Exit(Action code)
    {
        code();
        _il.Emit(OpCodes.Stloc, _exit);
        _il.Emit(OpCodes.Leave, _leave);
    }

    // ---- operand helpers --------------------------------------------------------------------------------------

    private void RegisterAddress(int r)
    {
        if (RegistersOnDemand) FirstRegister();
        else _il.Emit(OpCodes.Ldloc, _registers);
        if (r == 0) return;
        _il.Int(r * ValueSize);
        _il.Emit(OpCodes.Add);
    }

    /// <summary>The value of register <paramref name="r"/> (a typed register is boxed from its local).</summary>
    private void Register(int r)
    {
        if (Local(r) is not null)
        {
            Box(WebIn(r));
            return;
        }
        RegisterAddress(r);
        _il.Emit(OpCodes.Ldobj, typeof(Value));
    }

    /// <summary>Push typed web <paramref name="w"/>'s local as a <c>Value</c>.</summary>
    private void Box(int w)
    {
        _il.Emit(OpCodes.Ldloc, _local[w]!);
        _il.Emit(OpCodes.Call, _kinds[w] switch
        {
            RegisterKind.Int => VmMembers.FromInt,
            RegisterKind.Float => VmMembers.FromFloat,
            _ => VmMembers.FromBool,
        });
    }

    /// <summary>R[<paramref name="r"/>] := the value <paramref name="value"/> pushes (which must not move the stack).
    /// For a typed register the value is guarded: not its kind, and the interpreter takes over after this instruction.</summary>
    private void Store(int r, Action value)
    {
        if (ResultKind(r) != RegisterKind.Boxed)
        {
            value();
            _il.Emit(OpCodes.Stloc, _value);
            GuardedStore(r);
            return;
        }
        RegisterAddress(r);
        value();
        _il.Emit(OpCodes.Stobj, typeof(Value));
    }

    /// <summary>R[<paramref name="r"/>] := the value <paramref name="value"/> pushes, computed by code that may run Veld code.</summary>
    private void StoreAfterCall(int r, Action value)
    {
        value();
        _il.Emit(OpCodes.Stloc, _value);
        ReloadRegisters();
        if (ResultKind(r) != RegisterKind.Boxed) GuardedStore(r);
        else Store(r, () => _il.Emit(OpCodes.Ldloc, _value));
    }

    /// <summary>The typed register <paramref name="r"/> := <c>_value</c>, which the instruction just computed.</summary>
    private void GuardedStore(int r)
    {
        int resume = _pc + Width(_pc);
        int w = WebOut(r);
        Unbox(w, () =>
        {
            // The instruction is done: its result goes to the stack, and the interpreter goes on after it.
            RegisterAddress(r);
            _il.Emit(OpCodes.Ldloc, _value);
            _il.Emit(OpCodes.Stobj, typeof(Value));
            Deoptimize(resume, w, $"result not {Article(_kinds[w])} (r{r})", flush: true, except: r);
        });
    }

    /// <summary>The typed web's local := <c>_value</c> when it holds the web's kind; else the out-of-line <paramref name="fail"/>.</summary>
    private void Unbox(int w, Action fail)
    {
        var stub = _il.NewLabel($"guard_failed_r{_plan.Webs.RegisterOf(w)}");
        _il.Emit(OpCodes.Ldloca, _value);
        _il.Emit(OpCodes.Call, IsKind(_kinds[w]));
        _il.Emit(OpCodes.Brfalse, stub);
        _il.Emit(OpCodes.Ldloca, _value);
        _il.Emit(OpCodes.Call, AsKind(_kinds[w]));
        _il.Emit(OpCodes.Stloc, _local[w]!);
        _stubs.Add(() =>
        {
            _il.Mark(stub);
            fail();
        });
    }

    /// <summary>The typed registers live at any of <paramref name="pcs"/> back to the stack (boxed), where the
    /// interpreter and the VM's helpers read registers; dead ones are never read again.</summary>
    private void FlushLive(int except, params int[] pcs) => FlushAll(LiveWebs(except, pcs));

    /// <summary>The typed webs live at any of <paramref name="pcs"/>, but for register <paramref name="except"/>.</summary>
    private List<int> LiveWebs(int except, params int[] pcs)
    {
        var webs = new List<int>();
        for (int r = 0; r < _proto.MaxStack; r++)
        {
            if (r == except) continue;
            // The register's web where it is live (one web: a register live at two of these pcs holds one value).
            foreach (int pc in pcs)
                if (pc < _code.Length && _plan.LiveIn[pc] is { } live && live[r])
                {
                    if (_plan.Webs.In(pc, r) is var w && w >= 0 && _local[w] is not null) webs.Add(w);
                    break;
                }
        }
        return webs;
    }

    /// <summary>Typed webs back to their stack slots, every one boxed before the first is stored. Storing a value into
    /// the stack is a call (the GC's write barrier), and every float register is caller-saved: a double still to be
    /// flushed after a store would live across a call, and .NET then keeps it in memory in the hot loops as well.</summary>
    private void FlushAll(IReadOnlyList<int> webs)
    {
        // A slot already holds the value its local caches unless an instruction wrote the web, or it is a direct
        // entry's parameter, which came as an IL argument.
        var stored = webs.Where(w => !_plan.NeverWritten[w] || _parameterInIl[w]).ToList();
        for (int i = 0; i < stored.Count; i++)
        {
            Box(stored[i]);
            _il.Emit(OpCodes.Stloc, BoxedTemporary(i));
        }
        for (int i = 0; i < stored.Count; i++)
        {
            RegisterAddress(_plan.Webs.RegisterOf(stored[i]));
            _il.Emit(OpCodes.Ldloc, BoxedTemporary(i));
            _il.Emit(OpCodes.Stobj, typeof(Value));
        }
    }

    /// <summary>Value locals that hold a flush's boxed webs, shared by every flush.</summary>
    private readonly List<LocalBuilder> _boxedTemporaries = [];

    private LocalBuilder BoxedTemporary(int i)
    {
        while (_boxedTemporaries.Count <= i) _boxedTemporaries.Add(_il.Local(typeof(Value)));
        return _boxedTemporaries[i];
    }

    internal static Type ClrType(RegisterKind kind) => kind switch
    {
        RegisterKind.Int => typeof(long),
        RegisterKind.Float => typeof(double),
        RegisterKind.Bool => typeof(bool),
        _ => typeof(Value),
    };

    private static System.Reflection.MethodInfo IsKind(RegisterKind kind) => kind switch
    {
        RegisterKind.Int => VmMembers.IsInt,
        RegisterKind.Float => VmMembers.IsFloat,
        _ => VmMembers.IsBool,
    };

    private static System.Reflection.MethodInfo AsKind(RegisterKind kind) => kind switch
    {
        RegisterKind.Int => VmMembers.AsInt,
        RegisterKind.Float => VmMembers.AsFloat,
        _ => VmMembers.AsBool,
    };

    private static string KindName(RegisterKind kind) => kind.ToString().ToLowerInvariant();

    private static string Article(RegisterKind kind) => kind == RegisterKind.Int ? "an int" : "a " + KindName(kind);

    /// <summary>Leave for the interpreter at <paramref name="pc"/>: the typed registers go back to the stack first (unless
    /// nothing ran yet), and the JIT hears which web's assumption failed (-1: none), to recompile without it.
    /// The flush, the report and the exit are shared by every deoptimisation that writes back the same webs: the site
    /// sets the pc, web and reason and jumps there (one copy of each flush per function, not one per guard, cuts the IL
    /// .NET compiles on every run: mandelbrot's compilation was a third of a warm run).</summary>
    private void Deoptimize(int pc, int web, string reason, bool flush, int except = -1) =>
        DeoptimizeAt(() => _il.Int(pc), web, reason, flush ? LiveWebs(except, pc) : []);

    /// <summary><see cref="Deoptimize"/> at the pc <paramref name="pc"/> pushes, writing back <paramref name="webs"/>.</summary>
    private void DeoptimizeAt(Action pc, int web, string reason, List<int> webs)
    {
        pc();
        _il.Emit(OpCodes.Stloc, _deoptPc);
        _il.Int(web);
        _il.Emit(OpCodes.Stloc, _deoptWeb);
        _il.Emit(OpCodes.Ldstr, reason);
        _il.Emit(OpCodes.Stloc, _deoptReason);
        // Leave, not br: a site may have values on the evaluation stack, which a branch to a shared label may not carry.
        _il.Emit(OpCodes.Leave, DeoptimizationTail(webs));
    }

    /// <summary>Per list of webs written back: the code that writes them, tells the JIT and leaves at <c>_deoptPc</c>.</summary>
    private readonly Dictionary<string, Label> _deoptimizationTails = [];

    private Label DeoptimizationTail(List<int> webs)
    {
        string key = string.Join(',', webs);
        if (_deoptimizationTails.TryGetValue(key, out var tail)) return tail;
        tail = _deoptimizationTails[key] = _il.NewLabel("deoptimize");
        _stubs.Add(() =>
        {
            _il.Mark(tail);
            FlushAll(webs);
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Call, VmMembers.TierUpOf);
            Proto();
            _il.Emit(OpCodes.Ldloc, _deoptPc);
            _il.Emit(OpCodes.Ldloc, _deoptWeb);
            _il.Emit(OpCodes.Ldloc, _deoptReason);
            _il.Emit(OpCodes.Callvirt, VmMembers.Deoptimized);
            Exit(() => _il.Emit(OpCodes.Ldloc, _deoptPc));
        });
        return tail;
    }

    /// <summary>--jit-stress: a guard that fails at pseudo-random points, so every deoptimisation path runs.</summary>
    private void StressGuard(int pc, bool flush)
    {
        var stub = _il.NewLabel($"stress_{pc}");
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Call, VmMembers.TierUpOf);
        _il.Emit(OpCodes.Callvirt, VmMembers.StressFails);
        _il.Emit(OpCodes.Brtrue, stub);
        _stubs.Add(() =>
        {
            _il.Mark(stub);
            Deoptimize(pc, -1, "stress", flush);
        });
    }

    private void Constant(int index)
    {
        _il.Emit(OpCodes.Ldloc, _constants);
        _il.Int(index);
        _il.Emit(OpCodes.Ldelem, typeof(Value));
    }

    /// <summary>The absolute stack slot of register <paramref name="r"/>.</summary>
    private void Slot(int r)
    {
        _il.Emit(OpCodes.Ldloc, _base);
        if (r == 0) return;
        _il.Int(r);
        _il.Emit(OpCodes.Add);
    }

    private void Bool(bool b) => _il.Int(b ? 1 : 0);

    /// <summary>The pc <c>_currentPc</c> holds on entry to the instruction being emitted, when the straight-line code
    /// since the last join stored one (-1: not known).</summary>
    private int _storedPc = -1;

    /// <summary>
    /// The instruction at <paramref name="pc"/> may raise: remember it for the line stamp. The error filter reads only
    /// the position (line and column) from it, and compares it with direct call sites: an instruction at the position
    /// already stored in its block, neither it nor the stored one a call, stores nothing (a store per instruction was
    /// a memory write per instruction in the hot loops, the local being live into the filter).
    /// </summary>
    private void MayRaise(int pc)
    {
        if (_storedPc >= 0 && !LeavesFrame.Contains(Op(_code[pc])) && !LeavesFrame.Contains(Op(_code[_storedPc]))
            && _proto.PositionAt(_storedPc) == _proto.PositionAt(pc))
            return;
        _il.Int(pc);
        _il.Emit(OpCodes.Stloc, _currentPc);
        _storedPc = pc;
    }

    /// <summary>
    /// A step (fuel), and now and then the clock's check, which is a call: in SysV every float register is
    /// caller-saved, so a call on the loop's path (even one never taken) makes .NET keep the loop's doubles in memory.
    /// The check runs in a stub instead, with the typed registers live here written to the stack before it and read
    /// back after it, so that no typed value lives across the call.
    /// </summary>
    private void Tick()
    {
        int pc = _pc;
        var clockDue = _il.NewLabel($"clock_due_{pc}");
        var ticked = _il.NewLabel($"ticked_{pc}");
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Call, VmMembers.Context);
        _il.Emit(OpCodes.Call, VmMembers.TickClockDue);
        _il.Emit(OpCodes.Brtrue, clockDue);
        _il.Mark(ticked);
        _stubs.Add(() =>
        {
            _il.Mark(clockDue);
            var typed = TypedWebsLiveAt(pc);
            FlushAll(typed);
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Call, VmMembers.Context);
            _il.Emit(OpCodes.Call, VmMembers.CheckClockNow);
            foreach (int w in typed)
            {
                RegisterAddress(_plan.Webs.RegisterOf(w));
                _il.Emit(OpCodes.Call, AsKind(_kinds[w]));
                _il.Emit(OpCodes.Stloc, _local[w]!);
            }
            _il.Emit(OpCodes.Br, ticked);
        });
    }

    /// <summary>The typed webs live on entry to <paramref name="pc"/>.</summary>
    private List<int> TypedWebsLiveAt(int pc)
    {
        var typed = new List<int>();
        if (_plan.LiveIn[pc] is not { } live) return typed;
        for (int r = 0; r < live.Length; r++)
            if (live[r] && _plan.Webs.In(pc, r) is var w && w >= 0 && _local[w] is not null) typed.Add(w);
        return typed;
    }

    /// <summary>The inline cache of constant <paramref name="constant"/> (the field name or call site; see RegisterMachine.CachesOf).</summary>
    private void CacheAddress(int constant)
    {
        _il.Emit(OpCodes.Ldloc, _caches);
        _il.Int(constant);
        _il.Emit(OpCodes.Ldelema, typeof(InlineCache));
    }

    /// <summary>The running closure's proto (this function's).</summary>
    private void Proto()
    {
        _il.Emit(OpCodes.Ldloc, _closure);
        _il.Emit(OpCodes.Call, VmMembers.ClosureProto);
    }

    /// <summary>An 8-bit constant operand, or the index in the EXTRAARG after the instruction.</summary>
    private int ConstantIndex(int pc, int field)
    {
        int next = pc + 1; // where the instruction's EXTRAARG would be
        return Instruction.ConstantIndex(_code, ref next, field);
    }

    private string ConstantText(int index) => _proto.Constants[index].As<VeldString>().Text;
}
