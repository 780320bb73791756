using System.Text;
using Veld.RegisterVm;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Which CALLG sites of a function being compiled call a direct entry (<see cref="DirectEntry"/>), and the function's
/// own direct entry when it calls itself (fib): that one is emitted first, so the function's code and its direct
/// entry both call it. A site calls the function its global holds at compile time; the call's guard checks that it
/// still does when it runs (a redefined global takes the general call).
/// </summary>
internal static class DirectLinking
{
    /// <summary>The compiled code of <paramref name="proto"/> (null: over budget) with its direct calls linked.
    /// <paramref name="calleeOf"/>: the function a global holds now (null: none, or not a Veld function);
    /// <paramref name="methodsOf"/>: the impl methods a call site constant's cache holds now, first type first;
    /// <paramref name="entryOf"/>: a current direct entry of another function, made on demand (null: none);
    /// <paramref name="nativeNow"/>: compile the methods to machine code now (a background thread), not at their first call.</summary>
    public static CompiledFunction? Compile(FunctionProto proto, TypePlan plan, int generation, bool stress, bool nativeNow, JitStatistics stats,
        Func<int, FunctionProto?> calleeOf, Func<int, IEnumerable<FunctionProto>> methodsOf, Func<FunctionProto, DirectEntry?> entryOf,
        IReadOnlySet<int> fixedGlobals, out DirectEntry? self, StringBuilder? listing = null, IReadOnlySet<int>? loopEntries = null,
        Func<int, IReadOnlyList<FunctionProto>>? closureCalleesAt = null)
    {
        var sites = Sites.Of(proto, calleeOf, methodsOf, entryOf, fixedGlobals, closureCalleesAt);
        self = null;
        if (sites.CallsItself)
        {
            var entry = DirectEntry.Create(proto, generation, plan, FramelessBodies.Allow(proto, sites.LinkedFrameless));
            var directListing = listing is null ? null : new StringBuilder();
            if (Compilation.CompileDirect(plan, stress, nativeNow, stats, sites.Links(entry, entry), directListing))
            {
                self = entry;
                listing?.AppendLine(entry.Frameless ? "  direct entry (calls from compiled code; no frame):" : "  direct entry (calls from compiled code):").Append(directListing).AppendLine("  frame entry:");
            }
        }
        return Compilation.Compile(proto, plan, stress, nativeNow, stats, sites.Links(null, self), listing, loopEntries);
    }

    /// <summary>The direct entry of <paramref name="proto"/>, already compiled with <paramref name="plan"/>, when a caller
    /// asks for it (on the VM's thread: compiled to machine code at its first call): calls to itself and to
    /// <paramref name="entryOf"/>'s entries linked. Null when over budget.</summary>
    public static DirectEntry? CompileEntry(FunctionProto proto, TypePlan plan, int generation, bool stress, JitStatistics stats,
        Func<int, FunctionProto?> calleeOf, Func<int, IEnumerable<FunctionProto>> methodsOf, Func<FunctionProto, DirectEntry?> entryOf,
        IReadOnlySet<int> fixedGlobals, Func<int, IReadOnlyList<FunctionProto>>? closureCalleesAt = null)
    {
        var sites = Sites.Of(proto, calleeOf, methodsOf, entryOf, fixedGlobals, closureCalleesAt);
        var entry = DirectEntry.Create(proto, generation, plan, FramelessBodies.Allow(proto, sites.LinkedFrameless));
        return Compilation.CompileDirect(plan, stress, nativeNow: false, stats, sites.Links(entry, entry)) ? entry : null;
    }

    /// <summary>What a function's call sites can link to: per CALLG, the other function's direct entry; per METHODCALL,
    /// one per method its cache holds (a polymorphic site tests them in turn); and whether any site calls the function
    /// itself, whose own direct entry is made with its code.</summary>
    private sealed class Sites
    {
        private readonly Dictionary<int, DirectEntry> _globals = [];
        private readonly Dictionary<int, List<DirectEntry?>> _methods = [];
        /// <summary>Per CALL or CALLR, the direct entries of the protos its closures had (<see cref="ClosureCalls"/>).</summary>
        private readonly Dictionary<int, List<DirectEntry>> _closures = [];
        private readonly HashSet<int> _selfGlobals = [];
        /// <summary>The self calls through a global no instruction writes (a function declaration's: <see cref="FixedGlobals"/>).</summary>
        private readonly HashSet<int> _fixedSelfGlobals = [];

        public bool CallsItself => _selfGlobals.Count > 0 || _methods.Values.Any(list => list.Contains(null));

