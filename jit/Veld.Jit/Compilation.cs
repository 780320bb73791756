using System.Diagnostics;
using System.Reflection.Emit;
using System.Text;
using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>
/// One function from bytecode to a callable <see cref="CompiledFunction"/>, within the size budget. The
/// budget sits below the limits past which .NET's JIT stops optimising a method (about 60,000 IL bytes,
/// 2,000 basic blocks, 1,000 locals): a function that would be compiled badly stays interpreted. With
/// <c>nativeNow</c> (a background compilation) the method is compiled to machine code here too (<see cref="NativeCode"/>),
/// so the background thread pays for all of it and its first call costs nothing more. On the VM's thread it is left to
/// .NET to compile at its first call: a method that is never called (a function's frame entry when compiled code calls
/// only its direct entry, a direct entry of a site that never runs) then costs its emission only, and .NET's
/// compilation of the emitted IL is most of a compilation's cost (section 18 of docs/PERFORMANCE.md).
/// </summary>
internal static class Compilation
{
    public const int MaxIlBytes = 50_000;
    /// <summary>Labels marked is an upper bound of the basic blocks the IL's branches start.</summary>
    public const int MaxBlocks = 1_500;

    /// <summary>
    /// Set (on the VM's thread) around a compilation whose .NET compile may go to the background thread: each method
    /// emitted here, the function's and its direct entries', is added to it, to be compiled there with
    /// <see cref="NativeCode.Prepare"/> before the code is installed. Thread-static: the emission is reached through
    /// <see cref="DirectLinking"/>, which need not know.
    /// </summary>
    [ThreadStatic] internal static List<DynamicMethod>? Emitted;

    private static readonly Type[] Parameters = [typeof(RegisterMachine), typeof(int), typeof(int), typeof(int), typeof(int)];

    /// <summary>Compiled code for <paramref name="proto"/>, or null (recorded in <paramref name="stats"/>) when over budget;
    /// entered at pc 0, after its calls, at its catch handlers and at the loop headers <paramref name="loopEntries"/> names
    /// (null: every one).</summary>
    public static CompiledFunction? Compile(FunctionProto proto, TypePlan plan, bool stress, bool nativeNow, JitStatistics stats, DirectLinks links,
        StringBuilder? listing = null, IReadOnlySet<int>? loopEntries = null)
    {
        var clock = Stopwatch.StartNew();
        // Owned by the VM's module with visibility checks skipped: the IL calls the VM's internal helpers.
        var method = new DynamicMethod($"veld_{proto.Name}_{proto.Line}", typeof(int), Parameters, typeof(RegisterMachine).Module, skipVisibility: true);
        var size = FunctionEmitter.Emit(proto, plan, stress, method, listing, links, loopEntries);
        if (Refusal(size) is { } refusal)
        {
            stats.AddInterpreted(proto, refusal);
            return null;
        }
        var code = method.CreateDelegate<CompiledFunction>();
        Emitted?.Add(method);
        double emitMs = clock.Elapsed.TotalMilliseconds;
        stats.AddCompiled(proto, size.IlBytes, emitMs, nativeNow ? NativeCode.Prepare(method) : 0, plan.Describe(), size.Entries);
        return code;
    }

    /// <summary>Emit <paramref name="links"/>' direct entry (see <see cref="DirectEntry"/>); false when over budget.</summary>
    public static bool CompileDirect(TypePlan plan, bool stress, bool nativeNow, JitStatistics stats, DirectLinks links, StringBuilder? listing = null)
    {
        var clock = Stopwatch.StartNew();
        var entry = links.Self!;
        var size = FunctionEmitter.Emit(entry.Proto, plan, stress, entry.Method, listing, links);
        if (Refusal(size) is not null) return false;
        Emitted?.Add(entry.Method);
        double emitMs = clock.Elapsed.TotalMilliseconds;
        stats.AddDirectEntry(entry.Proto, size.IlBytes, emitMs, nativeNow ? NativeCode.Prepare(entry.Method) : 0, plan.Describe());
        return true;
    }

    private static string? Refusal(FunctionEmitter.Size size) =>
        size.IlBytes > MaxIlBytes ? $"{size.IlBytes} IL bytes, over the budget of {MaxIlBytes}" :
        size.Blocks > MaxBlocks ? $"{size.Blocks} basic blocks, over the budget of {MaxBlocks}" :
        null;
}
