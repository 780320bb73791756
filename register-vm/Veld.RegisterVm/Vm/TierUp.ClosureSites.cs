namespace Veld.RegisterVm;

/// <summary>
/// Which functions each CALL and CALLR site (a call of a closure in a register) has called, as the callees' heat reports
/// show it. Such a site names no function: the closure it calls is made at run time, often anew each time (closures'
/// `twice` and `counter`), while its proto stays the same. A compiled caller links the site to the direct entries of
/// the protos recorded here, guarded by the proto (<c>RegisterMachine.DirectCallee</c>), and the JIT's cost model counts
/// them as the caller's callees. Recorded at a callee's frame start when the dispatch loop reports it (every call of the
/// first <see cref="ReportedCallsFirst"/>, then one per window), so a site's record is a sample; a site keeps the first
/// <see cref="MostClosureProtos"/> protos it is seen to call.
/// </summary>
internal abstract partial class TierUp
{
    /// <summary>The most protos recorded per site (a site calling more stays linked to the first ones).</summary>
    public const int MostClosureProtos = 4;

    /// <summary>Per caller proto: per call pc, the protos its closures were seen to have.</summary>
    private readonly Dictionary<int, List<FunctionProto>>?[] _closureSites = new Dictionary<int, List<FunctionProto>>?[protoCount];

    /// <summary>Record that the top frame, of <paramref name="callee"/>, was pushed by a CALL or CALLR of its caller.</summary>
    private void RecordClosureCall(FunctionProto callee)
    {
        if (Machine?.ClosureCallSiteOfTop(out int pc) is not { } caller) return;
        var sites = _closureSites[caller.Id] ??= [];
        if (!sites.TryGetValue(pc, out var protos)) sites[pc] = protos = [];
        if (protos.Count < MostClosureProtos && !protos.Contains(callee)) protos.Add(callee);
    }

    /// <summary>The protos the CALL or CALLR at <paramref name="pc"/> of <paramref name="caller"/> was seen to call, first seen first.</summary>
    public IReadOnlyList<FunctionProto> ClosureCallees(FunctionProto caller, int pc) =>
        _closureSites[caller.Id] is { } sites && sites.TryGetValue(pc, out var protos) ? protos : [];
}
