using System.Diagnostics;
using System.Text;

namespace Veld.Bench;

/// <summary>
/// A tier measured in worker processes of its own (<see cref="BenchmarkIsolation.WorkerProcess"/>): a fresh
/// worker for every program, so the machine code .NET compiles in it (and the profile that shapes it) comes
/// from that program on that tier alone, as when a user runs the program. A worker that dies or stops
/// answering is a failure of the program it was running.
/// </summary>
public sealed class WorkerTierSession(string tierName, Func<string, ProcessStartInfo> startInfo, BenchmarkOptions options) : ITierSession
{
    /// <summary>How long a worker may take beyond a run's own time limit before it is killed.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);
    private const int StderrKeptChars = 4000;

    private Process? _process;
    private readonly StringBuilder _stderr = new();

    public string Name => tierName;

    public string? Prepare(string path, string text, IReadOnlyList<string> args)
    {
        Dispose(); // the previous program's worker
        var reply = Ask(new WorkerRequest(WorkerProtocol.Prepare, path, text, args, WorkerRunSettings.From(options)), Grace);
        return reply.Failure;
    }

    public TierRun RunOnce()
    {
        var reply = Ask(new WorkerRequest(WorkerProtocol.Run), options.RunTimeout + Grace);
        return new TierRun(reply.Stdout ?? "", reply.Failure is null ? reply.Sample : null, reply.Failure);
    }

    private WorkerReply Ask(WorkerRequest request, TimeSpan timeout)
    {
        string? failure;
        try
        {
            var process = _process ??= Start();
            process.StandardInput.WriteLine(WorkerProtocol.Encode(request));
            process.StandardInput.Flush();
            var answer = process.StandardOutput.ReadLineAsync(options.Cancellation).AsTask();
            if (!answer.Wait(timeout)) failure = $"its worker process gave no answer within {timeout.TotalSeconds:0} s and was stopped";
            else if (answer.Result is { } line) return WorkerProtocol.Decode<WorkerReply>(line);
            else failure = Died(process);
        }
        catch (IOException e)
        {
            failure = _process is { } process ? Died(process) : $"its worker process could not be talked to: {e.Message}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            failure = $"its worker process could not be started: {e.Message}";
        }
        catch (System.Text.Json.JsonException e)
        {
            failure = $"its worker process answered something that is not a reply: {e.Message}";
        }
        Stop();
        return new WorkerReply(failure);
    }

    private Process Start()
    {
        var start = startInfo(tierName);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        _stderr.Clear();
        var process = Process.Start(start) ?? throw new System.ComponentModel.Win32Exception($"cannot start {start.FileName}");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr)
            {
                if (_stderr.Length < StderrKeptChars) _stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Why the worker went away: its exit code and the start of what it wrote to standard error.</summary>
    private string Died(Process process)
    {
        process.WaitForExit(5000);
        string stderr;
        lock (_stderr) stderr = _stderr.ToString().Trim();
        var code = process.HasExited ? $" with code {process.ExitCode}" : "";
        return $"its worker process exited{code}" + (stderr.Length > 0 ? $": {stderr.ReplaceLineEndings(" | ")}" : "");
    }

    private void Stop()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Ends the worker: closing its input lets it finish on its own; one that does not is killed.</summary>
    public void Dispose()
    {
        if (_process is null) return;
        try
        {
            _process.StandardInput.Close();
            if (_process.WaitForExit(5000)) { _process.Dispose(); _process = null; return; }
        }
        catch (IOException) { }
        Stop();
    }
}
