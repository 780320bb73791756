using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

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

    public static Option<int?> Jobs() => new("--jobs")
    {
        Description = "Programs run in parallel. Default: the number of cores.",
        CustomParser = result => (int)Positive(result, "--jobs", wholeNumber: true, 4096),
        HelpName = "N",
    };

    /// <summary>A FILE or PATH argument that starts with '-' is an option nobody declared (the parser would
    /// otherwise take <c>--bogus</c> for a file name).</summary>
    public static void RejectUnknownOptions<T>(Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.Length > 1 && token.Value.StartsWith('-'))
                    result.AddError($"Unrecognized option '{token.Value}'.");
        });
    }

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
