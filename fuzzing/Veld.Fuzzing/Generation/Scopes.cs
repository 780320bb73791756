namespace Veld.Fuzzing.Generation;

/// <summary>A variable the generated code may name.</summary>
public sealed class VarInfo(string name, VType type)
{
    public string Name { get; } = name;
    public VType Type { get; } = type;
    /// <summary>Declared with <c>var</c> or <c>let mut</c>: assignable.</summary>
    public bool Mutable { get; init; }
    /// <summary>Mutable, but the generator never writes it at random: a loop counter.</summary>
    public bool Frozen { get; init; }
    /// <summary>A top-level declaration (module global).</summary>
    public bool IsGlobal { get; init; }
    /// <summary>Declared by a plain let/var statement (not a parameter, loop or pattern name): may be shadowed.</summary>
    public bool FromLet { get; init; }
    /// <summary>For function-typed variables: the estimated cost of one call.</summary>
    public long CallCost { get; init; } = 50;
    /// <summary>A non-negative int below this bound (loop variables over small ranges), or 0 if unknown.</summary>
    public int SmallBound { get; init; }
    /// <summary>A callable bound by a nested <c>fn</c> or a let-bound lambda of known shape.</summary>
    public CallableInfo? Callable { get; init; }

    public bool Assignable => Mutable && !Frozen;
}

/// <summary>Lexical scopes of the code being generated: each block pushes one.</summary>
public sealed class ScopeChain
{
    private readonly List<List<VarInfo>> _scopes = [[]];

    public int Depth => _scopes.Count;

    public void Push() => _scopes.Add([]);
    public void Pop() => _scopes.RemoveAt(_scopes.Count - 1);

    public void Declare(VarInfo v) => _scopes[^1].Add(v);

    /// <summary>The innermost variable of each name: what a name means here.</summary>
    public IEnumerable<VarInfo> Visible()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = _scopes.Count - 1; i >= 0; i--)
            for (int j = _scopes[i].Count - 1; j >= 0; j--)
                if (seen.Add(_scopes[i][j].Name))
                    yield return _scopes[i][j];
    }

    public VarInfo? Lookup(string name)
    {
        for (int i = _scopes.Count - 1; i >= 0; i--)
            for (int j = _scopes[i].Count - 1; j >= 0; j--)
                if (_scopes[i][j].Name == name)
                    return _scopes[i][j];
        return null;
    }

    /// <summary>Variables declared in the innermost scope (candidates for shadowing tests).</summary>
    public IReadOnlyList<VarInfo> Innermost => _scopes[^1];

    /// <summary>A snapshot of the chain, for the body of a function declared here: it sees the same names.</summary>
    public ScopeChain Fork()
    {
        var copy = new ScopeChain();
        copy._scopes.Clear();
        foreach (var s in _scopes) copy._scopes.Add([.. s]);
        return copy;
    }
}
