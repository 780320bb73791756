namespace Veld.Language.Syntax;

/// <summary>Patterns of <c>match</c> arms, <c>let</c> destructuring and <c>for</c> loops.</summary>
public abstract class Pattern : Node
{
    /// <summary>Add the names this pattern binds to <paramref name="into"/>, in pattern order (the order the front end
    /// and every compiler bind them in). The caller owns the list, so a compiler can reuse one.</summary>
    public void AddBindingsTo(List<Binding> into)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // patterns nest as deep as the source does
        switch (this)
        {
            case BindingPattern b:
                into.Add(b.Binding);
                break;
            case TuplePattern t:
                foreach (var element in t.Elements) element.AddBindingsTo(into);
                break;
            case VariantPattern { Payload: { } payload }:
                foreach (var element in payload) element.AddBindingsTo(into);
                break;
        }
    }
}

/// <summary><c>_</c></summary>
public sealed class WildcardPattern : Pattern;

/// <summary>A name: matches anything and binds it.</summary>
public sealed class BindingPattern : Pattern { public required Binding Binding { get; init; } }

/// <summary>Literal: long, double, string or bool in <see cref="Value"/> (a leading <c>-</c> already applied).
/// Numbers match by numeric equality (as <c>==</c>).</summary>
public sealed class LiteralPattern : Pattern { public required object Value { get; init; } }

/// <summary><c>lo..hi</c> / <c>lo..=hi</c> over ints.</summary>
public sealed class RangePattern : Pattern
{
    public required long Low { get; init; }
    public required long High { get; init; }
    public required bool Inclusive { get; init; }
}

public sealed class TuplePattern : Pattern { public required List<Pattern> Elements { get; init; } }

/// <summary>
/// <c>Shape.Circle(r)</c>, <c>Circle(r)</c> (bare, if unambiguous), <c>Color.Red</c>.
/// A bare identifier without parentheses is always a <see cref="BindingPattern"/>.
/// </summary>
public sealed class VariantPattern : Pattern
{
    public string? EnumName { get; init; }
    public required string VariantName { get; init; }
    /// <summary>Null for a unit variant written without parentheses.</summary>
    public List<Pattern>? Payload { get; init; }
    /// <summary>Set by the resolver.</summary>
    public EnumDecl? Enum { get; set; }
    public int VariantIndex { get; set; }
}
