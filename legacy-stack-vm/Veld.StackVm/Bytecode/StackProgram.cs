namespace Veld.StackVm;

/// <summary>
/// A compiled program: the script's chunk, the top-level functions to create before it runs (hoisting),
/// and the struct/enum types with their methods' chunks. Immutable; each run builds its own types,
/// closures and globals from it.
/// </summary>
public sealed class StackProgram(Chunk script, IReadOnlyList<HoistedFunction> hoisted, IReadOnlyList<TypeInfo> types, string[] globalNames)
{
    public Chunk Script { get; } = script;
    public IReadOnlyList<HoistedFunction> Hoisted { get; } = hoisted;
    /// <summary>Indexed by type id.</summary>
    public IReadOnlyList<TypeInfo> Types { get; } = types;
    /// <summary>Name of each global slot, for the "read before its declaration ran" error.</summary>
    public string[] GlobalNames { get; } = globalNames;

    /// <summary>Every chunk: the script, hoisted functions and methods, each followed by its nested functions.</summary>
    public IEnumerable<Chunk> AllChunks()
    {
        var roots = new List<Chunk> { Script };
        roots.AddRange(Hoisted.Select(h => h.Chunk));
        roots.AddRange(Types.SelectMany(t => t.Methods));
        foreach (var root in roots)
            foreach (var chunk in WithNested(root))
                yield return chunk;
    }

    private static IEnumerable<Chunk> WithNested(Chunk root)
    {
        var pending = new Stack<Chunk>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var chunk = pending.Pop();
            yield return chunk;
            for (int i = chunk.Functions.Length - 1; i >= 0; i--) pending.Push(chunk.Functions[i]);
        }
    }

    /// <summary>Bytes of bytecode over all chunks.</summary>
    public long CodeBytes => AllChunks().Sum(c => (long)c.Code.Length);
}

/// <summary>A top-level fn/proc: its global slot and its chunk.</summary>
public sealed record HoistedFunction(int GlobalIndex, Chunk Chunk);

/// <summary>
/// A struct or enum as the VM needs it to build the run's runtime type: fields (struct) or variants
/// and their payload counts (enum), and its methods in source order. <see cref="IsError"/> marks the
/// built-in Error struct, which is the runtime's shared <c>StructType.Error</c>.
/// </summary>
public sealed record TypeInfo(int TypeId, string Name, bool IsError, string[]? Fields, string[]? Variants, int[]? PayloadCounts, Chunk[] Methods);
