using Veld.Bench;

namespace Veld.Reports.Tests;

/// <summary>The compile-time report as Markdown, on synthetic measurements.</summary>
public class CompileTimeReportWriterTests
{
    private static CompileTimeReport Report() => new(["stack", "register"],
    [
        new ProgramCompileTime("corpus/a.veld", [1.0, 4.0], [null, null], [1000, 4000]),
        new ProgramCompileTime("corpus/b.veld", [2.0, 2.0], [null, null], [2000, 3000]),
        new ProgramCompileTime("corpus/c.veld", [1.0, null], [null, "register VM: unsupported statement"], [1000, 0]),
    ], ["corpus/errors/bad.veld"], Warmup: 1, Iterations: 5);

    private static string Write(CompileTimeReport report)
    {
        var w = new StringWriter { NewLine = "\n" };
        CompileTimeReportWriter.Write(w, report);
        return w.ToString();
    }

    [Fact]
    public void Totals_and_ratios_are_taken_over_the_programs_every_tier_compiled()
    {
        var text = Write(Report());

        Assert.Contains("1 warm-up round and 5 measured rounds", text);
        Assert.Contains("2 compiled by every tier; 1 left out because the front end rejects them (error programs); 1 left out because a tier's compiler failed.", text);
        Assert.Contains("| stack | 3.000 | 1.00× | 1.00× | 1.00× | 3000 B |", text);
        // totals 6/3 = 2; per program 4 and 1: geometric mean 2, median 2.5.
        Assert.Contains("| register | 6.000 | 2.00× | 2.00× | 2.50× | 7000 B |", text);
    }

    [Fact]
    public void The_programs_with_the_largest_ratio_come_first_and_compiler_failures_are_listed()
    {
        var text = Write(Report());

        int a = text.IndexOf("| corpus/a.veld | 1.000 | 4.000 | 4.00× |", StringComparison.Ordinal);
        int b = text.IndexOf("| corpus/b.veld | 2.000 | 2.000 | 1.00× |", StringComparison.Ordinal);
        Assert.True(a > 0 && b > a, text);
        Assert.Contains("- corpus/c.veld on register: register VM: unsupported statement", text);
    }

    [Fact]
    public void A_run_where_no_program_compiled_on_every_tier_says_so()
    {
        var report = new CompileTimeReport(["stack", "register"],
            [new ProgramCompileTime("x.veld", [1.0, null], [null, "crashed"], [0, 0])], [], Warmup: 0, Iterations: 1);

        Assert.Contains("No program was compiled by every tier.", Write(report));
    }
}
