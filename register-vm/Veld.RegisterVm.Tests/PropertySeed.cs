using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;

namespace Veld.RegisterVm.Tests;

/// <summary>
/// Seeds for property tests: a fresh one per run, or the one in VELD_PROPERTY_SEED ("seed" or
/// "seed,gamma") to replay a failure. The seed is written to the test output and put in failure messages.
/// </summary>
internal static class PropertySeed
{
    public const string Variable = "VELD_PROPERTY_SEED";

    public static (ulong Seed, ulong Gamma) Choose(ITestOutputHelper output, string name)
    {
        var (seed, gamma) = FromEnvironment() ?? ((ulong)Random.Shared.NextInt64(), (ulong)Random.Shared.NextInt64() | 1);
        output.WriteLine($"{name}: {Variable}={seed},{gamma}");
        return (seed, gamma);
    }

    /// <summary>Check <paramref name="property"/> on <paramref name="maxTest"/> cases from a chosen seed; a failure
    /// names the seed that replays it.</summary>
    public static void Check(ITestOutputHelper output, string name, Property property, int maxTest)
    {
        var (seed, gamma) = Choose(output, name);
        var replay = new Replay(new Rnd(seed, gamma), FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true).WithReplay(FSharpOption<Replay>.Some(replay));
        try
        {
            FsCheck.Check.One(config, property);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"replay with {Variable}={seed},{gamma}\n{e.Message}");
        }
    }

    private static (ulong, ulong)? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split(',');
        return (ulong.Parse(parts[0]), parts.Length > 1 ? ulong.Parse(parts[1]) : 0x9E3779B97F4A7C15);
    }
}
