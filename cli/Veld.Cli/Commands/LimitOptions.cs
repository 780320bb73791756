using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Veld.Runtime;

namespace Veld.Cli.Commands;

/// <summary>The run limits both commands take. Each must be a positive number; a bad value is a usage
/// error that names the flag and the expected kind of number.</summary>
internal static class LimitOptions
{
    public static Option<int> MaxDepth(int defaultValue) => new("--max-depth")
    {
        Description = "Nested non-tail calls allowed; one more is runtime error StackOverflow.",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => (int)Positive(result, "--max-depth", wholeNumber: true, int.MaxValue),
        HelpName = "N",
    };

    public static Option<long?> Fuel(string description, long? defaultValue) => new("--fuel")
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => (long)Positive(result, "--fuel", wholeNumber: true, long.MaxValue),
        HelpName = "STEPS",
    };

    public static Option<double?> Timeout(string description, double? defaultValue) => new("--timeout")
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Positive(result, "--timeout", wholeNumber: false, TimeSpan.MaxValue.TotalSeconds / 2),
        HelpName = "SEC",
    };

    /// <summary><c>--max-memory SIZE</c>: bytes, or a whole number with K, M or G (binary units: 512M, 2G).</summary>
    public static Option<long?> MaxMemory() => new("--max-memory")
    {
        Description = $"Managed memory a run may hold before it stops with LimitExceeded, e.g. 512M or 4G. Default: {MemoryLimit.Describe(MemoryLimit.DefaultBytes)}.",
        CustomParser = Size,
        HelpName = "SIZE",
    };

    private static long? Size(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        int shift = text.Length == 0 ? 0 : char.ToUpperInvariant(text[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 };
        var digits = shift == 0 ? text : text[..^1];
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 && number <= long.MaxValue >> shift)
            return number << shift;
        result.AddError($"--max-memory expects a positive size in bytes, or with K, M or G (512M, 4G), not '{text}'.");
        return 1;
    }

    public static Option<int?> Jobs() => new("--jobs")
    {
        Description = "Programs run in parallel. Default: the number of cores.",
        CustomParser = result => (int)Positive(result, "--jobs", wholeNumber: true, 4096),
        HelpName = "N",
    };

    private static double Positive(ArgumentResult result, string name, bool wholeNumber, double max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        double value = double.NaN;
        if (wholeNumber && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) value = whole;
        if (!wholeNumber && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) value = real;
        if (value > 0 && value <= max) return value; // NaN fails both comparisons
        result.AddError($"{name} expects a positive {(wholeNumber ? "whole number" : "number")}, not '{text}'.");
        return 1;
    }
}
