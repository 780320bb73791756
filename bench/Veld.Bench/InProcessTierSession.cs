using Veld.Language;
using Veld.Runtime;

namespace Veld.Bench;

/// <summary>A tier measured in this process: the front end and the tier's compiler once per program, then
/// <see cref="TierHost.Execute"/> per run with the heap collected before it. Call from a
/// <see cref="LargeStack"/> thread, as the runner and the worker do.</summary>
public sealed class InProcessTierSession(ITier tier, BenchmarkOptions options, Func<Source, CompileResult> compile) : ITierSession
{
    private IExecutable? _executable;
    private RunOptions? _runOptions;
    private double _compileMs;

    public string Name => tier.Name;

    public string? Prepare(string path, string text, IReadOnlyList<string> args)
    {
        _executable = null;
        Language.Syntax.CheckedProgram program;
        try
        {
            var compiled = compile(new Source(path, text));
            if (!compiled.Success)
            {
                var d = compiled.Diagnostics[0];
                return $"compile error at {d.Pos.Line}:{d.Pos.Column}: {d.Message}";
            }
            program = compiled.Program!;
        }
        catch (Exception e)
        {
            return $"front end crashed: {e.Message}";
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            _executable = tier.Compile(program);
        }
        catch (TierUnsupportedException e)
        {
            return $"unsupported: {e.Message}";
        }
        catch (Exception e)
        {
            return $"compiler crashed: {e.Message}";
        }
        _compileMs = clock.Elapsed.TotalMilliseconds;
        _runOptions = options.RunOptionsFor(args);
        return null;
    }

    public TierRun RunOnce()
    {
        if (_executable is null || _runOptions is null) throw new InvalidOperationException("RunOnce before a successful Prepare");
        SettleHeap();
        var outcome = TierHost.Execute(tier.Name, _executable, _runOptions, _compileMs);
        if (outcome.Kind != OutcomeKind.Success)
        {
            var error = outcome.Error;
            var where = error is { Line: > 0 } ? $" at line {error.Line}" : "";
            return new TierRun(outcome.Stdout, null, $"{outcome.Kind}: {error?.Kind}: {error?.Message}{where}");
        }
        var m = outcome.Metrics;
        return new TierRun(outcome.Stdout, new RunSample(m.RunMs, m.AllocatedBytes, m.Instructions), null);
    }

    /// <summary>Collects the previous run's garbage before the next run starts, so that no run pays for another's.</summary>
    internal static void SettleHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public void Dispose() { }
}
