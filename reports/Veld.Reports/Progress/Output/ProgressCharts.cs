using ScottPlot;

namespace Veld.Reports.Progress;

/// <summary>
/// The report's charts as inline SVG, drawn by ScottPlot (its SVG output has no script and no external
/// reference): completion per phase now, and the trends across recorded runs.
/// </summary>
public static class ProgressCharts
{
    private const int Width = 900;
    private const int Height = 320;

    /// <summary>A chart's title and its SVG markup (no XML declaration, ready to inline in HTML).</summary>
    public sealed record Chart(string Title, string Svg);

    public static IReadOnlyList<Chart> All(ProgressReport report)
    {
        var charts = new List<Chart> { Completion(report) };
        if (report.History.Count == 0) return charts;
        charts.Add(Trend("Completion per phase across runs (%)", report.History, percent: true,
            report.Phases.Select(p => (p.Title, (Func<HistoryRun, double?>)(run => run.Phases.TryGetValue(p.Id, out var v) ? v : null)))
                .Prepend(("overall", run => run.Overall))));
        foreach (var (figure, title, percent) in new[]
                 {
                     (TrendFigures.PassRate, "Corpus pass rate per tier (%)", true),
                     (TrendFigures.Speed, "Speed against the baseline per tier (×, above 1 is faster)", false),
                     (TrendFigures.Instructions, "Instructions executed against the baseline (×)", false),
                     (TrendFigures.CodeBytes, "Code size against the baseline (×)", false),
                 })
        {
            var tiers = report.History.SelectMany(r => r.Figures.Keys).Where(k => k.StartsWith(figure + "/", StringComparison.Ordinal))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            if (tiers.Count == 0) continue;
            charts.Add(Trend(title, report.History, percent,
                tiers.Select(key => (key[(figure.Length + 1)..], (Func<HistoryRun, double?>)(run => run.Figures.TryGetValue(key, out var v) ? v : null)))));
        }
        return charts;
    }

    private static Chart Completion(ProgressReport report)
    {
        var plot = new Plot();
        var phases = report.Phases.Reverse().ToList();
        var bars = plot.Add.Bars(phases.Select(p => p.Percent ?? 0).ToArray());
        bars.Horizontal = true;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, phases.Count).Select(i => (double)i)], [.. phases.Select(p => p.Title)]);
        plot.Axes.SetLimitsX(0, 100);
        plot.Axes.Bottom.Label.Text = "% complete";
        const string title = "Completion per phase";
        plot.Title(title);
        return new Chart(title, Svg(plot, Width, 40 + 26 * Math.Max(phases.Count, 4)));
    }

    /// <summary>One line per series, over the runs in order (x = run number).</summary>
    private static Chart Trend(string title, IReadOnlyList<HistoryRun> runs, bool percent, IEnumerable<(string Name, Func<HistoryRun, double?> Value)> series)
    {
        var plot = new Plot();
        foreach (var (name, value) in series)
        {
            var points = runs.Select(r => (X: (double)r.Id, Y: value(r))).Where(p => p.Y is not null).ToList();
            if (points.Count == 0) continue;
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray());
            line.LegendText = name;
        }
        plot.Axes.Bottom.Label.Text = "run";
        // Runs are whole numbers: one tick per run, never 1.2.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(Math.Max(1, Math.Ceiling(runs.Count / 12.0)));
        if (percent) plot.Axes.SetLimitsY(0, 105);
        plot.Title(title);
        plot.ShowLegend(Edge.Right);
        return new Chart(title, Svg(plot, Width, Height));
    }

    private static string Svg(Plot plot, int width, int height)
    {
        var svg = plot.GetSvgXml(width, height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
