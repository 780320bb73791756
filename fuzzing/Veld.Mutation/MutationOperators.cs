using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Veld.Mutation;

/// <summary>A mutation of one expression: the operator's name and the expression that replaces it.</summary>
public readonly record struct Candidate(string Operator, ExpressionSyntax Mutated);

/// <summary>The operator list (docs/FUZZING.md "Mutation testing"). Each mutation is built from the
/// original children, so a site's mutated branch never contains the schemata of the sites inside it.</summary>
public static class MutationOperators
{
    private static readonly Dictionary<SyntaxKind, (SyntaxKind To, string Operator)> BinarySwaps = new()
    {
        [SyntaxKind.LessThanExpression] = (SyntaxKind.LessThanOrEqualExpression, "relational"),
        [SyntaxKind.LessThanOrEqualExpression] = (SyntaxKind.LessThanExpression, "relational"),
        [SyntaxKind.GreaterThanExpression] = (SyntaxKind.GreaterThanOrEqualExpression, "relational"),
        [SyntaxKind.GreaterThanOrEqualExpression] = (SyntaxKind.GreaterThanExpression, "relational"),
        [SyntaxKind.EqualsExpression] = (SyntaxKind.NotEqualsExpression, "equality"),
        [SyntaxKind.NotEqualsExpression] = (SyntaxKind.EqualsExpression, "equality"),
        [SyntaxKind.AddExpression] = (SyntaxKind.SubtractExpression, "arithmetic"),
        [SyntaxKind.SubtractExpression] = (SyntaxKind.AddExpression, "arithmetic"),
        [SyntaxKind.MultiplyExpression] = (SyntaxKind.DivideExpression, "arithmetic"),
        [SyntaxKind.BitwiseAndExpression] = (SyntaxKind.BitwiseOrExpression, "bitwise"),
        [SyntaxKind.BitwiseOrExpression] = (SyntaxKind.BitwiseAndExpression, "bitwise"),
        [SyntaxKind.LeftShiftExpression] = (SyntaxKind.RightShiftExpression, "shift"),
        [SyntaxKind.RightShiftExpression] = (SyntaxKind.LeftShiftExpression, "shift"),
        [SyntaxKind.LogicalAndExpression] = (SyntaxKind.LogicalOrExpression, "logical"),
        [SyntaxKind.LogicalOrExpression] = (SyntaxKind.LogicalAndExpression, "logical"),
    };

    public static IEnumerable<Candidate> ForBinary(BinaryExpressionSyntax node)
    {
        if (!BinarySwaps.TryGetValue(node.Kind(), out var swap)) yield break;
        var token = Token(node.OperatorToken.LeadingTrivia, OperatorTokenOf(swap.To), node.OperatorToken.TrailingTrivia);
        yield return new(swap.Operator, BinaryExpression(swap.To, node.Left, token, node.Right));
    }

    /// <summary>Integer literal c becomes c + 1 and (when c is not already 0) 0, keeping its type.</summary>
    public static IEnumerable<Candidate> ForLiteral(LiteralExpressionSyntax node)
    {
        if (node.IsKind(SyntaxKind.TrueLiteralExpression) || node.IsKind(SyntaxKind.FalseLiteralExpression))
        {
            if (node.Parent is ReturnStatementSyntax)
                yield return new("return-bool", LiteralExpression(node.IsKind(SyntaxKind.TrueLiteralExpression) ? SyntaxKind.FalseLiteralExpression : SyntaxKind.TrueLiteralExpression));
            yield break;
        }
        if (!node.IsKind(SyntaxKind.NumericLiteralExpression)) yield break;
        switch (node.Token.Value)
        {
            case int i when i < int.MaxValue:
                yield return new("literal+1", Number(Literal(i + 1)));
                if (i != 0) yield return new("literal-0", Number(Literal(0)));
                break;
            case long l when l < long.MaxValue:
                yield return new("literal+1", Number(Literal(l + 1)));
                if (l != 0) yield return new("literal-0", Number(Literal(0L)));
                break;
            case uint u when u < uint.MaxValue:
                yield return new("literal+1", Number(Literal(u + 1)));
                if (u != 0) yield return new("literal-0", Number(Literal(0U)));
                break;
            case ulong ul when ul < ulong.MaxValue:
                yield return new("literal+1", Number(Literal(ul + 1)));
                if (ul != 0) yield return new("literal-0", Number(Literal(0UL)));
                break;
        }
    }

    public static IEnumerable<Candidate> ForIncrement(ExpressionSyntax node)
    {
        switch (node)
        {
            case PostfixUnaryExpressionSyntax post when post.IsKind(SyntaxKind.PostIncrementExpression) || post.IsKind(SyntaxKind.PostDecrementExpression):
                var postKind = post.IsKind(SyntaxKind.PostIncrementExpression) ? SyntaxKind.PostDecrementExpression : SyntaxKind.PostIncrementExpression;
                yield return new("increment", PostfixUnaryExpression(postKind, post.Operand));
                break;
            case PrefixUnaryExpressionSyntax pre when pre.IsKind(SyntaxKind.PreIncrementExpression) || pre.IsKind(SyntaxKind.PreDecrementExpression):
                var preKind = pre.IsKind(SyntaxKind.PreIncrementExpression) ? SyntaxKind.PreDecrementExpression : SyntaxKind.PreIncrementExpression;
                yield return new("increment", PrefixUnaryExpression(preKind, pre.Operand));
                break;
        }
    }

    public static Candidate Negation(ExpressionSyntax condition) =>
        new("negate-condition", PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, ParenthesizedExpression(condition.WithoutTrivia())));

    public static bool IsIncrement(SyntaxNode node) =>
        node.IsKind(SyntaxKind.PostIncrementExpression) || node.IsKind(SyntaxKind.PostDecrementExpression)
        || node.IsKind(SyntaxKind.PreIncrementExpression) || node.IsKind(SyntaxKind.PreDecrementExpression);

    private static LiteralExpressionSyntax Number(SyntaxToken token) => LiteralExpression(SyntaxKind.NumericLiteralExpression, token);

    private static SyntaxKind OperatorTokenOf(SyntaxKind expression) => expression switch
    {
        SyntaxKind.LessThanExpression => SyntaxKind.LessThanToken,
        SyntaxKind.LessThanOrEqualExpression => SyntaxKind.LessThanEqualsToken,
        SyntaxKind.GreaterThanExpression => SyntaxKind.GreaterThanToken,
        SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.GreaterThanEqualsToken,
        SyntaxKind.EqualsExpression => SyntaxKind.EqualsEqualsToken,
        SyntaxKind.NotEqualsExpression => SyntaxKind.ExclamationEqualsToken,
        SyntaxKind.AddExpression => SyntaxKind.PlusToken,
        SyntaxKind.SubtractExpression => SyntaxKind.MinusToken,
        SyntaxKind.DivideExpression => SyntaxKind.SlashToken,
        SyntaxKind.BitwiseAndExpression => SyntaxKind.AmpersandToken,
        SyntaxKind.BitwiseOrExpression => SyntaxKind.BarToken,
        SyntaxKind.LeftShiftExpression => SyntaxKind.LessThanLessThanToken,
        SyntaxKind.RightShiftExpression => SyntaxKind.GreaterThanGreaterThanToken,
        SyntaxKind.LogicalAndExpression => SyntaxKind.AmpersandAmpersandToken,
        SyntaxKind.LogicalOrExpression => SyntaxKind.BarBarToken,
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression, null),
    };
}
