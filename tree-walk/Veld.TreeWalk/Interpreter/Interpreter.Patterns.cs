using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>
/// Pattern matching for match arms, let destructuring and for loops. Names bind as they are met; when a
/// later part fails the arm is abandoned and its half-made bindings are simply never read.
/// Recursion follows the pattern's nesting, which the parser bounds.
/// </summary>
internal sealed partial class Interpreter
{
    private bool MatchPattern(Pattern pattern, Value value, Frame f)
    {
        switch (pattern)
        {
            case BindingPattern p:
                Declare(p.Binding, value, f);
                return true;
            case WildcardPattern:
                return true;
            case LiteralPattern p:
                return MatchLiteral(p.Value, value);
            case RangePattern p:
                return RangeTest.Matches(value, p.Low, p.High, p.Inclusive);
            case TuplePattern p:
                return value.Is<VeldTuple>(out var tuple) && MatchAll(p.Elements, tuple.Items, f);
            case VariantPattern p:
                return value.Is<EnumInstance>(out var instance)
                    && ReferenceEquals(instance.Type, _types.EnumOf(p.Enum!))
                    && instance.Variant == p.VariantIndex
                    && (p.Payload is null || MatchAll(p.Payload, instance.Payload, f));
            default:
                throw new InvalidOperationException($"tree-walk: unknown pattern {pattern.GetType().Name}");
        }
    }

    private bool MatchAll(List<Pattern> patterns, Value[] values, Frame f)
    {
        if (patterns.Count != values.Length) return false;
        for (int i = 0; i < values.Length; i++)
            if (!MatchPattern(patterns[i], values[i], f)) return false;
        return true;
    }

    /// <summary>Numbers match by numeric equality, as <c>==</c> (so <c>1</c> matches <c>1.0</c>);
    /// strings and bools by value.</summary>
    private static bool MatchLiteral(object literal, Value value) => literal switch
    {
        long i => value.IsNumber && Operators.Equal(value, Value.FromInt(i)),
        double d => value.IsNumber && Operators.Equal(value, Value.FromFloat(d)),
        bool b => value.IsBool && value.AsBool == b,
        string s => value.Is<VeldString>(out var str) && string.Equals(str.Text, s, StringComparison.Ordinal),
        _ => throw new InvalidOperationException($"tree-walk: literal pattern of type {literal.GetType().Name}"),
    };
}
