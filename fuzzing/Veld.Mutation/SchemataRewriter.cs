using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Veld.Mutation;

/// <summary>Rewrites one source file into mutant schemata: every site becomes
/// <c>(global::Veld.MutationSwitch.Active == ID ? MUTATED : ORIGINAL)</c>, so one build holds every mutant.
/// Ids are handed out in visiting order whether or not a mutant is excluded, so they stay stable while the
/// source does; excluded mutants (those the compiler rejected) are simply not written.</summary>
public sealed partial class SchemataRewriter(string file, int firstId, IReadOnlySet<int> excluded) : CSharpSyntaxRewriter
{
    public const string SwitchName = "global::Veld.MutationSwitch.Active";

    private readonly List<Mutant> _mutants = [];
    private int _nextId = firstId;

    /// <summary>Every mutant of the file, excluded ones included.</summary>
    public IReadOnlyList<Mutant> Mutants => _mutants;

    public int NextId => _nextId;

    public override SyntaxNode? VisitBinaryExpression(BinaryExpressionSyntax node) =>
        Wrap(node, (ExpressionSyntax)base.VisitBinaryExpression(node)!, MutationOperators.ForBinary(node));

    public override SyntaxNode? VisitLiteralExpression(LiteralExpressionSyntax node) =>
        Wrap(node, (ExpressionSyntax)base.VisitLiteralExpression(node)!, MutationOperators.ForLiteral(node));

    public override SyntaxNode? VisitPostfixUnaryExpression(PostfixUnaryExpressionSyntax node) =>
        VisitIncrement(node, (ExpressionSyntax)base.VisitPostfixUnaryExpression(node)!);

    public override SyntaxNode? VisitPrefixUnaryExpression(PrefixUnaryExpressionSyntax node) =>
        VisitIncrement(node, (ExpressionSyntax)base.VisitPrefixUnaryExpression(node)!);

    /// <summary>An increment used as a statement cannot become a ternary (not a statement expression); it
    /// becomes <c>{ if (Active == ID) x--; else x++; }</c> instead. In a for loop's incrementors it is skipped.</summary>
    public override SyntaxNode? VisitExpressionStatement(ExpressionStatementSyntax node)
    {
        if (!MutationOperators.IsIncrement(node.Expression)) return base.VisitExpressionStatement(node);
        var statement = node;
        foreach (var candidate in MutationOperators.ForIncrement(node.Expression))
        {
            if (Record(node.Expression, candidate) is not { } id) continue;
            statement = statement.WithoutTrivia();
            var mutated = ExpressionStatement(candidate.Mutated);
            return Block(IfStatement(Check(id), mutated, ElseClause(statement))).NormalizeWhitespace(indentation: "", eol: " ").WithTriviaFrom(node);
        }
        return statement;
    }

    public override SyntaxNode? VisitIfStatement(IfStatementSyntax node)
    {
        var rewritten = (IfStatementSyntax)base.VisitIfStatement(node)!;
        return rewritten.WithCondition(WrapCondition(node.Condition, rewritten.Condition));
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var rewritten = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return rewritten.WithCondition(WrapCondition(node.Condition, rewritten.Condition));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var rewritten = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return rewritten.WithCondition(WrapCondition(node.Condition, rewritten.Condition));
    }

    public override SyntaxNode? VisitConditionalExpression(ConditionalExpressionSyntax node)
    {
        var rewritten = (ConditionalExpressionSyntax)base.VisitConditionalExpression(node)!;
        return rewritten.WithCondition(WrapCondition(node.Condition, rewritten.Condition));
    }

    private ExpressionSyntax VisitIncrement(ExpressionSyntax original, ExpressionSyntax rewritten) =>
        original.Parent is ExpressionStatementSyntax || original.Parent is ForStatementSyntax
            ? rewritten
            : Wrap(original, rewritten, MutationOperators.ForIncrement(original));

    private ExpressionSyntax WrapCondition(ExpressionSyntax original, ExpressionSyntax rewritten) =>
        SiteFilter.IsConstantCondition(original) ? rewritten : Wrap(original, rewritten, [MutationOperators.Negation(original)]);

    private ExpressionSyntax Wrap(ExpressionSyntax original, ExpressionSyntax rewritten, IEnumerable<Candidate> candidates)
    {
        var result = rewritten;
        foreach (var candidate in candidates)
        {
            if (Record(original, candidate) is not { } id) continue;
            result = ParenthesizedExpression(ConditionalExpression(
                Check(id),
                Token(SyntaxKind.QuestionToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
                ParenthesizedExpression(candidate.Mutated.WithoutTrivia()),
                Token(SyntaxKind.ColonToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
                result.WithoutTrivia())).WithTriviaFrom(rewritten);
        }
        return result;
    }

    /// <summary>Hands the candidate an id; null when the site cannot be wrapped or the mutant is excluded.</summary>
    private int? Record(ExpressionSyntax original, Candidate candidate)
    {
        if (!SiteFilter.CanWrap(original)) return null;
        int id = _nextId++;
        int line = original.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        _mutants.Add(new Mutant(id, file, line, candidate.Operator, OneLine(original.ToString()), OneLine(candidate.Mutated.NormalizeWhitespace().ToString())));
        return excluded.Contains(id) ? null : id;
    }

    private static ExpressionSyntax Check(int id) => ParseExpression($"{SwitchName} == {id}");

    /// <summary>The id of a schema's check, when the expression is one.</summary>
    public static int? IdOfCheck(ExpressionSyntax condition) =>
        condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression, Right: LiteralExpressionSyntax literal } check
        && check.Left.ToString() == SwitchName
            ? (int)literal.Token.Value!
            : null;

    private static string OneLine(string text)
    {
        var flat = Whitespace().Replace(text, " ").Trim();
        return flat.Length <= 120 ? flat : flat[..117] + "...";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
