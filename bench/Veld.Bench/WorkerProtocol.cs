using System.Text.Json;

namespace Veld.Bench;

/// <summary>
/// What the runner and a tier's worker process say to each other: one JSON object per line, the runner
/// asking on the worker's standard input, the worker answering each request with one line on its standard
/// output (a Veld program's own output is captured, so nothing else reaches that stream).
/// <list type="bullet">
/// <item><c>prepare</c> carries a program (path, text, args) and the settings of its runs; the answer's
/// <see cref="WorkerReply.Failure"/> says why it cannot run, or is null.</item>
/// <item><c>run</c> runs the prepared program once; the answer is a <see cref="TierRun"/>.</item>
/// </list>
/// The worker stops when its input ends.
/// </summary>
public static class WorkerProtocol
{
    public const string Prepare = "prepare";
    public const string Run = "run";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static string Encode<T>(T message) => JsonSerializer.Serialize(message, Json);

    public static T Decode<T>(string line) => JsonSerializer.Deserialize<T>(line, Json)
        ?? throw new JsonException($"an empty message: {line}");
}

/// <summary>A request to a worker; the program and settings are set for <see cref="WorkerProtocol.Prepare"/> only.</summary>
public sealed record WorkerRequest(
    string Op,
    string? Path = null,
    string? Text = null,
    IReadOnlyList<string>? Args = null,
    WorkerRunSettings? Settings = null);

/// <summary>The part of <see cref="BenchmarkOptions"/> that shapes a run, as a worker receives it.</summary>
public sealed record WorkerRunSettings(int MaxCallDepth, int JitThreshold, int? JitStress, bool JitBackground, long MaxMemory, double RunTimeoutMs,
    int JitBackgroundIlBytes = 0)
{
    public static WorkerRunSettings From(BenchmarkOptions options) => new(
        options.MaxCallDepth, options.JitThreshold, options.JitStress, options.JitBackground, options.MaxMemory, options.RunTimeout.TotalMilliseconds,
        options.JitBackgroundIlBytes);

    public BenchmarkOptions ToOptions() => new()
    {
        MaxCallDepth = MaxCallDepth,
        JitThreshold = JitThreshold,
        JitStress = JitStress,
        JitBackground = JitBackground,
        JitBackgroundIlBytes = JitBackgroundIlBytes,
        MaxMemory = MaxMemory,
        RunTimeout = TimeSpan.FromMilliseconds(RunTimeoutMs),
    };
}

/// <summary>A worker's answer: a failure, or (to <c>run</c>) the output and the measured sample.</summary>
public sealed record WorkerReply(string? Failure, string? Stdout = null, RunSample? Sample = null);
