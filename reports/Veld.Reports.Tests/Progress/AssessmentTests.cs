using Veld.Reports.Progress;

namespace Veld.Reports.Tests.Progress;

public sealed class AssessmentTests
{
    [Fact]
    public void States_and_percentages_follow_from_the_evidence()
    {
        var report = ReportSamples.Assess(ReportSamples.Evidence(registerPassesAll: false, registerMs: 5));
        var items = report.Items.ToDictionary(i => i.Id);

        Assert.Equal(ItemState.Partial, items["corpus-register"].State);
        Assert.Equal((1, 2), (items["corpus-register"].Evidence[0].Met, items["corpus-register"].Evidence[0].Of));
        Assert.Equal(["b.veld"], items["corpus-register"].Evidence[0].Missing);
        Assert.Equal(ItemState.Done, items["speed"].State);          // 10/5 and 20/10: 2.00×
        Assert.Equal(ItemState.NotApplicable, items["na"].State);
        Assert.Equal(ItemState.NotStarted, items["jit-corpus"].State); // the diff ran, without a jit tier
        Assert.Equal(75, report.Phases[0].Percent);                    // (0.5 + 1) / 2, the n/a item left out
        Assert.Equal(50, report.Overall);                              // (0.5 + 1 + 0) / 3

        var speed = report.Targets.Single(t => t.Id == "register-speed");
        Assert.Equal((2.0, TargetStatus.Pass), (speed.Measured!.Value, speed.Status));
        var instructions = report.Targets.Single(t => t.Id == "register-instructions");
        Assert.Equal((0.4, TargetStatus.Pass), (instructions.Measured!.Value, instructions.Status));
        Assert.Equal("attention", report.Risks[0].Status);
        Assert.Equal(100.0, report.Figures["pass-rate/stack"]);
        Assert.Equal(50.0, report.Figures["pass-rate/register"]);
        Assert.Equal(2.0, report.Figures["speed/register"], 9);
    }

    [Fact]
    public void Evidence_not_given_is_unknown_and_never_done()
    {
        var report = ReportSamples.Assess(new EvidenceBundle());
        Assert.All(report.Items.Where(i => i.Id != "na"), i => Assert.Equal(ItemState.Unknown, i.State));
        Assert.All(report.Targets, t => Assert.Equal(TargetStatus.Unknown, t.Status));
        Assert.Equal(0, report.Overall);
        Assert.Equal("unknown", report.Risks[0].Status);
    }

    [Fact]
    public void A_target_out_of_reach_fails_with_its_measurement()
    {
        var report = ReportSamples.Assess(ReportSamples.Evidence(registerPassesAll: true, registerMs: 9));
        var speed = report.Targets.Single(t => t.Id == "register-speed");
        Assert.Equal(TargetStatus.Fail, speed.Status);
        Assert.Equal(10.0 / 9, speed.Measured!.Value, 9);
        Assert.Equal(ItemState.NotStarted, report.Items.Single(i => i.Id == "speed").State);
    }

    [Fact]
    public void Against_the_history_a_done_item_now_failing_is_regressed_and_the_change_set_says_so()
    {
        using var dir = new Veld.Differential.Tests.TempCorpus();
        var path = Path.Combine(dir.Root, "sub", "history.db");
        using var store = new HistoryStore(path);
        store.Record(ReportSamples.Assess(ReportSamples.Evidence(registerPassesAll: true, registerMs: 5), "c1"));

        var now = ReportSamples.Assess(ReportSamples.Evidence(registerPassesAll: false, registerMs: 9), "c2");
        var previous = store.Latest("c1")!;
        var compared = HistoryComparison.Apply(now, previous.Key, store.ItemStates(previous.Id), store.TargetStatuses(previous.Id));
        store.Record(compared);

        Assert.Equal(ItemState.Regressed, compared.Items.Single(i => i.Id == "corpus-register").State);
        Assert.True(compared.HasRegressions);
        Assert.Equal(["corpus-register", "speed"], compared.Changes!.Regressed);
        Assert.Equal(["register-speed: pass → fail"], compared.Changes.TargetsCrossed);
        var runs = store.Runs();
        Assert.Equal(["c1", "c2"], runs.Select(r => r.Key.Commit));
        Assert.Equal(100.0, runs[0].Figures["pass-rate/register"]);
        Assert.Equal(100.0, runs[0].Phases["core"]);
        Assert.Null(store.Latest("zz"));
    }
}

