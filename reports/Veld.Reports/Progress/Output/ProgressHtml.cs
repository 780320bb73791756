using System.Net;

namespace Veld.Reports.Progress;

/// <summary>
/// The report as one self-contained HTML page: inline style, charts as inline SVG, no script, no
/// external request (no font, image or stylesheet link), so it can be kept as a CI artifact and opened
/// anywhere.
/// </summary>
public static class ProgressHtml
{
    private const string Style =
        """
        body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1100px; color: #1f2328; }
        h1 { font-size: 24px; } h2 { font-size: 18px; margin-top: 28px; } h3 { font-size: 15px; }
        table { border-collapse: collapse; margin: 8px 0 16px; width: 100%; }
        th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; } td.num { text-align: right; }
        .done, .pass, .covered { color: #1a7f37; } .partial, .attention { color: #9a6700; }
        .regressed, .fail { color: #cf222e; font-weight: bold; } .unknown, .not-started { color: #57606a; }
        .bar { background: #eaeef2; height: 10px; width: 160px; display: inline-block; }
        .bar span { background: #2da44e; height: 10px; display: block; }
        .chart { margin: 8px 0 20px; } .missing { color: #57606a; font-size: 12px; }
        """;

    public static void Write(TextWriter w, ProgressReport report)
    {
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        // The browser itself refuses anything but the inline style: no script, no fetch, no remote font or image.
        w.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        w.WriteLine($"<title>{E(report.Title)}</title>");
        w.WriteLine($"<style>{Style}</style></head><body>");
        w.WriteLine($"<h1>{E(report.Title)}: {ProgressText.Percent(report.Overall)} complete</h1>");
        w.WriteLine($"<p>Run: {E(ProgressText.Run(report.Run))}. Evidence given: {E(report.Sources.Count == 0 ? "none" : string.Join(", ", report.Sources))}. " +
                    "Every state follows from that evidence; an item whose evidence was not given is <em>unknown</em>, never done.</p>");

        w.WriteLine("<h2>Phases</h2>");
        w.WriteLine("<table id=\"phases\"><tr><th>Phase</th><th>Complete</th><th></th><th>Items</th></tr>");
        foreach (var phase in report.Phases)
        {
            var counts = string.Join(", ", phase.Items.GroupBy(i => i.State).Select(g => $"{g.Count()} {g.Key.Label()}"));
            w.WriteLine($"<tr><td>{E(phase.Title)}</td><td class=\"num\">{ProgressText.Percent(phase.Percent)}</td>" +
                        $"<td><div class=\"bar\"><span style=\"width:{(int)(phase.Percent ?? 0)}%\"></span></div></td><td>{E(counts)}</td></tr>");
        }
        w.WriteLine("</table>");

        if (report.Changes is { } changes)
        {
            w.WriteLine($"<h2>Since {E(ProgressText.Run(changes.Against))}</h2><ul>");
            w.WriteLine($"<li>Newly done: {E(List(changes.NewlyDone))}</li><li>Regressed: <span class=\"{(changes.Regressed.Count > 0 ? "regressed" : "")}\">{E(List(changes.Regressed))}</span></li><li>Targets crossed: {E(List(changes.TargetsCrossed))}</li></ul>");
        }

        w.WriteLine("<h2>Performance targets</h2>");
        w.WriteLine("<table id=\"targets\"><tr><th>Target</th><th>Tier vs baseline</th><th>Target</th><th>Measured</th><th>Status</th><th>Measured over</th></tr>");
        foreach (var t in report.Targets)
            w.WriteLine($"<tr><td>{E(t.Title)}</td><td>{E(t.Tier)} vs {E(t.Baseline)}</td><td class=\"num\">{E(t.Bound)}</td>" +
                        $"<td class=\"num\">{E(ProgressText.Measured(t))}</td><td class=\"{t.Status.ToString().ToLowerInvariant()}\">{E(ProgressText.Status(t))}</td><td>{E(t.Note)}</td></tr>");
        w.WriteLine("</table>");

        w.WriteLine("<h2>Charts</h2>");
        foreach (var chart in ProgressCharts.All(report))
            w.WriteLine($"<figure class=\"chart\" aria-label=\"{E(chart.Title)}\">{chart.Svg}</figure>");

        w.WriteLine("<h2>Checklist</h2>");
        foreach (var phase in report.Phases)
        {
            w.WriteLine($"<h3>{E(phase.Title)} — {ProgressText.Percent(phase.Percent)}</h3>");
            w.WriteLine("<table class=\"items\"><tr><th>Item</th><th>State</th><th>Evidence</th></tr>");
            foreach (var item in phase.Items)
            {
                var evidence = string.Join("<br>", item.Evidence.Select(e => E(e.Description) +
                    (e.Missing.Count == 0 ? "" : $"<div class=\"missing\">missing: {E(string.Join(", ", e.Missing))}</div>")));
                w.WriteLine($"<tr><td>{E(item.Title)}</td><td class=\"{item.State.Label().Replace(' ', '-')}\">{E(ProgressText.State(item))}</td><td>{evidence}</td></tr>");
            }
            w.WriteLine("</table>");
        }

        w.WriteLine("<h2>Risks</h2>");
        w.WriteLine("<table id=\"risks\"><tr><th>Risk</th><th>Status</th><th>Mitigation</th><th>Evidence</th></tr>");
        foreach (var r in report.Risks)
            w.WriteLine($"<tr><td>{E(r.Title)}</td><td class=\"{r.Status}\">{E(r.Status)}</td><td>{E(r.Mitigation)}</td>" +
                        $"<td>{string.Join("<br>", r.Evidence.Select(e => $"{E(e.Title)}: <span class=\"{e.State.Replace(' ', '-')}\">{E(e.State)}</span>"))}</td></tr>");
        w.WriteLine("</table>");
        w.WriteLine($"<p>{report.History.Count} recorded run(s) in the history.</p>");
        w.WriteLine("</body></html>");
    }

    private static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
