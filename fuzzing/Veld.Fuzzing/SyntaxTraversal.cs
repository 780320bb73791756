using Veld.Language.Syntax;

namespace Veld.Fuzzing;

/// <summary>The direct children of syntax nodes, for passes that only need to look (the generator's
/// growth rule, the reducer's size measure). Iterative walks keep deep trees off the call stack.</summary>
public static class SyntaxTraversal
{
    /// <summary>Direct child nodes: the language's <see cref="SyntaxWalk"/> without patterns (expressions,
    /// statements, blocks, match arms and function nodes), which is what generation and reduction work on.</summary>
    public static IEnumerable<Node> Children(Node node) => SyntaxWalk.Children(node).Where(child => child is not Pattern);

    /// <summary>Every node under <paramref name="root"/> (itself included), pre-order; <paramref name="enter"/>
    /// decides whether to look inside a node.</summary>
    public static IEnumerable<Node> Descendants(Node root, Func<Node, bool>? enter = null)
    {
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            if (enter is not null && !enter(n)) continue;
            var children = Children(n).ToList();
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }
}
