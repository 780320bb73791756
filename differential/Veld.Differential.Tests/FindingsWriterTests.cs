using Veld.Testing;

namespace Veld.Differential.Tests;

public class FindingsWriterTests
{
    [Fact]
    public void A_report_with_every_kind_of_finding()
    {
        using var corpus = new TempCorpus();
        corpus.Write("a/disagree.veld", "print 1\nprint 5\nprint 9\n");
        corpus.Write("b/expect.veld", "print 1 # expect: 1\nprint 2 # expect: 3\nraise Key missing key 'k' # expect runtime error: Index\n");
        corpus.Write("c/unsupported.veld", "unsupported\n");
        var tiers = new TierRegistration[]
        {
            new("tree", "", () => new FakeTier("tree")),
            new("stack", "", () => new FakeTier("stack", s => s == "5" ? "6" : s)),
        };
        var report = new DiffRunner(tiers, null, FakeFrontEnd.Compile).Run([corpus.Root]);

        var text = new StringWriter();
        FindingsWriter.Write(text, report, verbose: false);
        Snapshot.Verify(text.ToString().Replace(corpus.Root.Replace('\\', '/'), "<corpus>"));
    }
}
