using Veld.Runtime;

namespace Veld.Differential;

/// <summary>A tier the tools know by name: a description for <c>--help</c> and a factory for fresh instances.</summary>
public sealed record TierRegistration(string Name, string Description, Func<ITier> Create);

/// <summary>
/// The tiers <c>veld run</c> and <c>veld diff</c> can use, in order: the first is the oracle that every
/// other tier is compared with. A new tier is one line in <see cref="Default"/>.
/// </summary>
public sealed class TierRegistry
{
    public static TierRegistry Default { get; } = new(
    [
        new("tree", "tree-walk interpreter over the checked AST (the oracle)", () => new Veld.TreeWalk.TreeWalkTier()),
        new("stack", "legacy stack VM (clox-style bytecode)", () => new Veld.StackVm.StackVmTier()),
        new("register", "register VM (Lua 5.4-style 32-bit instructions)", () => new Veld.RegisterVm.RegisterVmTier()),
        new("jit", "register VM that compiles hot functions to IL", () => new Veld.Jit.JitTier()),
    ]);

    private readonly List<TierRegistration> _tiers;

    public TierRegistry(IEnumerable<TierRegistration> tiers)
    {
        _tiers = [.. tiers];
        var duplicate = _tiers.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"tier '{duplicate.Key}' registered twice");
        if (_tiers.Count == 0) throw new ArgumentException("a registry needs at least one tier");
    }

    public IReadOnlyList<TierRegistration> All => _tiers;
    public IEnumerable<string> Names => _tiers.Select(t => t.Name);
    public TierRegistration Oracle => _tiers[0];

    public TierRegistration? Find(string name) => _tiers.FirstOrDefault(t => t.Name == name);

    /// <summary>
    /// The tiers a comma-separated list names (<c>tree,stack</c>), in registry order so the oracle stays
    /// first when it is selected. Null selects all. Throws <see cref="ArgumentException"/> naming an unknown tier.
    /// </summary>
    public IReadOnlyList<TierRegistration> Select(IEnumerable<string>? names)
    {
        if (names is null) return _tiers;
        var wanted = names.SelectMany(n => n.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (wanted.Count == 0) throw new ArgumentException("no tier named");
        foreach (var name in wanted)
            if (Find(name) is null)
                throw new ArgumentException($"unknown tier '{name}'; the tiers are {string.Join(", ", Names)}");
        return _tiers.Where(t => wanted.Contains(t.Name)).ToList();
    }
}
