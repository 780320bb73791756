using CsvHelper;

using Veld.Differential;
using Veld.Differential.Tests;

namespace Veld.Reports.Tests;

public sealed class DiffCsvTests : TempCorpusTest
{
    [Fact]
    public void Every_program_and_tier_is_one_row_that_reads_back()
    {
        Corpus.Write("a_ok.veld", "print 1 # expect: 1\n");
        Corpus.Write("b_five.veld", "print 5\nprint \"quoted\", too\n");
        Corpus.Write("c_raise.veld", "print 1\nraise DivisionByZero division by zero\n");
        var tiers = new TierRegistration[]
        {
            new("tree", "fake", () => new FakeTier("tree")),
            new("stack", "fake", () => new FakeTier("stack", s => s.Replace("5", "6"))),
        };
        var report = new DiffRunner(tiers, null, FakeFrontEnd.Compile).Run([Corpus.Root]);
        var path = Path.Combine(Corpus.Root, "out", "diff.csv");
        DiffCsv.Write(path, report);

        var text = File.ReadAllText(path);
        Assert.StartsWith("program,tier,outcome,errorKind,errorLine,passed,disagreesWithOracle,compileMs,runMs,codeBytes,instructions,allocatedBytes\n", text);
        using var reader = CsvReader.Create(File.OpenRead(path));
        var rows = reader.GetRecords<DiffCsvRow>().ToList();

        Assert.Equal(6, rows.Count);
        Assert.Equal(["tree", "stack", "tree", "stack", "tree", "stack"], rows.Select(r => r.Tier));
        Assert.All(rows, r => Assert.StartsWith(Corpus.Root.Replace('\\', '/'), r.Program.Replace('\\', '/')));

        var five = rows.Where(r => r.Program.EndsWith("b_five.veld", StringComparison.Ordinal)).ToList();
        Assert.Equal([(true, false), (false, true)], five.Select(r => (r.Passed, r.DisagreesWithOracle)));
        Assert.All(five, r => Assert.Equal("Success", r.Outcome));
        Assert.All(five, r => Assert.Equal(12, r.CodeBytes)); // the fake tier: 4 bytes a line, 3 lines

        var raise = rows.Where(r => r.Program.EndsWith("c_raise.veld", StringComparison.Ordinal)).ToList();
        Assert.All(raise, r => Assert.Equal(("RuntimeError", "DivisionByZero", (int?)2, true), (r.Outcome, r.ErrorKind, r.ErrorLine, r.Passed)));
        Assert.All(rows.Where(r => r.Outcome == "Success"), r => Assert.Equal(("", null), (r.ErrorKind, r.ErrorLine))); // CsvHelper reads an empty text cell as ""
        Assert.All(rows, r => Assert.Null(r.Instructions)); // the fake tiers do not count instructions
        Assert.All(rows, r => Assert.True(r.RunMs >= 0));
    }
}
