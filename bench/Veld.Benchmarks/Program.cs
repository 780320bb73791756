using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Veld.Benchmarks -- --filter '*'
//
// The global config is BenchmarkDotNet's default without its exporters, which VeldBenchmarkConfig names
// itself (a second copy of each would only draw a warning). Without --job on the command line the job is one
// launch, 3 warm-up and 10 measured iterations per case, which keeps the whole suite (programs x tiers)
// within tens of minutes; '--job short|medium|long|dry' replaces it.
var defaults = DefaultConfig.Instance;
IConfig config = ManualConfig.CreateEmpty()
    .AddLogger([.. defaults.GetLoggers()])
    .AddColumnProvider([.. defaults.GetColumnProviders()])
    .AddAnalyser([.. defaults.GetAnalysers()])
    .AddValidator([.. defaults.GetValidators()]);
bool jobGiven = args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
if (!jobGiven)
    config = config.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("veld"));
BenchmarkSwitcher.FromAssembly(typeof(Veld.Benchmarks.TierBenchmarks).Assembly).Run(args, config);
