using System.Diagnostics;

namespace Veld.Bench;

/// <summary>
/// The outside reference: the Lua 5.4 interpreter running each program's Lua twin. What is measured is
/// the wall-clock time of the whole <c>lua5.4 FILE SIZE</c> process, from start to exit, so it includes
/// creating the process and Lua's start-up; <see cref="StartupMs"/> measures that overhead on its own
/// (an empty script) so a reader can judge it against the run times.
/// </summary>
public sealed class LuaBaseline
{
    public const string TierName = "lua";
    public const string DefaultCommand = "lua5.4";

    /// <summary>The interpreter's full path.</summary>
    public string Executable { get; }
    /// <summary>What <c>lua5.4 -v</c> printed, e.g. "Lua 5.4.6  Copyright (C) 1994-2023 Lua.org, PUC-Rio".</summary>
    public string Version { get; }

    private LuaBaseline(string executable, string version)
    {
        Executable = executable;
        Version = version;
    }

    /// <summary>Finds <paramref name="command"/> on PATH (or takes it as a path) and checks that it runs;
    /// null when there is no such interpreter.</summary>
    public static LuaBaseline? Locate(string command = DefaultCommand)
    {
        var executable = FindOnPath(command);
        if (executable is null) return null;
        var probe = RunProcess(executable, ["-v"], TimeSpan.FromSeconds(10));
        if (probe is not { ExitCode: 0 }) return null;
        var version = (probe.Stdout + probe.Stderr).Trim();
        return new LuaBaseline(executable, version);
    }

    /// <summary>Runs one Lua program with <paramref name="args"/>; the elapsed time is the process's wall time.</summary>
    public LuaRun Run(string scriptPath, IReadOnlyList<string> args, TimeSpan timeout) =>
        RunProcess(Executable, [scriptPath, .. args], timeout)
        ?? new LuaRun(-1, "", $"could not start {Executable}", 0, TimedOut: false);

    /// <summary>Median wall time of <paramref name="runs"/> runs of an empty script: the start-up cost
    /// included in every Lua time.</summary>
    public double StartupMs(int runs = 5)
    {
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
            if (RunProcess(Executable, ["-e", ""], TimeSpan.FromSeconds(10)) is { ExitCode: 0 } run) times.Add(run.ElapsedMs);
        return times.Count > 0 ? BenchmarkStatistics.Median(times) : double.NaN;
    }

    private static LuaRun? RunProcess(string executable, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start);
            if (process is null) return null;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new LuaRun(-1, stdout.Result, stderr.Result, clock.Elapsed.TotalMilliseconds, TimedOut: true);
            }
            double elapsed = clock.Elapsed.TotalMilliseconds;
            process.WaitForExit(); // lets the redirected streams reach their end
            return new LuaRun(process.ExitCode, stdout.Result, stderr.Result, elapsed, TimedOut: false);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? FindOnPath(string command)
    {
        if (command.Contains('/') || command.Contains('\\')) return File.Exists(command) ? Path.GetFullPath(command) : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? [command + ".exe", command] : new[] { command })
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}

/// <summary>One Lua process: its exit code, output and wall time.</summary>
public sealed record LuaRun(int ExitCode, string Stdout, string Stderr, double ElapsedMs, bool TimedOut);
