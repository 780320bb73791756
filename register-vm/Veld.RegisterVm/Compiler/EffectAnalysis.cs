using Veld.Language.Syntax;

namespace Veld.RegisterVm;

/// <summary>
/// Answers one question for the compiler: can evaluating an expression change a given local?
/// A local's register is used directly as an operand (no copy) only when the operands evaluated after
/// it cannot write it; otherwise <c>n + f()</c> would see f's write to n, while the language reads n first.
/// Conservative: an assignment to the local, or, for a captured local, any call (the callee may be a
/// closure that writes it). Nested function bodies are not entered: defining a closure runs nothing.
/// </summary>
internal static class EffectAnalysis
{
    /// <summary>The walks' work list, reused: they run for most operands, and neither walk starts another.</summary>
    [ThreadStatic] private static Stack<Node>? t_pending;

    private static Stack<Node> Pending(Expr e)
    {
        var pending = t_pending ??= new Stack<Node>();
        pending.Clear();
        pending.Push(e);
        return pending;
    }

    public static bool MayWrite(Expr e, Binding local)
    {
        // The front end rejects every assignment to an immutable binding, so only a call could change one (see
        // below), and none can when no closure captures it: most operands (parameters, lets) need no walk.
        if (!local.IsMutable && !local.IsCaptured) return false;
        var pending = Pending(e);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case AssignExpr a when a.Target is NameExpr { Ref.Binding: var target } && ReferenceEquals(target, local):
                    return true;
                case CallExpr or MethodCallExpr when local.IsCaptured:
                    return true;
                case FunctionExpr:
                    continue;
                case var node:
                    PushChildren(node, pending);
                    break;
            }
        }
        return false;
    }

    public static bool MayWriteAny(IReadOnlyList<Expr> later, Binding local)
    {
        for (int i = 0; i < later.Count; i++)
            if (MayWrite(later[i], local)) return true;
        return false;
    }

    /// <summary>The same for the operands a caller names one by one (a span: no array per call).</summary>
    public static bool MayWriteAny(ReadOnlySpan<Expr> later, Binding local)
    {
        foreach (var e in later)
            if (MayWrite(e, local)) return true;
        return false;
    }

    /// <summary>True if evaluating <paramref name="e"/> may change any state: it calls something or assigns.</summary>
    public static bool MayRunCode(Expr e)
    {
        var pending = Pending(e);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is CallExpr or MethodCallExpr or AssignExpr or MacroExpr) return true;
            if (node is FunctionExpr) continue;
            PushChildren(node, pending);
        }
        return false;
    }

    /// <summary>Pushes the direct sub-expressions and statements of a node (the language's <see cref="SyntaxWalk"/>),
    /// function bodies and patterns excluded, with a match's arms opened into their guards and bodies. (Pushed, not
    /// yielded: these walks visit every node of the program, and an iterator per node was a third of the compile time.)</summary>
    public static void PushChildren(Node node, Stack<Node> pending)
    {
        if (node is FunctionExpr or FnDecl or ImplDecl or FunctionNode) return;
        foreach (var child in SyntaxWalk.Children(node))
        {
            if (child is Pattern) continue;
            if (child is MatchArm arm)
            {
                foreach (var part in SyntaxWalk.Children(arm))
                    if (part is not Pattern) pending.Push(part);
            }
            else
            {
                pending.Push(child);
            }
        }
    }
}
