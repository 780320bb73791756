using System.Diagnostics;

namespace Veld.Mutation;

/// <summary>The outcome of one child process: its exit code (null when it was stopped at its time limit),
/// its standard output and how long it ran.</summary>
public sealed record ProcessResult(int? ExitCode, string Output, double Seconds)
{
    public bool TimedOut => ExitCode is null;
}

public static class ProcessRunner
{
    /// <summary>Runs a program to its end or its time limit (then kills its whole tree); standard error is
    /// captured with standard output, so a crash's message stays with the verdict.</summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        bool finished = process.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return new ProcessResult(finished ? process.ExitCode : null, output.Result + error.Result, clock.Elapsed.TotalSeconds);
    }
}