public sealed class BenchEvidenceTests
{
    [Fact]
    public void Speed_and_memory_are_measured_from_a_bench_csv_as_veld_bench_writes_it()
    {
        const string csv =
            """
            Program,Size,Tier,Runs,MedianMs,MinMs,MaxMs,AllocatedBytes,Instructions,SpeedupVsStack,SpeedupVsTree,SpeedupVsLua,SamplesMs,Failure
            fib,default,stack,1,20,20,20,1000,5,1,,,20,
            fib,default,register,1,10,10,10,500,2,2,,,10,
            loop,default,stack,1,40,40,40,1000,5,1,,,40,
            loop,default,register,1,10,10,10,2000,2,4,,,10,
            """;
        using var reader = CsvHelper.CsvReader.Create(new StringReader(csv));
        var evidence = new EvidenceBundle { Bench = [.. reader.GetRecords<BenchmarkCsvRow>()] };
        var plan = PlanReader.Read("targets:\n  - { id: s, metric: speed, tier: register, at-least: 1.25 }\n  - { id: m, metric: memory, tier: register, at-most: 1.05 }\n");

        var speed = TargetMeasurer.Measure(plan.Targets[0], "stack", evidence);
        var memory = TargetMeasurer.Measure(plan.Targets[1], "stack", evidence);
        Assert.Equal(Math.Sqrt(8), speed.Measured!.Value, 9);  // 2× and 4×
        Assert.Equal(1.0, memory.Measured!.Value, 9);          // 0.5× and 2×
        Assert.Equal((TargetStatus.Pass, TargetStatus.Pass), (speed.Status, memory.Status));
    }

    [Fact]
    public void Compile_time_is_measured_from_the_compile_time_csv_when_given_and_the_note_says_which_source()
    {
        const string csv =
            """
            Program,Tier,MedianMs,AllocatedBytes,Failure
            a.veld,stack,1,100,
            a.veld,register,2,300,
            b.veld,stack,3,100,
            b.veld,register,3,300,
            c.veld,stack,5,100,
            c.veld,register,,0,register VM: too many constants
            """;
        using var reader = CsvHelper.CsvReader.Create(new StringReader(csv));
        var plan = PlanReader.Read("targets:\n  - { id: c, metric: compile-time, tier: register, at-most: 1.10 }\n");
        var diff = new DiffCsvRow[]
        {
            new() { Program = "a.veld", Tier = "stack", Outcome = "Success", CompileMs = 10 },
            new() { Program = "a.veld", Tier = "register", Outcome = "Success", CompileMs = 11 },
        };

        var warm = TargetMeasurer.Measure(plan.Targets[0], "stack", new EvidenceBundle { CompileTime = [.. reader.GetRecords<CompileTimeCsvRow>()], Diff = diff });
        var cold = TargetMeasurer.Measure(plan.Targets[0], "stack", new EvidenceBundle { Diff = diff });

        Assert.Equal(5.0 / 4, warm.Measured!.Value, 9);  // c.veld left out: the register compiler failed on it
        Assert.Equal(TargetStatus.Fail, warm.Status);
        Assert.Contains("warm compile time", warm.Note);
        Assert.Contains("over the 2 programs", warm.Note);
        Assert.Equal(1.1, cold.Measured!.Value, 9);
        Assert.Equal(TargetStatus.Pass, cold.Status);
        Assert.Contains("cold compile time", cold.Note);
    }
}
