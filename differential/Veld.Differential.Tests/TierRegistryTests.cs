namespace Veld.Differential.Tests;

public class TierRegistryTests
{
    private static readonly TierRegistry Registry = new(
        new[] { "tree", "stack", "register" }.Select(n => new TierRegistration(n, n, () => new FakeTier(n))));

    [Fact]
    public void The_first_tier_is_the_oracle_and_selection_keeps_registry_order()
    {
        Assert.Equal("tree", Registry.Oracle.Name);
        Assert.Equal(["tree", "register"], Registry.Select(["register,tree"]).Select(t => t.Name));
        Assert.Equal(["tree", "stack", "register"], Registry.Select(null).Select(t => t.Name));
    }

    [Fact]
    public void An_unknown_tier_is_named_with_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Registry.Select(["tree,jet"]));
        Assert.Equal("unknown tier 'jet'; the tiers are tree, stack, register", e.Message);
    }

    [Fact]
    public void Names_are_unique()
    {
        Assert.Throws<ArgumentException>(() => new TierRegistry([new("a", "", () => new FakeTier("a")), new("a", "", () => new FakeTier("a"))]));
    }

    [Fact]
    public void The_default_registry_starts_with_the_tree_walk_oracle()
    {
        Assert.Equal("tree", TierRegistry.Default.Oracle.Name);
        Assert.Equal("tree", TierRegistry.Default.Oracle.Create().Name);
    }

    [Fact]
    public void Capabilities_are_found_by_what_a_tier_registered()
    {
        var registry = new TierRegistry(
        [
            new("tree", "", () => new FakeTier("tree")),
            new("old", "", () => new FakeTier("old")) { IsBaseline = true, Disassemble = _ => "old code" },
            new("new", "", () => new FakeTier("new"))
            {
                File = new BytecodeFile(".new", bytes => bytes is [(byte)'N', ..], _ => [(byte)'N'], _ => throw new BytecodeFileException("x"), _ => ""),
            },
        ]);
        Assert.Equal("old", registry.Baseline!.Name);
        Assert.Equal(["old"], registry.WithDisassembler.Select(t => t.Name));
        Assert.Equal(["new"], registry.WithFile.Select(t => t.Name));
        Assert.Equal("new", registry.OwnerOfFile("N..."u8.ToArray())!.Name);
        Assert.Null(registry.OwnerOfFile("print 1\n"u8.ToArray()));
    }

    [Fact]
    public void The_default_registry_shows_stack_register_and_jit_code_and_stack_is_the_baseline()
    {
        Assert.Equal("stack", TierRegistry.Default.Baseline!.Name);
        Assert.Equal(["stack", "register", "jit"], TierRegistry.Default.WithDisassembler.Select(t => t.Name));
        Assert.Equal([".veldc"], TierRegistry.Default.WithFile.Select(t => t.File!.Extension));
    }
}
