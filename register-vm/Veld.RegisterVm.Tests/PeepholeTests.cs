namespace Veld.RegisterVm.Tests;

/// <summary>The peephole pass: a forward jump to a return becomes the return, and a forward jump that lands
/// on a forward jump goes straight to the end of the chain; a test keeps its JMP.</summary>
public class PeepholeTests
{
    private const string Source = """
        var total = 0
        proc note(n)
            if n > 0 then
                total += n
            else
                total -= n
            end
        end
        proc tally(xs)
            for x in xs do
                if x > 0 then
                    if x > 10 then total += 100 else total += 1 end
                else
                    total -= 1
                end
            end
        end
        note(3)
        note(-4)
        tally([5, 50, -5])
        total
        """;

    [Fact]
    public void AJumpToAReturnBecomesTheReturn()
    {
        var on = PassListings.Listing(Source, "note", OptimizationSettings.AllOn);
        var off = PassListings.Listing(Source, "note", PassListings.Off(OptimizationPasses.Peephole));
        Assert.Equal(off.Count, on.Count); // rewritten in place: no offset, line or debug range moves
        Assert.Equal("JMP 3", off[5]);
        Assert.Equal("RETURNUNIT 0 0 0", on[5]);
        Assert.Equal("JMP 4", on[1]); // the test's JMP stays a JMP: the test executes it
    }

    [Fact]
    public void AJumpToAJumpGoesToTheLastTarget()
    {
        var on = PassListings.Listing(Source, "tally", OptimizationSettings.AllOn);
        var off = PassListings.Listing(Source, "tally", PassListings.Off(OptimizationPasses.Peephole));
        Assert.Equal(off.Count, on.Count);
        var changed = Enumerable.Range(0, on.Count).Where(pc => on[pc] != off[pc]).ToList();
        Assert.NotEmpty(changed);
        foreach (int pc in changed)
        {
            Assert.StartsWith("JMP ", on[pc]);
            Assert.StartsWith("JMP ", off[pc]);
            int before = pc + 1 + int.Parse(off[pc][4..]);
            int after = pc + 1 + int.Parse(on[pc][4..]);
            Assert.StartsWith("JMP ", off[before]); // it used to land on a jump
            Assert.True(after > before, $"pc {pc}: threaded to {after}, was {before}");
            Assert.DoesNotMatch("^JMP ", on[after]);
        }
    }

    [Fact]
    public void ThePassSavesInstructionsAndKeepsTheResult() =>
        PassListings.AssertSavesInstructions(Source, OptimizationPasses.Peephole, "107");
}
