using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Veld.Mutation;

/// <summary>Which expressions may become <c>(Active == ID ? MUTATED : ORIGINAL)</c> without changing what the
/// compiler proves about the method: a ternary keeps definite assignment only around pure expressions, and
/// it is never a constant, so sites where a constant is required are left alone.</summary>
public static class SiteFilter
{
    public static bool CanWrap(ExpressionSyntax node) => InCode(node) && !InConstantContext(node) && IsPure(node);

    /// <summary>Code that runs: a method, accessor, local function or lambda body; not a field initializer,
    /// a default parameter value or an assertion compiled out of Release builds.</summary>
    private static bool InCode(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case InvocationExpressionSyntax call when IsCompiledOut(call):
                case ParameterSyntax:
                case AttributeArgumentSyntax:
                    return false;
                case BlockSyntax:
                case ArrowExpressionClauseSyntax:
                    return true;
                case MemberDeclarationSyntax:
                    return false;
            }
        }
        return false;
    }

    private static bool IsCompiledOut(InvocationExpressionSyntax call)
    {
        var name = call.Expression.ToString();
        return name.StartsWith("Debug.", StringComparison.Ordinal) || name == "nameof";
    }

    private static bool InConstantContext(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case PatternSyntax:
                case SwitchLabelSyntax:
                case GotoStatementSyntax:
                case EnumMemberDeclarationSyntax:
                case AttributeArgumentSyntax:
                    return true;
                case LocalDeclarationStatementSyntax local:
                    return local.IsConst;
                case FieldDeclarationSyntax field:
                    return field.Modifiers.Any(SyntaxKind.ConstKeyword);
                case StatementSyntax:
                case MemberDeclarationSyntax:
                    return false;
            }
        }
        return false;
    }

    /// <summary>Nothing inside writes a variable the compiler tracks, declares one, or needs a place in memory:
    /// an assignment, an <c>out</c>/<c>ref</c> argument, a declaration pattern, <c>stackalloc</c>, a <c>ref</c>
    /// expression, a throw or a lambda. An increment is allowed only as the site itself.</summary>
    private static bool IsPure(ExpressionSyntax node)
    {
        foreach (var inner in node.DescendantNodesAndSelf())
        {
            switch (inner)
            {
                case AssignmentExpressionSyntax:
                case DeclarationExpressionSyntax:
                case DeclarationPatternSyntax:
                case VarPatternSyntax:
                case SingleVariableDesignationSyntax:
                case StackAllocArrayCreationExpressionSyntax:
                case ImplicitStackAllocArrayCreationExpressionSyntax:
                case RefExpressionSyntax:
                case ThrowExpressionSyntax:
                case AnonymousFunctionExpressionSyntax:
                case SwitchExpressionSyntax:
                case ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None }:
                    return false;
                case ExpressionSyntax increment when MutationOperators.IsIncrement(increment) && increment != node:
                    return false;
            }
        }
        return true;
    }

    /// <summary>Conditions that are literally true or false keep loops infinite and branches dead for the
    /// compiler's reachability analysis; negating them through a ternary would change it.</summary>
    public static bool IsConstantCondition(ExpressionSyntax condition) =>
        condition.IsKind(SyntaxKind.TrueLiteralExpression) || condition.IsKind(SyntaxKind.FalseLiteralExpression);
}
