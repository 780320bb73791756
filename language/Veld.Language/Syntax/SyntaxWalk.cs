namespace Veld.Language.Syntax;

/// <summary>
/// The one definition of which nodes a syntax node contains: its direct children, in source order.
/// Every pass that walks the tree (the interpreter's analysis, the register compiler's effect
/// analysis, the fuzzer's generator and reducer) asks this and keeps its own rules about which
/// children matter to it, so a new node kind is one edit here. Children are expressions, statements,
/// blocks, patterns, match arms and function nodes; type annotations and the names the resolver has
/// already bound are not nodes a pass walks. Callers walk with an explicit stack, so however deep
/// the tree, nothing recurses.
/// </summary>
public static class SyntaxWalk
{
    public static IEnumerable<Node> Children(Node node)
    {
        switch (node)
        {
            case ProgramNode program:
                foreach (var s in program.Statements) yield return s;
                break;
            case FunctionNode fn:
                yield return fn.Body;
                break;
            case Block block:
                foreach (var s in block.Statements) yield return s;
                break;

            // statements
            case ExprStmt s:
                yield return s.Expr;
                break;
            case LetStmt let:
                yield return let.Pattern;
                yield return let.Value;
                break;
            case FnDecl decl:
                yield return decl.Function;
                break;
            case ImplDecl impl:
                foreach (var m in impl.Methods) yield return m;
                break;
            case TypeDecl or ImportStmt:
                break;

            // expressions
            case IntLiteral or FloatLiteral or StringLiteral or BoolLiteral or UnitLiteral or NameExpr
                or BreakExpr or ContinueExpr:
                break;
            case UnaryExpr u:
                yield return u.Operand;
                break;
            case BinaryExpr b:
                yield return b.Left;
                yield return b.Right;
                break;
            case LogicalExpr l:
                yield return l.Left;
                yield return l.Right;
                break;
            case RangeExpr r:
                yield return r.Start;
                yield return r.End;
                break;
            case CastExpr c:
                yield return c.Value;
                break;
            case CallExpr call:
                yield return call.Callee;
                foreach (var a in call.Args) yield return a.Value;
                break;
            case MemberExpr m:
                yield return m.Target;
                break;
            case MethodCallExpr mc:
                yield return mc.Target;
                foreach (var a in mc.Args) yield return a.Value;
                break;
            case TupleIndexExpr t:
                yield return t.Target;
                break;
            case IndexExpr i:
                yield return i.Target;
                yield return i.Index;
                break;
            case ArrayExpr a:
                foreach (var e in a.Elements) yield return e;
                break;
            case TupleExpr t:
                foreach (var e in t.Elements) yield return e;
                break;
            case MapExpr m:
                foreach (var entry in m.Entries)
                {
                    yield return entry.Key;
                    yield return entry.Value;
                }
                break;
            case FunctionExpr f:
                yield return f.Function;
                break;
            case IfExpr ifExpr:
                foreach (var branch in ifExpr.Branches)
                {
                    yield return branch.Condition;
                    yield return branch.Body;
                }
                if (ifExpr.Else is not null) yield return ifExpr.Else;
                break;
            case WhileExpr w:
                yield return w.Condition;
                yield return w.Body;
                break;
            case ForExpr f:
                yield return f.Pattern;
                yield return f.Iterable;
                yield return f.Body;
                break;
            case BlockExpr b:
                yield return b.Block;
                break;
            case LetInExpr li:
                yield return li.Pattern;
                yield return li.Value;
                yield return li.Body;
                break;
            case MatchExpr m:
                yield return m.Scrutinee;
                foreach (var arm in m.Arms) yield return arm;
                break;
            case MatchArm arm:
                yield return arm.Pattern;
                if (arm.Guard is not null) yield return arm.Guard;
                yield return arm.Body;
                break;
            case TryExpr t:
                yield return t.Body;
                yield return t.Handler;
                break;
            case ReturnExpr r:
                if (r.Value is not null) yield return r.Value;
                break;
            case ThrowExpr t:
                yield return t.Value;
                break;
            case AssignExpr a:
                yield return a.Target;
                yield return a.Value;
                break;
            case MacroExpr m:
                foreach (var part in m.Parts)
                    if (part.Value is not null) yield return part.Value;
                if (m.Condition is not null) yield return m.Condition;
                if (m.Message is not null) yield return m.Message;
                break;

            // patterns
            case WildcardPattern or BindingPattern or LiteralPattern or RangePattern:
                break;
            case TuplePattern t:
                foreach (var p in t.Elements) yield return p;
                break;
            case VariantPattern v:
                if (v.Payload is not null)
                    foreach (var p in v.Payload) yield return p;
                break;

            case TypeRef:
                break;
            default:
                throw new InvalidOperationException($"SyntaxWalk: unknown syntax node {node.GetType().Name}; add its children here");
        }
    }
}
