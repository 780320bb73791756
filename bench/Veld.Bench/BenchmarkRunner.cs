using Veld.Language;
using Veld.Runtime;

using Veld.Differential;

namespace Veld.Bench;

/// <summary>
/// Measures benchmark programs on several tiers in one process, the way ratios between tiers stay honest:
/// each program is compiled once per tier; then every round runs it once on each tier in turn
/// (round-robin), so that drift (thermal, other processes, the host JIT) hits every tier alike; the first
/// <see cref="BenchmarkOptions.Warmup"/> rounds are not measured. Every run must succeed, print no FAIL
/// line and print what the first tier printed; a tier that fails is reported and not timed further.
/// Everything runs on one thread with <see cref="LargeStack.StackBytes"/> of stack.
/// </summary>
public sealed class BenchmarkRunner
{
    private readonly IReadOnlyList<ITier> _tiers;
    private readonly BenchmarkOptions _options;
    private readonly Func<Source, CompileResult> _compile;

    public BenchmarkRunner(IReadOnlyList<ITier> tiers, BenchmarkOptions options, Func<Source, CompileResult>? compile = null)
    {
        if (tiers.Count == 0) throw new ArgumentException("benchmarking needs at least one tier", nameof(tiers));
        var duplicate = tiers.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"tier '{duplicate.Key}' given twice", nameof(tiers));
        options.Validate();
        _tiers = tiers;
        _options = options;
        _compile = compile ?? VeldCompiler.Compile;
    }

    public BenchmarkReport Run(IReadOnlyList<BenchmarkProgram> programs, Action<BenchmarkProgress>? progress = null) =>
        LargeStack.Run("veld-bench", () => RunOnThisThread(programs, progress ?? (_ => { })));

    private BenchmarkReport RunOnThisThread(IReadOnlyList<BenchmarkProgram> programs, Action<BenchmarkProgress> progress)
    {
        var lua = _options.Lua;
        var notes = new List<string>();
        if (_options.LuaUnavailableReason is { } reason) notes.Add(reason);
        double? luaStartup = lua?.StartupMs();

        int participantsTotal = programs.Sum(p => _tiers.Count + (lua is not null && p.LuaPath is not null ? 1 : 0));
        var counter = new RunCounter(participantsTotal * _options.Rounds);
        var results = new List<ProgramMeasurement>();
        for (int i = 0; i < programs.Count; i++)
        {
            _options.Cancellation.ThrowIfCancellationRequested();
            var program = programs[i];
            if (lua is not null && program.LuaPath is null) notes.Add($"{program.Name}: no Lua twin (lua/{program.Name}.lua), so no Lua time.");
            results.Add(MeasureProgram(program, i, programs.Count, lua, counter, progress));
        }

        var tierNames = _tiers.Select(t => t.Name).ToList();
        if (lua is not null) tierNames.Add(LuaBaseline.TierName);
        return new BenchmarkReport(BenchmarkEnvironment.Current(), _options.Warmup, _options.Iterations, tierNames, results,
            lua?.Version, luaStartup, notes);
    }

    private ProgramMeasurement MeasureProgram(
        BenchmarkProgram program, int index, int count, LuaBaseline? lua, RunCounter counter, Action<BenchmarkProgress> progress)
    {
        var args = _options.Size.ArgsFor(program);
        var participants = Prepare(program, args, lua);
        string? referenceStdout = null;
        string? referenceTier = null;

        for (int round = 0; round < _options.Rounds; round++)
        {
            foreach (var p in participants)
            {
                _options.Cancellation.ThrowIfCancellationRequested();
                if (p.Failure is not null)
                {
                    counter.Done++; // skipped: keeps the progress total honest
                    continue;
                }
                progress(new BenchmarkProgress(program.Name, index, count, p.Name, round, _options.Warmup, _options.Iterations, counter.Done, counter.Total));
                var run = p.RunOnce();
                counter.Done++;
                if (run.Failure is null && run.Stdout.Contains("FAIL", StringComparison.Ordinal))
                    run = run with { Failure = $"the program reported a failure: {FirstLine(run.Stdout)}" };
                if (run.Failure is null && referenceStdout is not null && run.Stdout != referenceStdout)
                    run = run with { Failure = $"printed {Quote(run.Stdout)} but {referenceTier} printed {Quote(referenceStdout)}" };
                if (run.Failure is not null)
                {
                    // A tier that fails once is not timed at all: its earlier times would describe a broken run.
                    p.Failure = $"{(round < _options.Warmup ? "warm-up" : "run")} {RoundNumber(round)}: {run.Failure}";
                    p.Samples.Clear();
                    continue;
                }
                if (referenceStdout is null)
                {
                    referenceStdout = run.Stdout;
                    referenceTier = p.Name;
                }
                if (round >= _options.Warmup) p.Samples.Add(run.Sample!);
            }
        }
        return new ProgramMeasurement(program.Name, _options.Size.LabelFor(program),
            [.. participants.Select(p => new TierMeasurement(p.Name, p.Samples, p.Failure))]);
    }

    private string RoundNumber(int round) => round < _options.Warmup
        ? $"{round + 1}/{_options.Warmup}"
        : $"{round - _options.Warmup + 1}/{_options.Iterations}";

    /// <summary>Front end once, then each tier's compile once; failures become the participant's failure.</summary>
    private List<Participant> Prepare(BenchmarkProgram program, IReadOnlyList<string> args, LuaBaseline? lua)
    {
        var runOptions = new RunOptions
        {
            Args = args,
            MaxCallDepth = _options.MaxCallDepth,
            JitThreshold = _options.JitThreshold,
            JitStress = _options.JitStress,
            JitBackground = _options.JitBackground,
            MaxMemory = _options.MaxMemory,
            Timeout = _options.RunTimeout,
            Cancellation = _options.Cancellation,
        };
        string? frontEndFailure = null;
        Language.Syntax.CheckedProgram? checkedProgram = null;
        try
        {
            var compiled = _compile(new Source(program.Path, program.Text));
            if (compiled.Success) checkedProgram = compiled.Program;
            else
            {
                var d = compiled.Diagnostics[0];
                frontEndFailure = $"compile error at {d.Pos.Line}:{d.Pos.Column}: {d.Message}";
            }
        }
        catch (Exception e)
        {
            frontEndFailure = $"front end crashed: {e.Message}";
        }

        var participants = new List<Participant>();
        foreach (var tier in _tiers)
        {
            if (checkedProgram is null)
            {
                participants.Add(Participant.Failed(tier.Name, frontEndFailure!));
                continue;
            }
            participants.Add(CompileOnTier(tier, checkedProgram, runOptions));
        }
        if (lua is not null && program.LuaPath is { } luaPath)
            participants.Add(new Participant(LuaBaseline.TierName, () => RunLua(lua, luaPath, args)));
        return participants;
    }

    private Participant CompileOnTier(ITier tier, Language.Syntax.CheckedProgram program, RunOptions runOptions)
    {
        IExecutable executable;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            executable = tier.Compile(program);
        }
        catch (TierUnsupportedException e)
        {
            return Participant.Failed(tier.Name, $"unsupported: {e.Message}");
        }
        catch (Exception e)
        {
            return Participant.Failed(tier.Name, $"compiler crashed: {e.Message}");
        }
        double compileMs = clock.Elapsed.TotalMilliseconds;
        return new Participant(tier.Name, () => RunTier(tier.Name, executable, runOptions, compileMs));
    }

    private static RunResult RunTier(string tierName, IExecutable executable, RunOptions runOptions, double compileMs)
    {
        SettleHeap();
        var outcome = TierHost.Execute(tierName, executable, runOptions, compileMs);
        if (outcome.Kind != OutcomeKind.Success)
        {
            var error = outcome.Error;
            var where = error is { Line: > 0 } ? $" at line {error.Line}" : "";
            return new RunResult(outcome.Stdout, null, $"{outcome.Kind}: {error?.Kind}: {error?.Message}{where}");
        }
        var m = outcome.Metrics;
        return new RunResult(outcome.Stdout, new RunSample(m.RunMs, m.AllocatedBytes, m.Instructions), null);
    }

    private RunResult RunLua(LuaBaseline lua, string luaPath, IReadOnlyList<string> args)
    {
        SettleHeap();
        var run = lua.Run(luaPath, args, _options.RunTimeout);
        if (run.TimedOut) return new RunResult(run.Stdout, null, $"timed out after {_options.RunTimeout.TotalSeconds:0} s");
        if (run.ExitCode != 0) return new RunResult(run.Stdout, null, $"lua exited with {run.ExitCode}: {FirstLine(run.Stderr)}");
        return new RunResult(run.Stdout, new RunSample(run.ElapsedMs, null, null), null);
    }

    /// <summary>Collects the previous run's garbage before the next run starts, so that no run pays for another's.</summary>
    private static void SettleHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string FirstLine(string text)
    {
        var trimmed = text.TrimStart();
        int newline = trimmed.IndexOf('\n');
        return (newline < 0 ? trimmed : trimmed[..newline]).TrimEnd();
    }

    private static string Quote(string text) => text.Length <= 120
        ? "\"" + text.TrimEnd('\n').Replace("\n", "\\n") + "\""
        : "\"" + text[..117].Replace("\n", "\\n") + "...\"";

    /// <summary>A tier or the Lua baseline taking part in one program's rounds.</summary>
    private sealed class Participant(string name, Func<RunResult> runOnce)
    {
        public string Name { get; } = name;
        public Func<RunResult> RunOnce { get; } = runOnce;
        public List<RunSample> Samples { get; } = [];
        public string? Failure { get; set; }

        /// <summary>A participant that failed before its first run (compile error, unsupported construct).</summary>
        public static Participant Failed(string name, string failure) =>
            new(name, () => throw new InvalidOperationException("a failed participant is never run")) { Failure = failure };
    }

    private readonly record struct RunResult(string Stdout, RunSample? Sample, string? Failure);

    private sealed class RunCounter(int total)
    {
        public int Total { get; } = total;
        public int Done { get; set; }
    }
}
