using System.Xml.Linq;

namespace Veld.Reports.Progress;

/// <summary>Reads test results from <c>dotnet test --logger trx</c> files and from JUnit XML (which the
/// format is, is told by the root element).</summary>
public static class TestResultsReader
{
    public static IReadOnlyList<TestResult> ReadFiles(IEnumerable<string> paths) => [.. paths.SelectMany(p => Read(XDocument.Load(p)))];

    public static IEnumerable<TestResult> Read(XDocument document)
    {
        var root = document.Root ?? throw new FormatException("empty test results document");
        return root.Name.LocalName == "TestRun" ? ReadTrx(root) : ReadJUnit(root);
    }

    /// <summary>TRX: a UnitTestResult per test, its testName the fully qualified method (with arguments
    /// for a theory case) and its outcome Passed, Failed, NotExecuted ...</summary>
    private static IEnumerable<TestResult> ReadTrx(XElement root) =>
        from result in root.Descendants().Where(e => e.Name.LocalName == "UnitTestResult")
        select new TestResult((string?)result.Attribute("testName") ?? "", (string?)result.Attribute("outcome") switch
        {
            "Passed" => TestOutcome.Passed,
            "NotExecuted" or "Inconclusive" => TestOutcome.Skipped,
            _ => TestOutcome.Failed,
        });

    /// <summary>JUnit: a testcase per test, named classname.name; a failure or error child fails it, skipped skips it.</summary>
    private static IEnumerable<TestResult> ReadJUnit(XElement root) =>
        from testCase in root.DescendantsAndSelf("testcase")
        let classname = (string?)testCase.Attribute("classname")
        let name = (string?)testCase.Attribute("name") ?? ""
        select new TestResult(string.IsNullOrEmpty(classname) ? name : $"{classname}.{name}",
            testCase.Element("failure") is not null || testCase.Element("error") is not null ? TestOutcome.Failed
            : testCase.Element("skipped") is not null ? TestOutcome.Skipped
            : TestOutcome.Passed);
}
