using Veld.Language.Syntax;

namespace Veld.TreeWalk;

/// <summary>
/// The direct children of every syntax node that the interpreter evaluates, in source order: the
/// language's <see cref="SyntaxWalk"/> less the parts the resolver has already turned into annotations
/// (the type name in <c>Point(x: 1)</c>, the enum in <c>Color.Red</c> and <c>Shape.Circle(r)</c>, the
/// type in <c>Point.new()</c>, the module in <c>std.io.println</c>). The compile-time analysis walks the
/// tree with an explicit stack over this, so no recursion is involved however deep the program.
/// </summary>
internal static class SyntaxChildren
{
    public static IEnumerable<Node> Of(Node node) =>
        SyntaxWalk.Children(node).Where(child => !ResolvedAway(node, child));

    /// <summary>True for a child that names something the resolver bound statically, so nothing evaluates it.</summary>
    private static bool ResolvedAway(Node parent, Node child) => parent switch
    {
        CallExpr { Kind: CallKind.StructConstruct } call => ReferenceEquals(child, call.Callee),
        MemberExpr { Kind: not MemberKind.Field } member => ReferenceEquals(child, member.Target),
        MethodCallExpr { Kind: not MethodCallKind.Dynamic } call => ReferenceEquals(child, call.Target),
        _ => false,
    };
}
