using Veld.Language;
using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.Differential;

/// <summary>
/// The differential harness: runs every program on every selected tier and reports where a tier misses
/// an expectation or disagrees with the oracle (the first selected tier). Each program is compiled once
/// by the front end and run on each tier in turn through <see cref="TierHost"/>; programs run in
/// parallel, and the report lists them in path order whatever order they finished in.
/// </summary>
public sealed class DiffRunner
{
    private readonly IReadOnlyList<TierRegistration> _tiers;
    private readonly DiffOptions _options;
    private readonly Func<Source, CompileResult> _compile;

    /// <param name="compile">The front end; <see cref="VeldCompiler.Compile"/> unless a test replaces it.</param>
    public DiffRunner(IReadOnlyList<TierRegistration> tiers, DiffOptions? options = null, Func<Source, CompileResult>? compile = null)
    {
        if (tiers.Count == 0) throw new ArgumentException("select at least one tier", nameof(tiers));
        _tiers = tiers;
        _options = options ?? new DiffOptions();
        _compile = compile ?? VeldCompiler.Compile;
    }

    /// <summary>Run the programs under <paramref name="paths"/> (see <see cref="CorpusFiles.Find"/>).</summary>
    /// <param name="onProgramDone">Called from worker threads as each program finishes (for progress display).</param>
    public DiffReport Run(IEnumerable<string> paths, Action<ProgramReport>? onProgramDone = null) =>
        RunFiles(CorpusFiles.Find(paths), onProgramDone);

    public DiffReport RunFiles(IReadOnlyList<string> files, Action<ProgramReport>? onProgramDone = null)
    {
        var reports = new ProgramReport[files.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism) };
        Parallel.For(0, files.Count, parallel, i =>
        {
            reports[i] = RunProgram(LoadOrExplain(files[i]));
            onProgramDone?.Invoke(reports[i]);
        });
        return new DiffReport(_tiers.Select(t => t.Name).ToList(), reports);
    }

    /// <summary>Compile one program once and run it on every selected tier.</summary>
    public ProgramReport RunProgram(CorpusProgram program)
    {
        IReadOnlyList<Diagnostic> diagnostics = [];
        CheckedProgram? compiled = null;
        string? frontEndCrash = null;
        try
        {
            var result = FrontEnd.Compile(program.Source, _compile);
            diagnostics = result.Diagnostics;
            compiled = result.Success ? result.Program : null;
            if (compiled is null && diagnostics.Count == 0) frontEndCrash = "front end returned neither a program nor a diagnostic";
        }
        catch (FrontEndCrashException e)
        {
            frontEndCrash = e.Message;
        }

        var outcomes = _tiers.Select(tier =>
            frontEndCrash is not null ? Internal(tier.Name, frontEndCrash)
            : compiled is null ? TierHost.CompileErrorOutcome(tier.Name, diagnostics[0])
            : RunGuarded(tier, compiled, program.Fuel)).ToList();
        return ProgramJudge.Judge(program, diagnostics, outcomes);
    }

    /// <summary>One run with a watchdog: a tier that keeps running well past its time limit has stopped
    /// checking its limits; the harness stops waiting and reports it instead of hanging.</summary>
    /// <param name="programFuel">The fuel the program declares (<c># fuel: N</c>), which replaces the harness's.</param>
    private RunOutcome RunGuarded(TierRegistration registration, CheckedProgram program, long? programFuel)
    {
        using var cancellation = new CancellationTokenSource();
        var runOptions = new RunOptions
        {
            Timeout = _options.Timeout,
            Fuel = programFuel ?? _options.Fuel,
            MaxCallDepth = _options.MaxCallDepth,
            JitThreshold = _options.JitThreshold,
            JitStress = _options.JitStress,
            JitBackground = _options.JitBackground,
            JitBackgroundIlBytes = _options.JitBackgroundIlBytes,
            MaxMemory = _options.MaxMemory,
            Cancellation = cancellation.Token,
        };
        var run = Task.Factory.StartNew(() =>
        {
            ITier tier;
            try { tier = registration.Create(); }
            catch (Exception e) { return Internal(registration.Name, $"creating the tier failed: {e}"); }
            return TierHost.Run(tier, program, runOptions);
        }, TaskCreationOptions.LongRunning);

        var patience = _options.Timeout + _options.HangGrace;
        if (run.Wait(patience)) return run.Result;
        cancellation.Cancel();
        return Internal(registration.Name,
            $"still running {patience.TotalSeconds:0.#} s after it started although its time limit is {_options.Timeout.TotalSeconds:0.#} s: the tier does not check its limits (fuel, time, cancellation)");
    }

    private static CorpusProgram LoadOrExplain(string path)
    {
        try
        {
            return CorpusFiles.Load(path);
        }
        catch (IOException e)
        {
            return new CorpusProgram
            {
                Path = path,
                Source = new Source(path, ""),
                Problems = [new ExpectationProblem(0, $"cannot read the file: {e.Message}")],
            };
        }
    }

    private static RunOutcome Internal(string tier, string message) => new()
    {
        Tier = tier,
        Kind = OutcomeKind.InternalError,
        Stdout = "",
        Error = new RunError("Internal", message, 0),
    };
}
