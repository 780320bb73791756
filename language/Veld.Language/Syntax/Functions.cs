namespace Veld.Language.Syntax;

public sealed record Parameter(Binding Binding, TypeRef? Type);

/// <summary>
/// Every function: top-level and nested <c>fn</c>/<c>proc</c>, methods, lambdas, and the program's
/// top-level code itself (<see cref="IsScript"/>). Parameters take local slots 0..n-1 (a method's
/// <c>self</c> is parameter 0).
/// </summary>
public sealed class FunctionNode : Node
{
    /// <summary>Declared name; null for lambdas and anonymous <c>fn</c> expressions.</summary>
    public string? Name { get; init; }
    public List<string> Generics { get; init; } = [];
    public required List<Parameter> Parameters { get; init; }
    public TypeRef? ReturnType { get; init; }
    /// <summary>The body; an expression body (<c>=&gt; e</c>) is a block of one <see cref="ExprStmt"/>.</summary>
    public required Block Body { get; init; }
    /// <summary>A <c>proc</c>: always returns unit.</summary>
    public bool IsProc { get; init; }
    /// <summary>Written as <c>x =&gt; ..</c>, <c>(a, b) =&gt; ..</c> or <c>fn(..)</c> without a name.</summary>
    public bool IsLambda { get; init; }
    /// <summary>A method whose first parameter is <c>self</c>.</summary>
    public bool HasSelf { get; init; }
    public bool IsScript { get; init; }

    /// <summary>Set by the resolver: local slots this function needs (parameters included).
    /// Slots of scopes that have ended are reused, so this is the maximum live at once.</summary>
    public int LocalCount { get; set; }
    /// <summary>Set by the resolver: captured variables, in the order closures index them.</summary>
    public List<UpvalueDesc> Upvalues { get; } = [];
    /// <summary>Set by the resolver: for a method, the type it belongs to.</summary>
    public TypeDecl? Owner { get; set; }
    /// <summary>Display name: <c>name</c> or <c>lambda@LINE</c>.</summary>
    public string DisplayName => Name ?? $"lambda@{Line}";
}

/// <summary>
/// One captured variable of a function, as clox and Lua describe it: when the closure is created,
/// take the enclosing function's local slot <see cref="Index"/> (<see cref="FromParentLocal"/>) or the
/// enclosing function's own upvalue <see cref="Index"/>.
/// </summary>
public sealed record UpvalueDesc(bool FromParentLocal, int Index, Binding Binding);
