using System.Globalization;

namespace Veld.Reports;

/// <summary>Number formats shared by the report writers (invariant culture: reports read the same everywhere).</summary>
public static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Milliseconds with three significant-ish digits: 1234.5, 12.3, 1.23.</summary>
    public static string Milliseconds(double ms) =>
        ms >= 100 ? ms.ToString("F1", Invariant) : ms >= 10 ? ms.ToString("F2", Invariant) : ms.ToString("F3", Invariant);

    public static string Ratio(double? ratio) => ratio is { } r ? r.ToString("F2", Invariant) + "×" : "–";

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "–",
        < 10 * 1024 => $"{bytes} B",
        < 1024L * 1024 => (bytes.Value / 1024.0).ToString("F1", Invariant) + " KiB",
        _ => (bytes.Value / (1024.0 * 1024)).ToString("F1", Invariant) + " MiB",
    };

    public static string Count(long? count) => count is { } c ? c.ToString("N0", Invariant) : "–";

    /// <summary>"1 run", "5 runs".</summary>
    public static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
