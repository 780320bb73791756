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
    public static bool MayWrite(Expr e, Binding local)
    {
        var pending = new Stack<Node>();
        pending.Push(e);
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
                    foreach (var child in Children(node)) pending.Push(child);
                    break;
            }
        }
        return false;
    }

    public static bool MayWriteAny(IEnumerable<Expr> later, Binding local) => later.Any(e => MayWrite(e, local));

    /// <summary>True if evaluating <paramref name="e"/> may change any state: it calls something or assigns.</summary>
    public static bool MayRunCode(Expr e)
    {
        var pending = new Stack<Node>();
        pending.Push(e);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is CallExpr or MethodCallExpr or AssignExpr or MacroExpr) return true;
            if (node is FunctionExpr) continue;
            foreach (var child in Children(node)) pending.Push(child);
        }
        return false;
    }

    /// <summary>Every module global that some function body (not top-level code) reads or writes.</summary>
    public static HashSet<int> GlobalsUsedByFunctions(CheckedProgram program)
    {
        var used = new HashSet<int>();
        var functions = new Stack<FunctionNode>();
        foreach (var g in program.Globals)
            if (g.HoistedFunction is { } decl) functions.Push(decl.Function);
        foreach (var type in program.Types)
            foreach (var method in type.Methods) functions.Push(method);
        // Functions nested in the script's own code.
        foreach (var nested in NestedFunctions(program.Script.Body)) functions.Push(nested);

        while (functions.Count > 0)
        {
            var fn = functions.Pop();
            var pending = new Stack<Node>();
            pending.Push(fn.Body);
            while (pending.Count > 0)
            {
                var node = pending.Pop();
                if (node is NameExpr { Ref.Kind: VarKind.Global } name) used.Add(name.Ref.Index);
                if (node is FunctionExpr f) { pending.Push(f.Function.Body); continue; }
                if (node is FnDecl d) pending.Push(d.Function.Body);
                foreach (var child in Children(node)) pending.Push(child);
            }
        }
        return used;
    }

    /// <summary>The functions defined directly in <paramref name="root"/>'s code (not inside other functions).</summary>
    private static IEnumerable<FunctionNode> NestedFunctions(Node root)
    {
        var pending = new Stack<Node>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            switch (node)
            {
                case FunctionExpr f: yield return f.Function; continue;
                case FnDecl { Binding.Kind: BindingKind.Local } d: yield return d.Function; continue;
            }
            foreach (var child in Children(node)) pending.Push(child);
        }
    }

    /// <summary>The direct sub-expressions and statements of a node (the language's <see cref="SyntaxWalk"/>),
    /// function bodies and patterns excluded, with a match's arms opened into their guards and bodies.</summary>
    public static IEnumerable<Node> Children(Node node)
    {
        if (node is FunctionExpr or FnDecl or ImplDecl or FunctionNode) yield break;
        foreach (var child in SyntaxWalk.Children(node))
        {
            if (child is Pattern) continue;
            if (child is MatchArm arm)
            {
                foreach (var part in SyntaxWalk.Children(arm))
                    if (part is not Pattern) yield return part;
            }
            else
            {
                yield return child;
            }
        }
    }
}
