using System.Diagnostics;
using Veld.Bench;
using Veld.Cli;

namespace Veld.Bench.Tests;

/// <summary>
/// Each tier in a worker process of its own: the worker's side of the protocol in-process, then real workers
/// (the <c>veld</c> built next to these tests) through <see cref="WorkerTierSession"/> and <c>veld bench</c>.
/// Nothing is timed.
/// </summary>
public sealed class WorkerIsolationTests
{
    private static readonly WorkerRunSettings Settings = WorkerRunSettings.From(new BenchmarkOptions());

    private static List<WorkerReply> Serve(string tier, params WorkerRequest[] requests)
    {
        var input = new StringReader(string.Join("\n", requests.Select(WorkerProtocol.Encode)) + "\n");
        var output = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, BenchmarkWorker.Serve(Suite.Tier(tier), input, output));
        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(WorkerProtocol.Decode<WorkerReply>)];
    }

    private static WorkerRequest Prepare(string text, params string[] args) =>
        new(WorkerProtocol.Prepare, "p.veld", text, args, Settings);

    [Fact]
    public void A_worker_prepares_once_and_answers_every_run_with_its_output_and_sample()
    {
        var replies = Serve("register",
            Prepare("let n = args()[0].to_int()\nvar s = 0\nfor i in 0..n do s += i end\nprintln(s)\n", "10"),
            new WorkerRequest(WorkerProtocol.Run),
            new WorkerRequest(WorkerProtocol.Run));

        Assert.Equal(3, replies.Count);
        Assert.Null(replies[0].Failure);
        Assert.All(replies.Skip(1), r =>
        {
            Assert.Null(r.Failure);
            Assert.Equal("45\n", r.Stdout);
            Assert.NotNull(r.Sample);
            Assert.True(r.Sample!.Instructions > 0);
        });
        Assert.Equal(replies[1].Sample!.Instructions, replies[2].Sample!.Instructions);
    }

    [Fact]
    public void Bad_requests_and_programs_get_a_failure_and_the_worker_goes_on()
    {
        var replies = Serve("stack",
            new WorkerRequest(WorkerProtocol.Run),
            new WorkerRequest("explode"),
            Prepare("println(1 +)\n"),
            Prepare("assert~(false, \"no\")\n"),
            new WorkerRequest(WorkerProtocol.Run));

        Assert.Contains("run before a successful prepare", replies[0].Failure);
        Assert.Contains("unknown op 'explode'", replies[1].Failure);
        Assert.StartsWith("compile error at 1:", replies[2].Failure);
        Assert.Null(replies[3].Failure);
        Assert.Contains("no", replies[4].Failure);
        Assert.Null(replies[4].Sample);
    }

    [Fact]
    public void A_real_worker_process_runs_the_program_and_a_dead_one_is_a_failure_with_its_reason()
    {
        var veld = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "veld.exe" : "veld");
        ProcessStartInfo Start(string tier) => new(veld) { ArgumentList = { "bench-worker", tier } };

        using (var session = new WorkerTierSession("tree", Start, new BenchmarkOptions()))
        {
            Assert.Null(session.Prepare("p.veld", "println(args()[0])\n", ["hi"]));
            var run = session.RunOnce();
            Assert.Null(run.Failure);
            Assert.Equal("hi\n", run.Stdout);
        }

        using var broken = new WorkerTierSession("no-such-tier", Start, new BenchmarkOptions());
        var failure = broken.Prepare("p.veld", "println(1)\n", []);
        Assert.Contains("exited with code 64", failure);
        Assert.Contains("unknown tier 'no-such-tier'", failure);
    }

    [Fact]
    public void Worker_isolation_without_a_way_to_start_workers_is_refused()
    {
        var options = new BenchmarkOptions { Isolation = BenchmarkIsolation.WorkerProcess };
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Veld_bench_isolates_tiers_by_default_and_says_so_and_none_keeps_them_in_one_process()
    {
        static string Bench(params string[] extra)
        {
            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            int code = VeldCli.Run(["bench", "fib", "--size", "5", "--tiers", "stack,register", "--iterations", "1", "--warmup", "0", .. extra],
                new CliConsole(stdout, stderr, interactive: false));
            Assert.True(code == 0, stdout.ToString() + stderr);
            return stdout.ToString();
        }

        var isolated = Bench();
        Assert.Contains("each program on each tier in a fresh worker process", isolated);
        Assert.Contains("| fib | 5 | register |", isolated);
        Assert.Contains("all in one process", Bench("--isolation", "none"));
    }
}
