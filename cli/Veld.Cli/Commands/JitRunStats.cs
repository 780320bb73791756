using Veld.Jit;
using Veld.Runtime;

namespace Veld.Cli.Commands;

/// <summary>
/// The <c>jit</c> object of <c>veld run --tier jit --stats</c>: functions compiled, their IL bytes and compile
/// time (emission: total, median and largest per function; .NET's compilation to machine code; what the VM's thread
/// paid for both; the type planning before them, total and largest, always on the VM's thread), background compilations installed and discarded, the functions that stayed interpreted with the reason, the
/// deoptimisations by reason, the entries compiled code has (and the VM's arrivals at loop headers without one, and the
/// recompilations those asked for), the longest a background compilation took from queued to installed, the functions handed
/// to the background thread and the compilations the VM's thread took back from it.
/// </summary>
public sealed record JitRunStats(
    int FunctionsCompiled,
    long IlBytes,
    double CompileMs,
    double CompileMsMedian,
    double CompileMsMax,
    double NativeCompileMs,
    double ForegroundCompileMs,
    double PlanMs,
    double PlanMsMax,
    int BackgroundCompilations,
    int BackgroundDiscarded,
    IReadOnlyList<string> Interpreted,
    int Deoptimizations,
    IReadOnlyDictionary<string, int> DeoptimizationReasons,
    IReadOnlyList<string> DeoptimizationSites,
    IReadOnlyList<string> CompiledPlans,
    int EntriesEmitted,
    long EntriesMissed,
    int EntryRecompilations,
    double QueuedToInstalledMsMax,
    IReadOnlyList<string> HandedToBackground,
    int TakenBack)
{
    public static JitRunStats? Of(ITier tier) => tier is JitTier { LastRun: { } run } ? From(run) : null;

    public static JitRunStats From(JitStatistics run) => new(
        run.FunctionsCompiled,
        run.IlBytes,
        Math.Round(run.CompileMs, 3),
        Math.Round(run.CompileMsMedian, 3),
        Math.Round(run.CompileMsMax, 3),
        Math.Round(run.NativeCompileMs, 3),
        Math.Round(run.ForegroundCompileMs, 3),
        Math.Round(run.PlanMs, 3),
        Math.Round(run.PlanMsMax, 3),
        run.BackgroundCompilations,
        run.BackgroundDiscarded,
        [.. run.Interpreted.Select(f => $"{f.Name} (line {f.Line}): {f.Reason}")],
        run.Deoptimizations.Count,
        run.Deoptimizations.GroupBy(d => d.Reason).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
        [.. run.Deoptimizations.Select(d => $"{d.Name} (line {d.Line}) pc {d.Pc}: {d.Reason}")],
        [.. run.Compiled.Select(c => $"{c.Name} (line {c.Line}) {c.IlBytes} IL: {c.Assumptions}")],
        run.EntriesEmitted,
        run.EntriesMissed,
        run.EntryRecompilations,
        Math.Round(run.QueuedToInstalledMs.DefaultIfEmpty(0).Max(), 3),
        run.HandedToBackground,
        run.TakenBack);
}
