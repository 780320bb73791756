namespace Veld.RegisterVm.Fuzzing;

/// <summary>One step applied to the register allocator by the model-based property.</summary>
public abstract record AllocatorOp
{
    /// <summary>Declare local <see cref="Name"/> in the current scope.</summary>
    public sealed record Declare(string Name) : AllocatorOp { public override string ToString() => $"declare {Name}"; }
    /// <summary>Push a temporary.</summary>
    public sealed record Temp : AllocatorOp { public override string ToString() => "temp"; }
    /// <summary>Push <see cref="Count"/> temporaries at once (a call window).</summary>
    public sealed record Temps(int Count) : AllocatorOp { public override string ToString() => $"temps {Count}"; }
    /// <summary>Free the register <see cref="Depth"/> below the top (0 = the top): only the top temporary may be freed.</summary>
    public sealed record Free(int Depth) : AllocatorOp { public override string ToString() => $"free top-{Depth}"; }
    /// <summary>Turn the top temporary into local <see cref="Name"/>.</summary>
    public sealed record Promote(string Name) : AllocatorOp { public override string ToString() => $"promote {Name}"; }
    public sealed record EnterScope : AllocatorOp { public override string ToString() => "enter-scope"; }
    public sealed record ExitScope : AllocatorOp { public override string ToString() => "exit-scope"; }
    /// <summary>Save the state as snapshot number (count so far).</summary>
    public sealed record Snapshot : AllocatorOp { public override string ToString() => "snapshot"; }
    /// <summary>Go back to snapshot <see cref="Index"/> (modulo the number taken).</summary>
    public sealed record Restore(int Index) : AllocatorOp { public override string ToString() => $"restore #{Index}"; }
}

/// <summary>
/// The obviously correct model the allocator is checked against: a list of live values (each a local
/// with a name and scope depth, or a temporary), a list of scope starts, and saved copies of both.
/// The register of a value is its position in the list. It predicts, for every operation, whether
/// it is legal and what register results; <see cref="AllocatorModelChecker"/> compares.
/// </summary>
public sealed class AllocatorModel
{
    public sealed record Entry(bool IsLocal, string? Name, int ScopeDepth);

    public List<Entry> Entries { get; private set; } = [];
    public List<int> ScopeStarts { get; private set; } = [];
    public int HighWater { get; private set; }
    private readonly List<(List<Entry> Entries, List<int> Scopes)> _snapshots = [];

    public int Top => Entries.Count;
    public int SnapshotCount => _snapshots.Count;

    public bool CanPush(int count) => Top + count <= RegisterAllocator.MaxRegisters;

    public int Push(bool local, string? name)
    {
        Entries.Add(new Entry(local, name, ScopeStarts.Count));
        HighWater = Math.Max(HighWater, Top);
        return Top - 1;
    }

    /// <summary>Only the top register may be freed, only if it is a temporary, and only in the scope that
    /// allocated it (not below the innermost scope's start).</summary>
    public bool CanFree(int register) => register == Top - 1 && register >= 0 && !Entries[register].IsLocal && register >= ScopeStart;

    public int ScopeStart => ScopeStarts.Count == 0 ? 0 : ScopeStarts[^1];

    public void Free() => Entries.RemoveAt(Top - 1);

    public bool CanPromote => Top > 0 && !Entries[^1].IsLocal && Top - 1 >= ScopeStart;

    public void Promote(string name) => Entries[^1] = new Entry(true, name, ScopeStarts.Count);

    public void EnterScope() => ScopeStarts.Add(Top);

    /// <summary>Legal when a scope is open and everything above its start is a local of that scope.</summary>
    public bool CanExitScope()
    {
        if (ScopeStarts.Count == 0) return false;
        int start = ScopeStarts[^1];
        for (int r = start; r < Top; r++)
            if (!Entries[r].IsLocal || Entries[r].ScopeDepth != ScopeStarts.Count) return false;
        return true;
    }

    /// <summary>The registers the exit frees: exactly the scope's locals.</summary>
    public List<int> ExitScope()
    {
        int start = ScopeStarts[^1];
        var freed = Enumerable.Range(start, Top - start).ToList();
        Entries.RemoveRange(start, Top - start);
        ScopeStarts.RemoveAt(ScopeStarts.Count - 1);
        return freed;
    }

    public void Snapshot() => _snapshots.Add(([.. Entries], [.. ScopeStarts]));

    public void Restore(int index)
    {
        var (entries, scopes) = _snapshots[index];
        Entries = [.. entries];
        ScopeStarts = [.. scopes];
    }

    /// <summary>Shadowing: the register of the innermost live local called <paramref name="name"/>, or -1.</summary>
    public int Lookup(string name)
    {
        for (int r = Top - 1; r >= 0; r--)
            if (Entries[r].IsLocal && Entries[r].Name == name) return r;
        return -1;
    }
}
