namespace Veld.RegisterVm.Tests;

/// <summary>How a choice of optimization passes describes itself (the text the command line and reports show).</summary>
public class OptimizationSettingsTests
{
    [Fact]
    public void EveryPassOnSaysSo() => Assert.Equal("all passes on", OptimizationSettings.AllOn.ToString());

    [Fact]
    public void PassesSwitchedOffAreNamedInOrder() =>
        Assert.Equal("off: move-elimination, peephole", OptimizationSettings.Without(["peephole", "move-elimination"]).ToString());
}
