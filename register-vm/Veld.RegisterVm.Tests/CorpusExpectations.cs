using System.Text.RegularExpressions;

namespace Veld.RegisterVm.Tests;

/// <summary>The hand-written expectations of a corpus program (corpus/README.md, "Format").</summary>
internal sealed partial record CorpusExpectations(
    List<string> Output, string? ErrorKind, string? ErrorMessage, int ErrorLine, string? Result, bool CompileError, long? Fuel)
{
    public static CorpusExpectations Parse(string source)
    {
        var output = new List<string>();
        string? kind = null, message = null, result = null;
        int errorLine = 0;
        bool compileError = false;
        long? fuel = null;
        var lines = source.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            if (ExpectOutput().Match(line) is { Success: true } o) output.Add(o.Groups[1].Value);
            else if (ExpectRuntimeError().Match(line) is { Success: true } e)
            {
                kind = e.Groups[1].Value;
                message = e.Groups[2].Success ? e.Groups[2].Value.Trim() : null;
                errorLine = n + 1;
            }
            else if (line.Contains("# expect compile error:")) compileError = true;
            else if (ExpectResult().Match(line) is { Success: true } r) result = r.Groups[1].Value;
            else if (FuelHeader().Match(line) is { Success: true } f) fuel = long.Parse(f.Groups[1].Value);
        }
        return new CorpusExpectations(output, kind, message, errorLine, result, compileError, fuel);
    }

    [GeneratedRegex(@"#\s*expect:\s?(.*)$")]
    private static partial Regex ExpectOutput();
    [GeneratedRegex(@"#\s*expect runtime error:\s*(\w+)(?::\s*(.*))?$")]
    private static partial Regex ExpectRuntimeError();
    [GeneratedRegex(@"#\s*expect result:\s?(.*)$")]
    private static partial Regex ExpectResult();
    [GeneratedRegex(@"^#\s*fuel:\s*(\d+)\s*$")]
    private static partial Regex FuelHeader();
}
