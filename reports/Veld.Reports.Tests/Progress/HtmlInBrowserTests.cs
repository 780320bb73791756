using System.Text.Json;
using System.Text.RegularExpressions;
using Veld.Reports.Progress;

namespace Veld.Reports.Tests.Progress;

/// <summary>The HTML report opened in a real headless browser: its tables and charts are in the rendered
/// page, it asks the network for nothing, and no script runs or fails.</summary>
public sealed partial class HtmlInBrowserTests : IDisposable
{
    private readonly Veld.Differential.Tests.TempCorpus _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteReport()
    {
        using var store = new HistoryStore(Path.Combine(_dir.Root, "history.db"));
        store.Record(ReportSamples.Assess(ReportSamples.Evidence(registerPassesAll: true, registerMs: 5), "c1"));
        var report = ReportSamples.Assess(ReportSamples.Evidence(registerPassesAll: false, registerMs: 6), "c2");
        store.Record(report);
        report = report with { History = store.Runs() };
        var html = new StringWriter();
        ProgressHtml.Write(html, report);
        return _dir.Write("report.html", html.ToString());
    }

    [Fact]
    public void The_page_is_self_contained_without_script_or_external_reference()
    {
        var html = File.ReadAllText(WriteReport());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.True(CountOf(html, "<svg") >= 4, "the completion chart and the trend charts are inline SVG");
        Assert.Contains("Content-Security-Policy", html);
    }

    [BrowserFact]
    public void In_a_headless_browser_tables_and_charts_render_and_no_request_leaves_the_page()
    {
        var page = new Uri(WriteReport()).AbsoluteUri;
        var netLog = Path.Combine(_dir.Root, "netlog.json");
        var dom = HeadlessBrowser.Run(page, "--dump-dom", $"--log-net-log={netLog}");

        Assert.Equal(0, dom.ExitCode);
        Assert.Equal(5, CountOf(dom.Stdout, "<table"));             // phases, targets, a checklist per phase (2), risks
        Assert.True(CountOf(dom.Stdout, "<svg") >= 4, "every chart is in the rendered page");
        Assert.Contains("<path", dom.Stdout);
        Assert.Contains("Sample migration: ", dom.Stdout);
        Assert.DoesNotContain("Uncaught", dom.Stderr);
        Assert.DoesNotContain("Content Security Policy", dom.Stderr);

        Assert.Empty(PageRequests(netLog));

        var screenshot = Path.Combine(_dir.Root, "report.png");
        var shot = HeadlessBrowser.Run(page, $"--screenshot={screenshot}", "--window-size=1200,1600", "--hide-scrollbars");
        Assert.Equal(0, shot.ExitCode);
        var png = File.ReadAllBytes(screenshot);
        Assert.True(png.Length > 10_000, "a page with tables and charts is more than a blank screenshot");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [BrowserFact]
    public void The_network_check_sees_a_request_a_page_makes()
    {
        // The control: without this, an empty list above could mean the check sees nothing at all.
        var page = new Uri(_dir.Write("leaky.html", "<!DOCTYPE html><html><body><img src=\"http://report.invalid/pixel.png\"></body></html>")).AbsoluteUri;
        var netLog = Path.Combine(_dir.Root, "leaky-netlog.json");
        Assert.Equal(0, HeadlessBrowser.Run(page, "--dump-dom", $"--log-net-log={netLog}").ExitCode);
        Assert.Contains("http://report.invalid/pixel.png", PageRequests(netLog));
    }

    /// <summary>Network requests a page started, from a Chromium net log: those with an initiator that is
    /// an origin (the browser's own background requests have "not an origin"), other than file: URLs. One event per line.</summary>
    private static List<string> PageRequests(string netLogPath)
    {
        var requests = new List<string>();
        // A net log cut short by the browser's exit lacks its closing brackets; its events read fine one by one.
        foreach (Match m in InitiatedRequest().Matches(File.ReadAllText(netLogPath)))
        {
            var url = JsonSerializer.Deserialize<string>(m.Groups["url"].Value)!;
            if (m.Groups["initiator"].Value != "not an origin" && !url.StartsWith("file:", StringComparison.Ordinal)) requests.Add(url);
        }
        return requests;
    }

    private static int CountOf(string text, string what) => Regex.Count(text, Regex.Escape(what));

    [GeneratedRegex("\"initiator\":\"(?<initiator>[^\"]*)\"[^\n]*?\"url\":(?<url>\"(?:[^\"\\\\]|\\\\.)*\")")]
    private static partial Regex InitiatedRequest();

    /// <summary>src= or href= or url( pointing outside the page (namespace URIs of SVG are not fetched).</summary>
    [GeneratedRegex(@"(src|href)\s*=\s*[""']?(https?:|//)|url\(\s*[""']?(https?:|//)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
