using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xunit.Sdk;

namespace Veld.Harness.Tests;

/// <summary>
/// Runs an FsCheck property from an xunit fact with a seed chosen here, so a failure can name it.
/// Replay a failure with <c>VELD_PROPERTY_SEED=seed,gamma</c> (the repository-wide convention).
/// </summary>
internal static class PropertyRunner
{
    public const string SeedVariable = "VELD_PROPERTY_SEED";

    public static void Check<T>(string name, Gen<T> generator, Action<T> property, int cases)
    {
        var (seed, gamma) = Seed();
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, gamma), FSharpOption<int>.None)));
        try
        {
            FsCheck.Check.One(config, Prop.ForAll(generator.ToArbitrary(), property));
        }
        catch (Exception e)
        {
            throw new XunitException($"property '{name}' failed; replay with {SeedVariable}={seed},{gamma}\n{e.Message}");
        }
    }

    private static (ulong Seed, ulong Gamma) Seed()
    {
        var given = Environment.GetEnvironmentVariable(SeedVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var parts = given.Split(',');
            return (ulong.Parse(parts[0]), ulong.Parse(parts[1]));
        }
        return ((ulong)Random.Shared.NextInt64(), (ulong)Random.Shared.NextInt64() | 1); // gamma must be odd
    }
}
