using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Reports;

namespace Veld.Benchmarks;

/// <summary>
/// Exporters and columns for the tier benchmarks: CSV, GitHub Markdown and HTML under
/// BenchmarkDotNet.Artifacts/results, and the Ratio column against the stack VM (the baseline method).
/// The job is chosen in Program.cs, so that <c>--job</c> on the command line can replace it.
/// </summary>
public sealed class VeldBenchmarkConfig : ManualConfig
{
    public VeldBenchmarkConfig()
    {
        AddExporter(CsvExporter.Default, MarkdownExporter.GitHub, HtmlExporter.Default);
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
        // Programs side by side, each tier's ratio read against the stack VM in the same group.
        Orderer = new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared, BenchmarkDotNet.Order.MethodOrderPolicy.Declared);
    }
}
