namespace Veld.Language.Syntax;

/// <summary>
/// A type annotation: parsed and kept (for error messages and <c>as</c> casts), never checked.
/// <see cref="Text"/> is the annotation as written, normalised to single spaces; <see cref="Name"/> is the
/// head name for simple and generic types (<c>i64</c>, <c>Option</c>), null for [T], (A, B), A | B, fn(..).
/// </summary>
public sealed class TypeRef : Node
{
    public required string Text { get; init; }
    public string? Name { get; init; }
}
