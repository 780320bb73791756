using Veld.Language;
using Veld.Runtime;

using Veld.Differential;

namespace Veld.Bench;

/// <summary>
/// Measures benchmark programs on several tiers, the way ratios between tiers stay honest: each program is
/// compiled once per tier; then every round runs it once on each tier in turn (round-robin), so that drift
/// (thermal, other processes) hits every tier alike; the first <see cref="BenchmarkOptions.Warmup"/> rounds
/// are not measured. Each tier runs in a session of its own, in this process or in a worker process
/// (<see cref="BenchmarkOptions.Isolation"/>). Every run must succeed, print no FAIL line and print what the
/// first tier printed; a tier that fails is reported and not timed further. Everything in this process runs
/// on one thread with <see cref="LargeStack.StackBytes"/> of stack.
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
        var sessions = _tiers.Select(OpenSession).ToList();
        try
        {
            for (int i = 0; i < programs.Count; i++)
            {
                _options.Cancellation.ThrowIfCancellationRequested();
                var program = programs[i];
                if (lua is not null && program.LuaPath is null) notes.Add($"{program.Name}: no Lua twin (lua/{program.Name}.lua), so no Lua time.");
                results.Add(MeasureProgram(program, i, programs.Count, sessions, lua, counter, progress));
            }
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }

        var tierNames = _tiers.Select(t => t.Name).ToList();
        if (lua is not null) tierNames.Add(LuaBaseline.TierName);
        return new BenchmarkReport(BenchmarkEnvironment.Current(), _options.Warmup, _options.Iterations, tierNames, results,
            lua?.Version, luaStartup, notes) { Isolation = _options.Isolation };
    }

    private ProgramMeasurement MeasureProgram(
        BenchmarkProgram program, int index, int count, IReadOnlyList<ITierSession> sessions, LuaBaseline? lua,
        RunCounter counter, Action<BenchmarkProgress> progress)
    {
        var args = _options.Size.ArgsFor(program);
        var participants = Prepare(program, args, sessions, lua);
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

    /// <summary>Each tier's session compiles the program (front end, then the tier); a failure becomes the
    /// participant's failure.</summary>
    private List<Participant> Prepare(BenchmarkProgram program, IReadOnlyList<string> args, IReadOnlyList<ITierSession> sessions, LuaBaseline? lua)
    {
        var participants = new List<Participant>();
        foreach (var session in sessions)
        {
            var failure = session.Prepare(program.Path, program.Text, args);
            participants.Add(failure is null ? new Participant(session.Name, session.RunOnce) : Participant.Failed(session.Name, failure));
        }
        if (lua is not null && program.LuaPath is { } luaPath)
            participants.Add(new Participant(LuaBaseline.TierName, () => RunLua(lua, luaPath, args)));
        return participants;
    }

    private ITierSession OpenSession(ITier tier) => _options.Isolation == BenchmarkIsolation.WorkerProcess
        ? new WorkerTierSession(tier.Name, _options.StartWorker!, _options)
        : new InProcessTierSession(tier, _options, _compile);

    private TierRun RunLua(LuaBaseline lua, string luaPath, IReadOnlyList<string> args)
    {
        InProcessTierSession.SettleHeap();
        var run = lua.Run(luaPath, args, _options.RunTimeout);
        if (run.TimedOut) return new TierRun(run.Stdout, null, $"timed out after {_options.RunTimeout.TotalSeconds:0} s");
        if (run.ExitCode != 0) return new TierRun(run.Stdout, null, $"lua exited with {run.ExitCode}: {FirstLine(run.Stderr)}");
        return new TierRun(run.Stdout, new RunSample(run.ElapsedMs, null, null), null);
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
    private sealed class Participant(string name, Func<TierRun> runOnce)
    {
        public string Name { get; } = name;
        public Func<TierRun> RunOnce { get; } = runOnce;
        public List<RunSample> Samples { get; } = [];
        public string? Failure { get; set; }

        /// <summary>A participant that failed before its first run (compile error, unsupported construct).</summary>
        public static Participant Failed(string name, string failure) =>
            new(name, () => throw new InvalidOperationException("a failed participant is never run")) { Failure = failure };
    }

    private sealed class RunCounter(int total)
    {
        public int Total { get; } = total;
        public int Done { get; set; }
    }
}
