using Veld.Runtime;

namespace Veld.Differential;

/// <summary>
/// The tiers every command can use, in order: the first is the oracle that every other tier is compared
/// with. A new tier is one registration in <see cref="Default"/>; the commands find what it can do there.
/// </summary>
public sealed class TierRegistry
{
    public static TierRegistry Default { get; } = new(
    [
        new("tree", "tree-walk interpreter over the checked AST (the oracle)", () => new Veld.TreeWalk.TreeWalkTier()),
        new("stack", "legacy stack VM (clox-style bytecode)", () => new Veld.StackVm.StackVmTier())
        {
            Disassemble = program => Veld.StackVm.Disassembler.Disassemble(Veld.StackVm.StackVmTier.CompileProgram(program)),
            IsBaseline = true,
        },
        new("register", "register VM (Lua 5.4-style 32-bit instructions)", () => new Veld.RegisterVm.RegisterVmTier())
        {
            Disassemble = program => Veld.RegisterVm.Disassembler.Disassemble(Veld.RegisterVm.ProgramCompiler.Compile(program)),
            File = RegisterBytecodeFile(),
        },
        new("jit", "register VM that compiles hot functions to IL", () => new Veld.Jit.JitTier())
        {
            Disassemble = program => Veld.Jit.JitDisassembler.Disassemble(Veld.RegisterVm.ProgramCompiler.Compile(program)),
        },
    ]);

    /// <summary>The register VM's <c>.veldc</c> file: its loader verifies every operand before anything runs.</summary>
    private static BytecodeFile RegisterBytecodeFile() => new(
        Veld.RegisterVm.VeldcFormat.Extension,
        bytes => Veld.RegisterVm.VeldcFormat.HasMagic(bytes),
        program => Veld.RegisterVm.VeldcWriter.Write(Veld.RegisterVm.RegisterVmTier.CompileChecked(program)),
        bytes => Veld.RegisterVm.RegisterVmTier.Load(ReadVeldc(bytes)),
        bytes => Veld.RegisterVm.Disassembler.Disassemble(ReadVeldc(bytes)));

    private static Veld.RegisterVm.RegisterProgram ReadVeldc(byte[] bytes)
    {
        try { return Veld.RegisterVm.VeldcReader.Read(bytes); }
        catch (Veld.RegisterVm.VeldcFormatException e) { throw new BytecodeFileException(e.Message, e); }
    }

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

    /// <summary>The tier the others' figures are relative to (<see cref="TierRegistration.IsBaseline"/>), if one is registered.</summary>
    public TierRegistration? Baseline => _tiers.FirstOrDefault(t => t.IsBaseline);

    /// <summary>The tiers that can show their compiled code.</summary>
    public IEnumerable<TierRegistration> WithDisassembler => _tiers.Where(t => t.Disassemble is not null);

    /// <summary>The tier whose compiled-program file <paramref name="bytes"/> is, or null when it is none (source text).</summary>
    public TierRegistration? OwnerOfFile(byte[] bytes) => _tiers.FirstOrDefault(t => t.File?.Recognizes(bytes) == true);

    /// <summary>The tiers that can save compiled programs to files.</summary>
    public IEnumerable<TierRegistration> WithFile => _tiers.Where(t => t.File is not null);

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