        public static Sites Of(FunctionProto proto, Func<int, FunctionProto?> calleeOf, Func<int, IEnumerable<FunctionProto>> methodsOf,
            Func<FunctionProto, DirectEntry?> entryOf, IReadOnlySet<int> fixedGlobals, Func<int, IReadOnlyList<FunctionProto>>? closureCalleesAt)
        {
            var sites = new Sites();
            if (closureCalleesAt is not null)
                foreach (var (pc, callee) in ClosureCalls.Linked(proto, closureCalleesAt))
                    if (entryOf(callee) is { } entry)
                        (sites._closures.TryGetValue(pc, out var list) ? list : sites._closures[pc] = []).Add(entry);
            foreach (var (pc, callee) in GlobalCalls(proto, calleeOf))
                if (callee == proto)
                {
                    sites._selfGlobals.Add(pc);
                    if (fixedGlobals.Contains(C(proto.Code[pc]))) sites._fixedSelfGlobals.Add(pc);
                }
                else if (entryOf(callee) is { } entry) sites._globals[pc] = entry;
            // null in a method site's list stands for the function's own direct entry, not made yet.
            foreach (var (pc, method) in MethodCalls(proto, methodsOf))
            {
                DirectEntry? entry = null;
                if (method != proto && (entry = entryOf(method)) is null) continue;
                (sites._methods.TryGetValue(pc, out var list) ? list : sites._methods[pc] = []).Add(entry);
            }
            return sites;
        }

        /// <summary>Whether the site at <paramref name="pc"/> only reaches frameless entries (the function's own counts as
        /// one: it is frameless exactly when this says every site is).</summary>
        public bool LinkedFrameless(int pc) =>
            _selfGlobals.Contains(pc) || _globals.TryGetValue(pc, out var e) && e.Frameless
            || _methods.TryGetValue(pc, out var list) && list.All(m => m is null || m.Frameless);

        /// <summary>The links of one emission: <paramref name="emitting"/> the direct entry being emitted (null: the frame
        /// body), <paramref name="self"/> the function's own direct entry (null: none; its self sites take the general call).</summary>
        public DirectLinks Links(DirectEntry? emitting, DirectEntry? self)
        {
            var calls = new Dictionary<int, DirectEntry>(_globals);
            if (self is not null)
                foreach (int pc in _selfGlobals) calls[pc] = self;
            var methods = new Dictionary<int, IReadOnlyList<DirectEntry>>();
            foreach (var (pc, list) in _methods)
                if (list.Select(m => m ?? self).OfType<DirectEntry>().ToList() is { Count: > 0 } linked) methods[pc] = linked;
            // In the function's own frameless entry, a self call through a fixed global needs no guard but the stack's: the
            // global holds this function for the whole run, and nothing else runs between the entry and the call.
            IReadOnlySet<int> unguarded = emitting is { Frameless: true } && emitting == self ? _fixedSelfGlobals : new HashSet<int>();
            var closures = _closures.ToDictionary(c => c.Key, c => (IReadOnlyList<DirectEntry>)c.Value);
            return new DirectLinks(emitting, calls, methods, unguarded, closures);
        }
    }

    /// <summary>Each METHODCALL (not in tail position) with each impl method its inline cache holds, a Veld function taking
    /// self and as many arguments as the site passes. <paramref name="methodsOf"/>: the methods the cache of a call site
    /// constant holds (none yet, or a field: none).</summary>
    public static IEnumerable<(int Pc, FunctionProto Callee)> MethodCalls(FunctionProto proto, Func<int, IEnumerable<FunctionProto>> methodsOf)
    {
        var code = proto.Code;
        for (int pc = 0; pc < code.Length; pc++)
        {
            if (Op(code[pc]) != VmOp.MethodCall) continue;
            int next = pc + 1;
            int site = Instruction.ConstantIndex(code, ref next, C(code[pc]));
            if (proto.Constants[site].AsObject is not Runtime.VeldTuple { Items: [_, var count] } || !count.IsInt) continue;
            foreach (var method in methodsOf(site))
                if (method.ParamCount == count.AsInt + 1) yield return (pc, method);
        }
    }

    /// <summary>The globals that hold the same function for the whole run: a function declaration's (hoisted, and
    /// immutable: no SETGLOBAL of <paramref name="program"/> writes them).</summary>
    public static IReadOnlySet<int> FixedGlobals(RegisterProgram program)
    {
        var globals = program.Hoisted.Select(h => h.GlobalIndex).ToHashSet();
        foreach (var proto in program.Script.SelfAndDescendants())
            foreach (uint i in proto.Code)
                if (Op(i) == VmOp.SetGlobal) globals.Remove(Bx(i));
        return globals;
    }

    /// <summary>Each CALLG whose global holds a Veld function taking as many arguments as the site passes.</summary>
    public static IEnumerable<(int Pc, FunctionProto Callee)> GlobalCalls(FunctionProto proto, Func<int, FunctionProto?> calleeOf)
    {
        var code = proto.Code;
        for (int pc = 0; pc < code.Length; pc++)
            if (Op(code[pc]) == VmOp.CallG && calleeOf(C(code[pc])) is { } callee && callee.ParamCount == B(code[pc]))
                yield return (pc, callee);
    }
}
