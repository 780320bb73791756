using Veld.Language.Syntax;

namespace Veld.Differential.Printing;

/// <summary>The direct children of syntax nodes, for passes that only need to look (the generator's
/// growth rule, the reducer's size measure). Iterative walks keep deep trees off the call stack.</summary>
public static class SyntaxTraversal
{
    /// <summary>Direct child nodes: expressions, statements, blocks, match arms and function nodes.</summary>
    public static IEnumerable<Node> Children(Node node)
    {
        switch (node)
        {
            case ProgramNode p: foreach (var s in p.Statements) yield return s; break;
            case Block b: foreach (var s in b.Statements) yield return s; break;
            case ExprStmt es: yield return es.Expr; break;
            case LetStmt let: yield return let.Value; break;
            case FnDecl fn: yield return fn.Function; break;
            case ImplDecl impl: foreach (var m in impl.Methods) yield return m; break;
            case FunctionNode f: yield return f.Body; break;
            case MatchArm arm:
                if (arm.Guard is not null) yield return arm.Guard;
                yield return arm.Body;
                break;
            case Expr e:
                foreach (var c in Children(e)) yield return c;
                break;
        }
    }

    private static IEnumerable<Node> Children(Expr e)
    {
        switch (e)
        {
            case UnaryExpr u: yield return u.Operand; break;
            case BinaryExpr b: yield return b.Left; yield return b.Right; break;
            case LogicalExpr l: yield return l.Left; yield return l.Right; break;
            case RangeExpr r: yield return r.Start; yield return r.End; break;
            case CastExpr c: yield return c.Value; break;
            case CallExpr call:
                yield return call.Callee;
                foreach (var a in call.Args) yield return a.Value;
                break;
            case MemberExpr m: yield return m.Target; break;
            case MethodCallExpr mc:
                yield return mc.Target;
                foreach (var a in mc.Args) yield return a.Value;
                break;
            case TupleIndexExpr ti: yield return ti.Target; break;
            case IndexExpr ix: yield return ix.Target; yield return ix.Index; break;
            case ArrayExpr a: foreach (var x in a.Elements) yield return x; break;
            case TupleExpr t: foreach (var x in t.Elements) yield return x; break;
            case MapExpr m:
                foreach (var entry in m.Entries) { yield return entry.Key; yield return entry.Value; }
                break;
            case FunctionExpr fe: yield return fe.Function; break;
            case IfExpr ie:
                foreach (var br in ie.Branches) { yield return br.Condition; yield return br.Body; }
                if (ie.Else is not null) yield return ie.Else;
                break;
            case WhileExpr w: yield return w.Condition; yield return w.Body; break;
            case ForExpr f: yield return f.Iterable; yield return f.Body; break;
            case BlockExpr be: yield return be.Block; break;
            case LetInExpr li: yield return li.Value; yield return li.Body; break;
            case MatchExpr me:
                yield return me.Scrutinee;
                foreach (var arm in me.Arms) yield return arm;
                break;
            case TryExpr te: yield return te.Body; yield return te.Handler; break;
            case ReturnExpr r when r.Value is not null: yield return r.Value; break;
            case ThrowExpr th: yield return th.Value; break;
            case AssignExpr asg: yield return asg.Target; yield return asg.Value; break;
            case MacroExpr mac:
                foreach (var part in mac.Parts) if (part.Value is not null) yield return part.Value;
                if (mac.Condition is not null) yield return mac.Condition;
                if (mac.Message is not null) yield return mac.Message;
                break;
        }
    }

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
