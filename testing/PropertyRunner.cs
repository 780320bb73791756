using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Veld.Testing;

/// <summary>
/// Runs an FsCheck property from a plain xunit fact with a seed that is always known: a fresh one per
/// run, or the one in <c>VELD_PROPERTY_SEED=seed,gamma</c> to replay a failure exactly. The seed is in
/// every failure message (and in the test output where one is given). <c>VELD_PROPERTY_SCALE=N</c>
/// multiplies every property's number of cases, for a long local soak run.
/// Compiled into every test project (Directory.Build.props), so all properties replay the same way.
/// </summary>
internal static class PropertyRunner
{
    public const string SeedVariable = "VELD_PROPERTY_SEED";
    public const string ScaleVariable = "VELD_PROPERTY_SCALE";

    public static void Check(ITestOutputHelper output, string name, Property property, int maxTest) =>
        Run(name, maxTest, config => FsCheck.Check.One(name, config, property), output);

    public static void Check<T>(string name, Arbitrary<T> arbitrary, Action<T> property, int maxTest) =>
        Run(name, maxTest, config => FsCheck.Check.One(config, Prop.ForAll(arbitrary, property)), output: null);

    public static void Check<T>(string name, Gen<T> generator, Action<T> property, int maxTest) =>
        Check(name, generator.ToArbitrary(), property, maxTest);

    private static void Run(string name, int maxTest, Action<Config> check, ITestOutputHelper? output)
    {
        var (seed, gamma) = ChooseSeed();
        output?.WriteLine($"{name}: {SeedVariable}={seed},{gamma}");
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(maxTest * Scale())
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, gamma), FSharpOption<int>.None)));
        try
        {
            check(config);
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
        if (Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } given)
        {
            var parts = given.Split(',');
            return (ulong.Parse(parts[0]), ulong.Parse(parts[1]));
        }
        // FsCheck's SplitMix generator needs an odd gamma.
        return ((ulong)Random.Shared.NextInt64(), (ulong)Random.Shared.NextInt64() | 1);
    }
}
