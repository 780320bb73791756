using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xunit.Sdk;

namespace Veld.Language.Tests;

/// <summary>
/// Runs an FsCheck property from a plain xunit fact with an explicit seed. On failure the message
/// names the seed; set <c>VELD_PROPERTY_SEED=seed,gamma</c> to replay exactly that run.
/// </summary>
internal static class PropertyRunner
{
    public const string SeedVariable = "VELD_PROPERTY_SEED";
    /// <summary>Multiplies every property's number of cases (e.g. 20 for a long local soak run).</summary>
    public const string ScaleVariable = "VELD_PROPERTY_SCALE";

    public static void Check<T>(string name, Arbitrary<T> arbitrary, Action<T> property, int maxTest = 200)
    {
        var (seed, gamma) = ChooseSeed();
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(maxTest * Scale())
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, gamma), FSharpOption<int>.None)));
        try
        {
            FsCheck.Check.One(config, Prop.ForAll(arbitrary, property));
        }
        catch (Exception e)
        {
            throw new XunitException($"property '{name}' failed; replay with {SeedVariable}={seed},{gamma}\n{e.Message}");
        }
    }

    private static int Scale() =>
        int.TryParse(Environment.GetEnvironmentVariable(ScaleVariable), out int scale) && scale > 0 ? scale : 1;

    private static (ulong Seed, ulong Gamma) ChooseSeed()
    {
        var fixedSeed = Environment.GetEnvironmentVariable(SeedVariable);
        if (!string.IsNullOrWhiteSpace(fixedSeed))
        {
            var parts = fixedSeed.Split(',');
            return (ulong.Parse(parts[0]), ulong.Parse(parts[1]));
        }
        // Gamma must be odd for FsCheck's splittable generator.
        return ((ulong)Random.Shared.NextInt64(), (ulong)Random.Shared.NextInt64() | 1);
    }
}
