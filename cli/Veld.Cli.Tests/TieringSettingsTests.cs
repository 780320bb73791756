using System.Text.Json;

namespace Veld.Cli.Tests;

/// <summary>
/// The runtime settings that ship in veld's runtimeconfig.json. Tiered compilation's default delay before it counts
/// calls (100 ms, ten times that on one core) left the register VM's helpers unoptimized for a varying part of a run,
/// which made benchmark times bimodal (docs/PERFORMANCE.md, register section 1, session 10).
/// </summary>
public sealed class TieringSettingsTests
{
    [Fact]
    public void Veld_counts_calls_for_tiering_from_the_start()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "veld.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.TryGetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs", out var delay),
            "veld.runtimeconfig.json sets no CallCountingDelayMs");
        Assert.Equal(0, delay.GetInt32());
    }
}
