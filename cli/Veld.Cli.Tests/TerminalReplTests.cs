using System.Diagnostics;

namespace Veld.Cli.Tests;

/// <summary>
/// <c>veld repl</c> on a real pseudo-terminal: the built <c>veld</c> runs inside a detached tmux session,
/// keys are sent with <c>tmux send-keys</c> and the screen is read with <c>tmux capture-pane</c>.
/// Waits are for text to appear (bounded), never fixed sleeps that a test's verdict depends on.
/// </summary>
public sealed class TerminalReplTests : IDisposable
{
    // A socket of the test's own, so the session never mixes with anyone's tmux server.
    private readonly string _socket = "veld-repl-test-" + Guid.NewGuid().ToString("N")[..12];
    private const string Session = "repl";

    public void Dispose() => Tmux("kill-server");

    [TmuxFact]
    public void Typing_editing_and_history_work_under_a_pseudo_terminal()
    {
        var veld = Path.Combine(AppContext.BaseDirectory, "veld.dll");
        Tmux("new-session", "-d", "-s", Session, "-x", "100", "-y", "30", $"dotnet {veld} repl");
        WaitFor("veld>");
        Type("let x = 40");
        Type("fn f(a) => a + x");
        Type("f(2)");
        WaitFor("veld> f(2)\n42\n");
        // Editing: type "(3", Home, insert "f", End, close the bracket; then Up twice recalls "f(2)".
        Tmux("send-keys", "-t", Session, "-l", "(3");
        Tmux("send-keys", "-t", Session, "Home");
        Tmux("send-keys", "-t", Session, "-l", "f");
        Tmux("send-keys", "-t", Session, "End");
        Tmux("send-keys", "-t", Session, "-l", ")");
        Tmux("send-keys", "-t", Session, "Enter");
        WaitFor("veld> f(3)\n43\n");
        Tmux("send-keys", "-t", Session, "Up", "Up", "Enter");
        WaitFor("43\nveld> f(2)\n42\n");
        Type("1 / 0");
        WaitFor("error[DivisionByZero]");
        Type(":quit");
    }

    private void Type(string line)
    {
        Tmux("send-keys", "-t", Session, "-l", line);
        Tmux("send-keys", "-t", Session, "Enter");
    }

    /// <summary>Poll the screen until <paramref name="text"/> is on it; fails with the screen after a generous bound.</summary>
    private void WaitFor(string text)
    {
        var clock = Stopwatch.StartNew();
        string screen = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            screen = Screen();
            if (screen.Contains(text)) return;
            Thread.Sleep(100);
        }
        Assert.Fail($"'{text}' never appeared on the terminal; the screen was:\n{screen}");
    }

    /// <summary>The pane's text with each row's trailing blanks removed.</summary>
    private string Screen() =>
        string.Join("\n", Tmux("capture-pane", "-p", "-t", Session).Split('\n').Select(row => row.TrimEnd()));

    private string Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}

/// <summary>A fact that needs tmux; skipped, saying how to install it, on a machine without it
/// (ci/pipeline.sh installs it, so CI always runs the test).</summary>
public sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute()
    {
        if (!OnPath("tmux"))
            Skip = "tmux is not installed, so there is no pseudo-terminal to test the terminal REPL in (Debian: apt-get install tmux)";
    }

    internal static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, program)));
}
