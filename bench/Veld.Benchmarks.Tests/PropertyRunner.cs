using FsCheck;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Veld.Benchmarks.Tests;

/// <summary>
/// Runs an FsCheck property from a plain xunit fact with a known seed: a fresh one per run, written to the
/// test output and into the failure message, or the one in VELD_PROPERTY_SEED ("seed,gamma") to replay.
/// </summary>
internal static class PropertyRunner
{
    public const string SeedVariable = "VELD_PROPERTY_SEED";

    public static void Check(ITestOutputHelper output, string name, Property property, int maxTest = 500)
    {
        var (seed, gamma) = Seed();
        output.WriteLine($"{name}: {SeedVariable}={seed},{gamma}");
        var config = Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, gamma), FSharpOption<int>.None)));
        try
        {
            FsCheck.Check.One(name, config, property);
        }
        catch (Exception e)
        {
            throw new XunitException($"property '{name}' failed; replay with {SeedVariable}={seed},{gamma}\n{e.Message}");
        }
    }

    private static (ulong Seed, ulong Gamma) Seed()
    {
        if (Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text)
        {
            var parts = text.Split(',');
            return (ulong.Parse(parts[0]), ulong.Parse(parts[1]));
        }
        return ((ulong)Random.Shared.NextInt64(), (ulong)Random.Shared.NextInt64() | 1); // SplitMix wants an odd gamma
    }
}
