using BenchmarkDotNet.Attributes;
using Veld.Differential;
using Veld.Bench;
using Veld.Language;
using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.Benchmarks;

/// <summary>
/// The programs of <c>corpus/bench</c> on each tier, at the size <c>veld bench</c> uses (their
/// <c># bench-size</c>; set VELD_BENCH_SIZE to a number or to "default" to change it, and
/// VELD_BENCH_PROGRAMS=fib,richards to choose programs). The tiers are the registry's, as a parameter,
/// so a registered tier is measured with no edit here (<c>veld bench</c> gives the speedups between them).
/// Each program is compiled once per tier in <see cref="Setup"/>; a benchmark invocation is one run of
/// the compiled program, checked to succeed (the programs verify their own results).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(VeldBenchmarkConfig))]
public class TierBenchmarks
{
    [ParamsSource(nameof(TierNames))]
    public string Tier { get; set; } = "";

    [ParamsSource(nameof(ProgramNames))]
    public string Program { get; set; } = "";

    /// <summary>Every registered tier.</summary>
    public static IEnumerable<string> TierNames() => TierRegistry.Default.Names;

    /// <summary>Every program of the suite, or those VELD_BENCH_PROGRAMS names (comma-separated): BenchmarkDotNet's
    /// --filter selects methods, not parameter values.</summary>
    public static IEnumerable<string> ProgramNames()
    {
        var chosen = Environment.GetEnvironmentVariable("VELD_BENCH_PROGRAMS") is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        return BenchmarkProgram.Find(chosen, SuiteDirectory()).Select(p => p.Name);
    }

    private IExecutable? _executable;
    private RunOptions _options = new();
    private LargeStackWorker? _worker;

    [GlobalSetup]
    public void Setup()
    {
        var program = BenchmarkProgram.Find([Program], SuiteDirectory()).Single();
        _options = new RunOptions { Args = SizeFromEnvironment().ArgsFor(program) };
        _worker = new LargeStackWorker();
        var compiled = _worker.Run(() => VeldCompiler.Compile(new Source(program.Path, program.Text)));
        if (!compiled.Success)
            throw new InvalidOperationException($"{program.Path}: {string.Join("; ", compiled.Diagnostics.Select(d => $"{d.Pos.Line}:{d.Pos.Column}: {d.Message}"))}");
        var tier = TierRegistry.Default.Find(Tier) ?? throw new InvalidOperationException($"tier '{Tier}' is not registered");
        _executable = _worker.Run(() => TryCompile(tier.Create(), compiled.Program!));
    }

    [GlobalCleanup]
    public void Cleanup() => _worker?.Dispose();

    [Benchmark]
    public RunOutcome RunProgram()
    {
        var executable = _executable ?? throw new InvalidOperationException($"tier '{Tier}' cannot compile {Program}");
        var outcome = _worker!.Run(() => TierHost.Execute(Tier, executable, _options, compileMs: null));
        if (outcome.Kind != OutcomeKind.Success)
            throw new InvalidOperationException($"{Program} on {Tier}: {outcome.Kind}: {outcome.Error?.Kind}: {outcome.Error?.Message} (line {outcome.Error?.Line})");
        return outcome;
    }

    private static IExecutable? TryCompile(ITier tier, CheckedProgram program)
    {
        try { return tier.Compile(program); }
        catch (TierUnsupportedException) { return null; }
    }

    private static BenchmarkSize SizeFromEnvironment() =>
        Environment.GetEnvironmentVariable("VELD_BENCH_SIZE") is { Length: > 0 } text
            ? BenchmarkSize.Parse(text) ?? throw new InvalidOperationException($"VELD_BENCH_SIZE must be a positive number or 'default', not '{text}'")
            : BenchmarkSize.Bench;

    /// <summary>BenchmarkDotNet runs the benchmarks from a generated project below this one's bin folder,
    /// so the suite is found by walking up from there (or from the working directory).</summary>
    private static string SuiteDirectory() =>
        BenchmarkProgram.FindSuiteDirectory(AppContext.BaseDirectory)
        ?? BenchmarkProgram.FindSuiteDirectory(Directory.GetCurrentDirectory())
        ?? throw new DirectoryNotFoundException($"no {BenchmarkProgram.DefaultDirectory} above {AppContext.BaseDirectory} or the working directory");
}
