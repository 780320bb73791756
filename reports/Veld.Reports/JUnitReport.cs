using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Veld.Runtime;

using Veld.Differential;

namespace Veld.Reports;

/// <summary>
/// A <see cref="DiffReport"/> as JUnit XML, the format CI systems show as a test tree: one
/// <c>&lt;testsuite&gt;</c> per tier (oracle first) and one <c>&lt;testcase&gt;</c> per program on that tier
/// (name = program path, classname = tier). What each verdict becomes:
/// <list type="bullet">
/// <item>missed expectation, disagreement with the oracle (on the other tier's case), unsupported construct:
/// <c>&lt;failure&gt;</c> with the summary as its message and the readable diff as its text;</item>
/// <item>internal error (a crash in the tier or the front end): <c>&lt;error&gt;</c>;</item>
/// <item>inconclusive (fuel or time ran out): <c>&lt;skipped&gt;</c>.</item>
/// </list>
/// Times are the run's compile plus run time in seconds. Text that XML cannot hold (control characters,
/// lone surrogates) is escaped as <c>\xNN</c>, so any program output makes a valid document.
/// </summary>
public static class JUnitReport
{
    public static XDocument Build(DiffReport report)
    {
        var suites = new XElement("testsuites", new XAttribute("name", "veld diff"));
        int tests = 0, failures = 0, errors = 0, skipped = 0;
        double time = 0;
        foreach (var tier in report.Tiers)
        {
            var suite = Suite(tier, report.Programs.SelectMany(p => p.Runs.Where(r => r.Tier == tier).Select(r => (p.Program.Path, Run: r))));
            tests += (int)suite.Attribute("tests")!;
            failures += (int)suite.Attribute("failures")!;
            errors += (int)suite.Attribute("errors")!;
            skipped += (int)suite.Attribute("skipped")!;
            time += (double)suite.Attribute("time")!;
            suites.Add(suite);
        }
        suites.Add(new XAttribute("tests", tests), new XAttribute("failures", failures), new XAttribute("errors", errors),
            new XAttribute("skipped", skipped), new XAttribute("time", Seconds(time)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    /// <summary>Write the report to <paramref name="path"/>, creating its directory.</summary>
    public static void Write(string path, DiffReport report) => AtomicFile.Write(path, stream =>
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var writer = XmlWriter.Create(stream, settings);
        Build(report).Save(writer);
    });

    private static XElement Suite(string tier, IEnumerable<(string Path, TierRun Run)> runs)
    {
        var cases = runs.Select(x => TestCase(tier, x.Path, x.Run)).ToList();
        int Count(string child) => cases.Count(c => c.Element(child) is not null);
        double time = cases.Sum(c => (double)c.Attribute("time")!);
        return new XElement("testsuite",
            new XAttribute("name", tier),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", Count("failure")),
            new XAttribute("errors", Count("error")),
            new XAttribute("skipped", Count("skipped")),
            new XAttribute("time", Seconds(time)),
            cases);
    }

    private static XElement TestCase(string tier, string path, TierRun run)
    {
        var metrics = run.Outcome.Metrics;
        var testCase = new XElement("testcase",
            new XAttribute("name", Clean(path)),
            new XAttribute("classname", Clean(tier)),
            new XAttribute("time", Seconds(((metrics.CompileMs ?? 0) + metrics.RunMs) / 1000)));
        if (Outcome(run) is { } outcome) testCase.Add(outcome);
        return testCase;
    }

    /// <summary>The child element that tells the CI system what went wrong, or null for a pass.</summary>
    private static XElement? Outcome(TierRun run)
    {
        var error = run.Outcome.Error;
        switch (run.Verdict)
        {
            case TierVerdict.Passed:
                return null;
            case TierVerdict.Inconclusive:
                return new XElement("skipped", new XAttribute("message", Clean(run.Comparison?.Summary is { Length: > 0 } why ? why : $"inconclusive: {error?.Message}")));
            case TierVerdict.Unsupported:
                return Problem("failure", "unsupported", $"unsupported: {error?.Message}", error?.Message ?? "");
        }
        if (run.Outcome.Kind == OutcomeKind.InternalError)
            return Problem("error", "internal", "internal error", error?.Message ?? "");

        // Expectation failures and a disagreement can both happen on one run: one failure element lists them all.
        var parts = run.ExpectationFailures.Select(f => (Summary: $"expectation: {f.Summary}", f.Detail)).ToList();
        if (run.Disagrees) parts.Add(($"disagrees with the oracle: {run.Comparison!.Summary}", run.Comparison.Detail));
        var type = run.Disagrees ? (parts.Count > 1 ? "expectation,disagreement" : "disagreement") : "expectation";
        var text = string.Join("\n", parts.Select(p => p.Detail.Length == 0 ? p.Summary + "\n" : $"{p.Summary}\n{p.Detail}"));
        return Problem("failure", type, string.Join("; ", parts.Select(p => p.Summary)), text);
    }

    private static XElement Problem(string element, string type, string message, string text) =>
        new(element, new XAttribute("type", type), new XAttribute("message", Clean(message)), Clean(text));

    private static string Seconds(double seconds) => Math.Round(seconds, 6).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>The text with every character XML 1.0 cannot carry (controls other than tab and line breaks,
    /// unpaired surrogates) written as <c>\xNN</c> / <c>\uNNNN</c>. The XML writer escapes the rest.</summary>
    public static string Clean(string text)
    {
        int first = 0;
        while (first < text.Length && IsXmlChar(text, first, out int width)) first += width;
        if (first == text.Length) return text;
        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (int i = first; i < text.Length;)
        {
            if (IsXmlChar(text, i, out int width)) { sb.Append(text, i, width); i += width; }
            else { sb.Append(text[i] == '\r' ? "\\r" : text[i] < 0x100 ? $"\\x{(int)text[i]:X2}" : $"\\u{(int)text[i]:X4}"); i++; }
        }
        return sb.ToString();
    }

    private static bool IsXmlChar(string text, int i, out int width)
    {
        width = 1;
        char c = text[i];
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { width = 2; return true; }
            return false;
        }
        // \r is legal XML but a parser normalises it to \n in text; escape it so that what is shown is what was printed.
        return c != '\r' && XmlConvert.IsXmlChar(c);
    }
}
