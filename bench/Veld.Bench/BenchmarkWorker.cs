using Veld.Language;
using Veld.Runtime;

namespace Veld.Bench;

/// <summary>
/// The worker's side of <see cref="WorkerProtocol"/>: one tier, programs prepared and run on request, in a
/// process that runs nothing else (<c>veld bench-worker TIER</c>). Everything runs on one
/// <see cref="LargeStack"/> thread, as in the runner's own process.
/// </summary>
public static class BenchmarkWorker
{
    /// <summary>Answers requests from <paramref name="requests"/> until it ends; returns the exit code.</summary>
    public static int Serve(ITier tier, TextReader requests, TextWriter replies, Func<Source, CompileResult>? compile = null) =>
        LargeStack.Run("veld-bench-worker", () => ServeOnThisThread(tier, requests, replies, compile ?? VeldCompiler.Compile));

    private static int ServeOnThisThread(ITier tier, TextReader requests, TextWriter replies, Func<Source, CompileResult> compile)
    {
        InProcessTierSession? session = null;
        while (requests.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            WorkerReply reply;
            try
            {
                reply = Answer(WorkerProtocol.Decode<WorkerRequest>(line));
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                reply = new WorkerReply($"bad request to the {tier.Name} worker: {e.Message}");
            }
            replies.WriteLine(WorkerProtocol.Encode(reply));
            replies.Flush();
        }
        return 0;

        WorkerReply Answer(WorkerRequest request)
        {
            switch (request.Op)
            {
                case WorkerProtocol.Prepare:
                    if (request.Path is null || request.Text is null || request.Settings is null)
                        throw new InvalidOperationException("prepare needs a path, a text and settings");
                    session = new InProcessTierSession(tier, request.Settings.ToOptions(), compile);
                    var failure = session.Prepare(request.Path, request.Text, request.Args ?? []);
                    if (failure is not null) session = null;
                    return new WorkerReply(failure);
                case WorkerProtocol.Run:
                    if (session is null) throw new InvalidOperationException("run before a successful prepare");
                    var run = session.RunOnce();
                    return new WorkerReply(run.Failure, run.Stdout, run.Sample);
                default:
                    throw new InvalidOperationException($"unknown op '{request.Op}'");
            }
        }
    }
}
