namespace Veld.Language.Syntax;

/// <summary>A position in a source file. Both numbers are 1-based; columns count Unicode scalar values.</summary>
public readonly record struct SourcePos(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>
/// Base of every syntax tree node. The parser builds the tree; the resolver then fills in the
/// annotation properties (marked "Set by the resolver") in place. After a successful resolve the
/// tree is read-only: every tier compiles from the same annotated tree, so they agree on scopes,
/// slots, captures, globals and tail positions by construction.
/// </summary>
public abstract class Node
{
    public SourcePos Pos { get; init; }
    public int Line => Pos.Line;
}
