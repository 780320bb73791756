using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.Fuzzing;

/// <summary>
/// One run of a program on a tier that cannot hang the fuzzer: a tier checks its limits at loop
/// back-edges and calls, and one still running <see cref="Grace"/> after its time limit ignored them,
/// which is reported as an internal error (a finding) while its thread is left behind.
/// </summary>
public static class GuardedRun
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static RunOutcome Run(ITier tier, CheckedProgram program, RunOptions options)
    {
        if (options.Timeout is not { } timeout) return TierHost.Run(tier, program, options);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(options.Cancellation);
        var guarded = options with { Cancellation = cancellation.Token };
        var run = Task.Factory.StartNew(() => TierHost.Run(tier, program, guarded), TaskCreationOptions.LongRunning);
        var patience = timeout + Grace;
        if (run.Wait(patience)) return run.Result;
        cancellation.Cancel();
        return new RunOutcome
        {
            Tier = tier.Name,
            Kind = OutcomeKind.InternalError,
            Stdout = "",
            Error = new RunError("Internal", $"still running {patience.TotalSeconds:0.#} s after it started although its time limit is {timeout.TotalSeconds:0.#} s: the tier does not check its limits", 0),
        };
    }
}
