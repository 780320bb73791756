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

    /// <summary>The direct sub-expressions and statements of a node, function bodies excluded.</summary>
    public static IEnumerable<Node> Children(Node node)
    {
        switch (node)
        {
            case UnaryExpr u: yield return u.Operand; break;
            case BinaryExpr b: yield return b.Left; yield return b.Right; break;
            case LogicalExpr l: yield return l.Left; yield return l.Right; break;
            case RangeExpr r: yield return r.Start; yield return r.End; break;
            case CastExpr c: yield return c.Value; break;
            case CallExpr c:
                yield return c.Callee;
                foreach (var a in c.Args) yield return a.Value;
                break;
            case MemberExpr m: yield return m.Target; break;
            case MethodCallExpr m:
                yield return m.Target;
                foreach (var a in m.Args) yield return a.Value;
                break;
            case TupleIndexExpr t: yield return t.Target; break;
            case IndexExpr i: yield return i.Target; yield return i.Index; break;
            case ArrayExpr a: foreach (var x in a.Elements) yield return x; break;
            case TupleExpr t: foreach (var x in t.Elements) yield return x; break;
            case MapExpr m:
                foreach (var entry in m.Entries) { yield return entry.Key; yield return entry.Value; }
                break;
            case IfExpr i:
                foreach (var br in i.Branches) { yield return br.Condition; yield return br.Body; }
                if (i.Else is not null) yield return i.Else;
                break;
            case WhileExpr w: yield return w.Condition; yield return w.Body; break;
            case ForExpr f: yield return f.Iterable; yield return f.Body; break;
            case BlockExpr b: yield return b.Block; break;
            case LetInExpr l: yield return l.Value; yield return l.Body; break;
            case MatchExpr m:
                yield return m.Scrutinee;
                foreach (var arm in m.Arms)
                {
                    if (arm.Guard is not null) yield return arm.Guard;
                    yield return arm.Body;
                }
                break;
            case TryExpr t: yield return t.Body; yield return t.Handler; break;
            case ReturnExpr { Value: { } v }: yield return v; break;
            case ThrowExpr t: yield return t.Value; break;
            case AssignExpr a: yield return a.Target; yield return a.Value; break;
            case MacroExpr m:
                foreach (var p in m.Parts) if (p.Value is not null) yield return p.Value;
                if (m.Condition is not null) yield return m.Condition;
                if (m.Message is not null) yield return m.Message;
                break;
            case Block b: foreach (var s in b.Statements) yield return s; break;
            case ExprStmt s: yield return s.Expr; break;
            case LetStmt l: yield return l.Value; break;
        }
    }
}
