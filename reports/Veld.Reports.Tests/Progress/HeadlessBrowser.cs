using System.Diagnostics;

namespace Veld.Reports.Tests.Progress;

/// <summary>Debian's headless Chromium, when it is installed (ci/pipeline.sh installs it).</summary>
internal static class HeadlessBrowser
{
    public static readonly string? Path = new[] { "chromium", "chromium-browser", "google-chrome" }
        .Select(Locate).FirstOrDefault(p => p is not null);

    private static string? Locate(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Select(dir => System.IO.Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>Headless, and quiet: the browser's own background services (updates, sync, accounts) are
    /// off, and no host name resolves, so nothing leaves the machine whatever a page asks for.</summary>
    private static readonly string[] Switches =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-sync",
        "--disable-background-networking", "--disable-component-update", "--disable-default-apps", "--disable-domain-reliability",
        "--no-pings", "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
    ];

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs the browser headless on <paramref name="url"/> with extra switches; bounded by a timeout.</summary>
    public static Result Run(string url, params string[] switches)
    {
        var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var s in Switches.Concat(switches).Append(url))
            start.ArgumentList.Add(s);
        using var browser = Process.Start(start)!;
        var stdout = browser.StandardOutput.ReadToEndAsync();
        var stderr = browser.StandardError.ReadToEndAsync();
        if (!browser.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            browser.Kill(entireProcessTree: true);
            throw new TimeoutException("the browser did not finish in 2 minutes");
        }
        return new Result(browser.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A fact that runs only where a headless browser is installed, and says so when it is skipped.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessBrowser.Path is null)
            Skip = "No headless Chromium on PATH (Debian: apt-get install chromium; ci/pipeline.sh installs it): the HTML report was not opened in a browser.";
    }
}
