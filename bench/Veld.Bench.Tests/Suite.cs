using Veld.Differential;
using Veld.Bench;
using Veld.Runtime;

namespace Veld.Bench.Tests;

/// <summary>The benchmark programs of the repository and the tiers to check them on.</summary>
internal static class Suite
{
    public static string Directory { get; } =
        BenchmarkProgram.FindSuiteDirectory(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"no {BenchmarkProgram.DefaultDirectory} above {AppContext.BaseDirectory}");

    public static IReadOnlyList<BenchmarkProgram> Programs { get; } = BenchmarkProgram.Find([], Directory);

    public static BenchmarkProgram Program(string name) => Programs.Single(p => p.Name == name);

    /// <summary>Every tier the tools know: a tier added to the registry is checked here without a change.</summary>
    public static IReadOnlyList<TierRegistration> Tiers => TierRegistry.Default.All;

    public static ITier Tier(string name) =>
        TierRegistry.Default.Find(name)?.Create() ?? throw new ArgumentException($"no tier '{name}' registered");
}
