using Veld.Fuzzing;
using Veld.Language.Printing;
using Veld.Fuzzing.Reduction;
using Veld.Language.Syntax;
using Veld.Runtime;

using Veld.Differential;

namespace Veld.Fuzzing.Tests;

public class FuzzerTests
{
    /// <summary>A tier that always crashes, to check that crashes are findings.</summary>
    private sealed class CrashingTier : ITier
    {
        public string Name => "crashy";
        public IExecutable Compile(CheckedProgram program) => throw new InvalidOperationException("boom in the compiler");
    }

    private static FuzzOptions Options(string? dir, params ITier[] tiers) => new()
    {
        Seed = 7,
        Count = 24,
        Size = 12,
        Tiers = [TestSupport.Tree, .. tiers],
        Judge = OutcomeJudges.Standard,
        OutputDirectory = dir,
        RunOptions = TestSupport.Limits,
        ReducerOptions = new ReducerOptions { MaxTests = 600 },
    };

    [Fact]
    public void FindsSavesAndReducesAPlantedBug()
    {
        var dir = TestSupport.TempDirectory();
        try
        {
            var seenOnDisk = new List<bool>();
            var options = Options(dir, new RemainderBugTier()) with
            {
                Finding = f =>
                {
                    // The finding is on disk before its reduction starts.
                    if (f.Reduction is null) seenOnDisk.Add(f.Path is not null && File.Exists(f.Path) && f.ReducedPath is null);
                },
            };
            var report = Fuzzer.Run(options);

            Assert.Equal(24, report.Statistics.Programs);
            Assert.NotEmpty(report.Findings);
            Assert.All(seenOnDisk, Assert.True);
            foreach (var finding in report.Findings)
            {
                Assert.Equal(FindingKind.Disagreement, finding.Kind);
                Assert.Equal(["buggy"], finding.Culprits);
                Assert.Contains("%", finding.Program.Source);

                var saved = File.ReadAllText(finding.Path!);
                Assert.StartsWith("# veld fuzz: tiers disagree: buggy: standard output differs", saved);
                Assert.Contains($"# seed 7, program {finding.Index}, size 12", saved);
                Assert.Contains("# tree (oracle): ", saved);
                Assert.Contains("# buggy: ", saved);
                Assert.EndsWith(finding.Program.Source, saved);

                // The saved file is itself a program with the bug.
                Assert.True(Interestingness.TiersDisagree(TestSupport.Tree, [new RemainderBugTier()], OutcomeJudges.Standard, TestSupport.Limits)(saved));

                var reduced = File.ReadAllText(finding.ReducedPath!);
                var reducedProgram = finding.Reduction!.Source;
                Assert.True(finding.Reduction.LinesAfter <= 5, $"{finding.Reduction.Summary}\n{reducedProgram}");
                Assert.Contains("%", reducedProgram);
                Assert.EndsWith(reducedProgram, reduced);
            }
            Assert.Equal(report.Findings.Count * 2, Directory.GetFiles(dir, "*.veld").Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AgreeingTiersGiveNoFindings()
    {
        var report = Fuzzer.Run(Options(null, new Veld.TreeWalk.TreeWalkTier()) with { Count = 15 });
        Assert.Equal(15, report.Statistics.Programs);
        Assert.Empty(report.Findings);
        Assert.Equal(0, report.Statistics.CompileErrors);
        Assert.True(report.Statistics.Features.Count > 20);
        Assert.Equal(15, report.Statistics.OracleOutcomes.Values.Sum());
    }

    [Fact]
    public void ShardsSplitTheIndexSpaceWithoutOverlap()
    {
        HashSet<long> Indices(int shard, int shards) => Fuzzer.Run(Options(null, new RemainderBugTier()) with
        {
            Count = 30, ShardIndex = shard, ShardCount = shards, Reduce = false,
        }).Findings.Select(f => f.Index).ToHashSet();

        var all = Indices(0, 1);
        var parts = Enumerable.Range(0, 3).Select(k => Indices(k, 3)).ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all.Order(), parts.SelectMany(p => p).Order());
        for (int k = 0; k < 3; k++) Assert.All(parts[k], i => Assert.Equal(k, i % 3));
    }

    [Fact]
    public void ARunIsReproducibleFromItsSeed()
    {
        var first = Fuzzer.Run(Options(null, new RemainderBugTier()) with { Reduce = false });
        var second = Fuzzer.Run(Options(null, new RemainderBugTier()) with { Reduce = false });
        Assert.Equal(first.Findings.Select(f => (f.Index, f.Program.Source)), second.Findings.Select(f => (f.Index, f.Program.Source)));
        var single = Fuzzer.Run(Options(null, new RemainderBugTier()) with { StartIndex = first.Findings[0].Index, Count = 1, Reduce = false });
        Assert.Equal(first.Findings[0].Program.Source, Assert.Single(single.Findings).Program.Source);
    }

    [Fact]
    public void ACrashingTierIsAFinding()
    {
        var report = Fuzzer.Run(Options(null, new CrashingTier()) with { Count = 2, Reduce = false });
        Assert.Equal(2, report.Findings.Count);
        Assert.All(report.Findings, f =>
        {
            Assert.Equal(FindingKind.Crash, f.Kind);
            Assert.Contains("boom in the compiler", f.Summary);
        });
    }

    [Fact]
    public void ProgressIsReportedForEveryProgram()
    {
        var progress = new List<FuzzProgress>();
        Fuzzer.Run(Options(null) with { Count = 5, Progress = progress.Add });
        Assert.Equal([1L, 2, 3, 4, 5], progress.Select(p => p.Programs));
    }

    [Fact]
    public void ABadShardIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Fuzzer.Run(Options(null) with { ShardIndex = 3, ShardCount = 3 }));
        Assert.Throws<ArgumentException>(() => Fuzzer.Run(Options(null) with { Count = null }));
    }
}
