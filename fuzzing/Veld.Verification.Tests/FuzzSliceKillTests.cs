using Veld.Differential;
using Veld.Fuzzing;

namespace Veld.Verification.Tests;

/// <summary>The fixed fuzz run CI makes (seed 1, size 30, every tier), in slices of
/// <see cref="KillSuite.SliceSize"/> programs: a mutant that makes any tier disagree with the oracle on a
/// generated program fails that slice.</summary>
public class FuzzSliceKillTests
{
    [Theory]
    [MemberData(nameof(KillSuite.Slices), MemberType = typeof(KillSuite))]
    public void EveryTierAgreesOnTheGeneratedPrograms(int slice)
    {
        var report = Fuzzer.Run(new FuzzOptions
        {
            Seed = 1,
            StartIndex = (long)slice * KillSuite.SliceSize,
            Count = KillSuite.SliceSize,
            Tiers = [.. TierRegistry.Default.All.Select(t => t.Create())],
            Judge = OutcomeJudges.Standard,
            Reduce = false,
            // CI's fuel, but a generous time limit: the suite also runs under coverage and Stryker on a
            // busy machine, where a run that hits the time limit would count as a crash after its grace.
            RunOptions = new() { Fuel = 20_000_000, Timeout = TimeSpan.FromSeconds(60) },
        });
        Assert.True(report.Findings.Count == 0,
            string.Join("\n", report.Findings.Select(f => $"program {f.Index}: {f.Summary}")));
    }
}
