using System.Diagnostics;
using System.Text;
using Veld.Cli.Commands;
using Veld.Differential;
using Veld.Language;
using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.Cli.Repl;

/// <summary>
/// The state of one <c>veld repl</c>: the inputs accepted so far, the tier and the last run. Definitions
/// persist by replay: every input is run together with the accepted ones before it, on whatever tier is
/// current, so any tier works without a tier-specific session environment. Veld is deterministic, so the
/// replayed inputs print what they printed before; only the output after that point is shown. An input
/// that fails (compile or runtime error) is shown like <c>veld run</c> shows it and is not kept.
/// </summary>
public sealed class ReplSession(CliConsole console, CliServices services, TierRegistration tier, RunOptions limits)
{
    /// <summary>The file name errors are reported under; lines count from the session's first accepted input.</summary>
    public const string SourceName = "<repl>";

    private readonly StringBuilder _accepted = new();
    private readonly StringBuilder _pending = new();
    private int _shownOutputLength;
    private RunOutcome? _lastRun;
    private double _lastFrontEndMs;

    public TierRegistration Tier { get; set; } = tier;

    /// <summary>Whether an input is open (a block or bracket not yet closed): the next line continues it.</summary>
    public bool Continuing => _pending.Length > 0;

    /// <summary>The accepted program text, for <c>:disasm</c>.</summary>
    public string AcceptedText => _accepted.ToString();

    public RunOutcome? LastRun => _lastRun;
    public double LastFrontEndMs => _lastFrontEndMs;

    /// <summary>One line of input: run it, or keep it if it leaves a construct open.</summary>
    public void Submit(string line)
    {
        if (!Continuing && string.IsNullOrWhiteSpace(line)) return;
        _pending.Append(line).Append('\n');
        var candidate = new Source(SourceName, _accepted.ToString() + _pending);
        var clock = Stopwatch.StartNew();
        CompileResult compiled;
        try
        {
            compiled = FrontEnd.Compile(candidate, services.Compile);
        }
        catch (FrontEndCrashException e)
        {
            console.Error.WriteLine($"veld: internal error: {e.Message}");
            _pending.Clear();
            return;
        }
        _lastFrontEndMs = clock.Elapsed.TotalMilliseconds;
        if (!compiled.Success)
        {
            if (compiled.Diagnostics.Any(LeftOpen)) return; // wait for the rest of the block
            console.Error.Write(ErrorDisplay.Compile(candidate, compiled.Diagnostics));
            _pending.Clear();
            return;
        }
        _pending.Clear();
        Run(candidate, compiled.Program!);
    }

    /// <summary>Drop an unfinished input (the user pressed Ctrl-C in the middle of a block).</summary>
    public void CancelPending() => _pending.Clear();

    private void Run(Source candidate, CheckedProgram program)
    {
        var output = new StringWriter { NewLine = "\n" };
        var outcome = TierHost.Run(Tier.Create(), program, limits with { Output = output });
        _lastRun = outcome;
        var printed = output.ToString();
        // The replayed inputs print their old output first; only what comes after it is new.
        console.Out.Write(printed.Length >= _shownOutputLength ? printed[_shownOutputLength..] : printed);
        if (outcome.Kind == OutcomeKind.Success)
        {
            _accepted.Clear().Append(candidate.Text);
            _shownOutputLength = printed.Length;
            if (!outcome.Result.IsUnit) console.Out.Write(SafeDisplay.Show(outcome.Result) + "\n");
            console.Out.Flush();
            return;
        }
        console.Out.Flush();
        console.Error.Write(outcome.Kind switch
        {
            OutcomeKind.RuntimeError or OutcomeKind.LimitExceeded or OutcomeKind.CompileError => ErrorDisplay.Runtime(candidate, outcome.Error!),
            OutcomeKind.Unsupported => $"veld: the {outcome.Tier} tier does not support this program: {outcome.Error?.Message}\n",
            _ => $"veld: internal error in the {outcome.Tier} tier: {outcome.Error?.Message}\n",
        });
    }

    /// <summary>A parse error at the end of the text: the input is not wrong yet, only unfinished.</summary>
    private static bool LeftOpen(Diagnostic diagnostic) => diagnostic.Message.Contains("end of file", StringComparison.Ordinal);
}
