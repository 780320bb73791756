using Veld.Mutation;

namespace Veld.Mutation.Tests;

/// <summary>The kill suite's steps (corpus shards, the fuzz run, the tier's unit tests last and optional), how a
/// kill's first failure is read from each step's output, and how the summary tells the steps' kills apart.</summary>
public sealed class KillSuiteTests : IDisposable
{
    private readonly string _copy = Directory.CreateTempSubdirectory("veld-mutation-tests-").FullName;
    private static readonly Area StackCompiler = Area.Find("stack-compiler")!;

    public KillSuiteTests()
    {
        foreach (var name in new[] { "a/one.veld", "a/two.veld", "b/three.veld" })
        {
            var path = Path.Combine(_copy, "corpus", name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "println(1) # expect: 1\n");
        }
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    private KillSuite Suite(bool unitTests) => new(_copy, "/copy/veld", StackCompiler, [], corpusShards: 2, fuzzCount: 10, unitTests);

    [Fact]
    public void The_unit_tests_of_the_areas_tier_are_the_last_step_run_without_building_and_without_the_corpus_classes()
    {
        var steps = Suite(unitTests: true).Steps;
        Assert.Equal(["corpus 1/2", "corpus 2/2", "fuzz 10", "unit tests Veld.StackVm.Tests"], steps.Select(s => s.Name));
        var units = steps[^1];
        Assert.Equal("dotnet", units.Program);
        Assert.Equal(["test", "legacy-stack-vm/Veld.StackVm.Tests", "-c", "Release", "--no-build", "--nologo", "--filter", KillSuite.NotTheCorpusAgain], units.Arguments);
        Assert.All(steps.SkipLast(1), s => Assert.Equal("/copy/veld", s.Program));
    }

    [Fact]
    public void Without_unit_tests_the_suite_is_the_programs_only()
    {
        var steps = Suite(unitTests: false).Steps;
        Assert.Equal(["corpus 1/2", "corpus 2/2", "fuzz 10"], steps.Select(s => s.Name));
    }

    [Fact]
    public void Each_area_names_its_tiers_test_project()
    {
        Assert.Equal("legacy-stack-vm/Veld.StackVm.Tests", Area.Find("stack-vm")!.TestProject);
        Assert.Equal("register-vm/Veld.RegisterVm.Tests", Area.Find("register-compiler")!.TestProject);
        Assert.All(Area.All, a => Assert.StartsWith(a.Project.Split('/')[0] + "/", a.TestProject, StringComparison.Ordinal));
    }

    [Fact]
    public void The_first_failed_unit_test_is_the_kills_first_failure()
    {
        const string output = """
            Starting test execution, please wait...
              Failed Veld.StackVm.Tests.InstructionCountTests.A_loop_counts_its_instructions [12 ms]
              Error Message:
              Failed Veld.StackVm.Tests.CallTests.Other [1 ms]
            Failed!  - Failed:     2, Passed:   561, Skipped:     0, Total:   563
            """;
        Assert.Equal(": Failed Veld.StackVm.Tests.InstructionCountTests.A_loop_counts_its_instructions [12 ms]", KillSuite.FirstFailure(output));
        Assert.Equal(": FAIL corpus/a/one.veld on stack: output differs", KillSuite.FirstFailure("ok\nFAIL corpus/a/one.veld on stack: output differs\n"));
        Assert.Equal("", KillSuite.FirstFailure("Passed!  - Failed:     0, Passed:   563"));
    }

    [Fact]
    public void The_summary_counts_the_kills_only_the_unit_tests_made_and_names_their_step()
    {
        Result Judged(int id, bool killed, string step) =>
            new(new Mutant(id, "legacy-stack-vm/Veld.StackVm/Compiler/ChunkBuilder.cs", id, "literal+1", "0", "1"),
                new Verdict(killed, killed ? "failed" : "survived", step, 1));
        var unitStep = KillSuite.UnitTestStep(StackCompiler);
        var summary = SummaryWriter.Write(StackCompiler, [Judged(1, true, "corpus 1/4"), Judged(2, true, unitStep), Judged(3, false, "")],
            population: 3, sample: null, seed: 1, dropped: 0, fuzzCount: 10, unitTests: true);
        Assert.Contains("(2 killed: 1 by the programs, 1 only by the unit tests; 1 survived)", summary);
        Assert.Contains($"| failed | {unitStep} | 1 |", summary);
        Assert.Contains("then the unit tests of `legacy-stack-vm/Veld.StackVm.Tests`", summary);
        Assert.DoesNotContain("unit tests of", SummaryWriter.Write(StackCompiler, [Judged(1, true, "corpus 1/4")], 1, null, 1, 0, 10, unitTests: false));
    }
}
