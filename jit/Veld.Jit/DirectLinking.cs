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
    /// <paramref name="entryOf"/>: a current direct entry of another function, made on demand (null: none).</summary>
    public static CompiledFunction? Compile(FunctionProto proto, TypePlan plan, int generation, bool stress, JitStatistics stats,
        Func<int, FunctionProto?> calleeOf, Func<int, FunctionProto?> methodOf, Func<FunctionProto, DirectEntry?> entryOf,
        out DirectEntry? self, StringBuilder? listing = null)
    {
        var calls = new Dictionary<int, DirectEntry>();
        self = null;
        var selfSites = new List<int>();
        foreach (var (pc, callee) in Calls(proto, calleeOf, methodOf))
        {
            if (callee == proto) selfSites.Add(pc);
            else if (entryOf(callee) is { } entry) calls[pc] = entry;
        }
        if (selfSites.Count > 0)
        {
            var entry = DirectEntry.Create(proto, generation, plan, FramelessBodies.Allow(proto, pc => selfSites.Contains(pc) || calls.TryGetValue(pc, out var e) && e.Frameless));
            foreach (int pc in selfSites) calls[pc] = entry;
            var directListing = listing is null ? null : new StringBuilder();
            if (Compilation.CompileDirect(plan, stress, stats, new DirectLinks(entry, calls), directListing))
            {
                self = entry;
                listing?.AppendLine(entry.Frameless ? "  direct entry (calls from compiled code; no frame):" : "  direct entry (calls from compiled code):").Append(directListing).AppendLine("  frame entry:");
            }
            else
                foreach (int pc in selfSites) calls.Remove(pc);
        }
        return Compilation.Compile(proto, plan, stress, stats, new DirectLinks(null, calls), listing);
    }

    /// <summary>The direct entry of <paramref name="proto"/>, already compiled with <paramref name="plan"/>, when a caller
    /// asks for it: calls to itself and to <paramref name="entryOf"/>'s entries linked. Null when over budget.</summary>
    public static DirectEntry? CompileEntry(FunctionProto proto, TypePlan plan, int generation, bool stress, JitStatistics stats,
        Func<int, FunctionProto?> calleeOf, Func<int, FunctionProto?> methodOf, Func<FunctionProto, DirectEntry?> entryOf)
    {
        var others = new Dictionary<int, DirectEntry>();
        var selfSites = new List<int>();
        foreach (var (pc, callee) in Calls(proto, calleeOf, methodOf))
            if (callee == proto) selfSites.Add(pc);
            else if (entryOf(callee) is { } other) others[pc] = other;
        var entry = DirectEntry.Create(proto, generation, plan, FramelessBodies.Allow(proto, pc => selfSites.Contains(pc) || others.TryGetValue(pc, out var e) && e.Frameless));
        var calls = new Dictionary<int, DirectEntry>(others);
        foreach (int pc in selfSites) calls[pc] = entry;
        return Compilation.CompileDirect(plan, stress, stats, new DirectLinks(entry, calls)) ? entry : null;
    }

    /// <summary>The sites a direct entry can serve: <see cref="GlobalCalls"/> and <see cref="MethodCalls"/>.</summary>
    private static IEnumerable<(int Pc, FunctionProto Callee)> Calls(FunctionProto proto, Func<int, FunctionProto?> calleeOf, Func<int, FunctionProto?> methodOf) =>
        GlobalCalls(proto, calleeOf).Concat(MethodCalls(proto, methodOf));

    /// <summary>Each METHODCALL (not in tail position) whose inline cache holds one impl method, a Veld function taking
    /// self and as many arguments as the site passes. <paramref name="methodOf"/>: the method the cache of a call site
    /// constant holds for its one type (null: none yet, several types, or a field).</summary>
    public static IEnumerable<(int Pc, FunctionProto Callee)> MethodCalls(FunctionProto proto, Func<int, FunctionProto?> methodOf)
    {
        var code = proto.Code;
        for (int pc = 0; pc < code.Length; pc++)
        {
            if (Op(code[pc]) != VmOp.MethodCall) continue;
            int next = pc + 1;
            int site = Instruction.ConstantIndex(code, ref next, C(code[pc]));
            if (proto.Constants[site].AsObject is not Runtime.VeldTuple { Items: [_, var count] } || !count.IsInt) continue;
            if (methodOf(site) is { } method && method.ParamCount == count.AsInt + 1) yield return (pc, method);
        }
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
