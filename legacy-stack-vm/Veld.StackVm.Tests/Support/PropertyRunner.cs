using FsCheck;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Veld.StackVm.Tests;

/// <summary>
/// Runs an FsCheck property from a plain xunit fact with a known seed: a fresh one per run, or the one in
/// VELD_PROPERTY_SEED ("seed,gamma") to replay a failure. The seed goes to the test output and into the
/// failure message.
/// </summary>
internal static class PropertyRunner
{
    public const string SeedVariable = "VELD_PROPERTY_SEED";

    public static void Check(ITestOutputHelper output, string name, Property property, int maxTest = 100)
    {
        var (seed, gamma) = ChooseSeed();
        output.WriteLine($"{name}: {SeedVariable}={seed},{gamma}");
        var replay = new Replay(new Rnd(seed, gamma), FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(replay));
        try
        {
            FsCheck.Check.One(name, config, property);
        }
        catch (Exception e)
        {
            throw new XunitException($"property '{name}' failed; replay with {SeedVariable}={seed},{gamma}\n{e.Message}");
        }
    }

    private static (ulong Seed, ulong Gamma) ChooseSeed()
    {
        var fixedSeed = Environment.GetEnvironmentVariable(SeedVariable);
        if (!string.IsNullOrWhiteSpace(fixedSeed))
        {
            var parts = fixedSeed.Split(',');
            return (ulong.Parse(parts[0]), ulong.Parse(parts[1]));
        }
        return ((ulong)Random.Shared.NextInt64(), (ulong)Random.Shared.NextInt64() | 1); // SplitMix needs an odd gamma
    }
}
