using System.Globalization;
using System.Text;

namespace Veld.Language.Syntax;

/// <summary>
/// Prints a syntax tree as compact S-expressions, e.g. <c>(+ 1 (* 2 3))</c>, for tests, debugging and
/// tools. Shows the tree's shape only, not the resolver's annotations. Recursion follows the tree,
/// whose depth the parser bounds.
/// </summary>
public static class SyntaxPrinter
{
    public static string Print(ProgramNode program) => string.Join("\n", program.Statements.Select(Print));

    public static string Print(Node node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Node node)
    {
        switch (node)
        {
            case Expr e: WriteExpr(sb, e); break;
            case Stmt s: WriteStmt(sb, s); break;
            case Pattern p: WritePattern(sb, p); break;
            case Block b: WriteBlock(sb, "block", b); break;
            case TypeRef t: sb.Append(t.Text); break;
            default: sb.Append(node.GetType().Name); break;
        }
    }

    private static void List(StringBuilder sb, string head, IEnumerable<Node?> items)
    {
        sb.Append('(').Append(head);
        foreach (var item in items)
        {
            sb.Append(' ');
            if (item is null) sb.Append("()");
            else Write(sb, item);
        }
        sb.Append(')');
    }

    private static void WriteBlock(StringBuilder sb, string head, Block block) => List(sb, head, block.Statements);

    private static void WriteExpr(StringBuilder sb, Expr expr)
    {
        switch (expr)
        {
            case IntLiteral i: sb.Append(i.Value.ToString(CultureInfo.InvariantCulture)); break;
            case FloatLiteral f: sb.Append(FormatFloat(f.Value)); break;
            case StringLiteral s: sb.Append(Quote(s.Value)); break;
            case BoolLiteral b: sb.Append(b.Value ? "true" : "false"); break;
            case UnitLiteral: sb.Append("()"); break;
            case NameExpr n: sb.Append(n.Name); break;
            case UnaryExpr u: List(sb, u.Op == UnaryOp.Negate ? "neg" : "not", [u.Operand]); break;
            case BinaryExpr b: List(sb, OperatorText(b.Op), [b.Left, b.Right]); break;
            case LogicalExpr l: List(sb, l.IsAnd ? "and" : "or", [l.Left, l.Right]); break;
            case RangeExpr r: List(sb, r.Inclusive ? "..=" : "..", [r.Start, r.End]); break;
            case CastExpr c:
                sb.Append("(as ");
                Write(sb, c.Value);
                sb.Append(' ').Append(c.Type.Text).Append(')');
                break;
            case CallExpr c:
                sb.Append("(call ");
                Write(sb, c.Callee);
                WriteArgs(sb, c.Args);
                sb.Append(')');
                break;
            case MethodCallExpr m:
                sb.Append("(.").Append(m.Name).Append(' ');
                Write(sb, m.Target);
                WriteArgs(sb, m.Args);
                sb.Append(')');
                break;
            case MemberExpr m: List(sb, "." + m.Name, [m.Target]); break;
            case TupleIndexExpr t: List(sb, "." + t.Index.ToString(CultureInfo.InvariantCulture), [t.Target]); break;
            case IndexExpr i: List(sb, "index", [i.Target, i.Index]); break;
            case ArrayExpr a: List(sb, "array", a.Elements); break;
            case TupleExpr t: List(sb, "tuple", t.Elements); break;
            case MapExpr m:
                sb.Append("(map");
                foreach (var entry in m.Entries)
                {
                    sb.Append(" (");
                    Write(sb, entry.Key);
                    sb.Append(' ');
                    Write(sb, entry.Value);
                    sb.Append(')');
                }
                sb.Append(')');
                break;
            case FunctionExpr f: WriteFunction(sb, f.Function); break;
            case IfExpr i:
                sb.Append("(if");
                foreach (var branch in i.Branches)
                {
                    sb.Append(' ');
                    Write(sb, branch.Condition);
                    sb.Append(' ');
                    Write(sb, branch.Body);
                }
                if (i.Else is { } elseBlock)
                {
                    sb.Append(" else ");
                    Write(sb, elseBlock);
                }
                sb.Append(')');
                break;
            case WhileExpr w: List(sb, "while", [w.Condition, w.Body]); break;
            case ForExpr f: List(sb, "for", [f.Pattern, f.Iterable, f.Body]); break;
            case BlockExpr b: WriteBlock(sb, "do", b.Block); break;
            case LetInExpr l: List(sb, "let-in", [l.Pattern, l.Value, l.Body]); break;
            case MatchExpr m:
                sb.Append("(match ");
                Write(sb, m.Scrutinee);
                foreach (var arm in m.Arms)
                {
                    sb.Append(" (arm ");
                    Write(sb, arm.Pattern);
                    if (arm.Guard is { } guard)
                    {
                        sb.Append(" where ");
                        Write(sb, guard);
                    }
                    sb.Append(' ');
                    Write(sb, arm.Body);
                    sb.Append(')');
                }
                sb.Append(')');
                break;
            case TryExpr t:
                sb.Append("(try ");
                Write(sb, t.Body);
                sb.Append(" catch ").Append(t.CatchBinding?.Name ?? "_").Append(' ');
                Write(sb, t.Handler);
                sb.Append(')');
                break;
            case ReturnExpr r: List(sb, "return", r.Value is null ? [] : [r.Value]); break;
            case BreakExpr: sb.Append("(break)"); break;
            case ContinueExpr: sb.Append("(continue)"); break;
            case ThrowExpr t: List(sb, "throw", [t.Value]); break;
            case AssignExpr a: List(sb, a.CompoundOp is { } op ? OperatorText(op) + "=" : "=", [a.Target, a.Value]); break;
            case MacroExpr m:
                sb.Append('(').Append(m.Kind.ToString().ToLowerInvariant()).Append('~');
                foreach (var part in m.Parts)
                {
                    sb.Append(' ');
                    if (part.Text is { } text) sb.Append(Quote(text));
                    else Write(sb, part.Value!);
                }
                if (m.Condition is { } condition)
                {
                    sb.Append(' ');
                    Write(sb, condition);
                }
                if (m.Message is { } message)
                {
                    sb.Append(' ');
                    Write(sb, message);
                }
                sb.Append(')');
                break;
            default: sb.Append(expr.GetType().Name); break;
        }
    }

    private static void WriteArgs(StringBuilder sb, List<Argument> args)
    {
        foreach (var arg in args)
        {
            sb.Append(' ');
            if (arg.Name is not null) sb.Append(arg.Name).Append(':');
            Write(sb, arg.Value);
        }
    }

    private static void WriteFunction(StringBuilder sb, FunctionNode f)
    {
        sb.Append(f.IsProc ? "(proc" : "(fn");
        if (f.Name is not null) sb.Append(' ').Append(f.Name);
        sb.Append(" (");
        sb.AppendJoin(' ', f.Parameters.Select(p => p.Type is null ? p.Binding.Name : $"{p.Binding.Name}:{p.Type.Text}"));
        sb.Append(')');
        if (f.ReturnType is not null) sb.Append(" -> ").Append(f.ReturnType.Text);
        sb.Append(' ');
        Write(sb, f.Body);
        sb.Append(')');
    }

    private static void WriteStmt(StringBuilder sb, Stmt stmt)
    {
        switch (stmt)
        {
            case ExprStmt e: Write(sb, e.Expr); break;
            case LetStmt l:
                sb.Append('(').Append(l.Kind switch { DeclKind.Let => "let", DeclKind.LetMut => "let-mut", DeclKind.Var => "var", _ => "const" }).Append(' ');
                Write(sb, l.Pattern);
                if (l.Type is not null) sb.Append(':').Append(l.Type.Text);
                sb.Append(' ');
                Write(sb, l.Value);
                sb.Append(')');
                break;
            case FnDecl f: WriteFunction(sb, f.Function); break;
            case StructDecl s:
                sb.Append("(struct ").Append(s.Name);
                foreach (var field in s.Fields)
                    sb.Append(' ').Append(field.Name).Append(field.Type is null ? "" : ":" + field.Type.Text);
                sb.Append(')');
                break;
            case EnumDecl e:
                sb.Append("(enum ").Append(e.Name);
                foreach (var variant in e.Variants)
                {
                    sb.Append(' ').Append(variant.Name);
                    if (variant.Payload.Count > 0) sb.Append('(').AppendJoin(", ", variant.Payload.Select(t => t.Text)).Append(')');
                }
                sb.Append(')');
                break;
            case ImplDecl i:
                sb.Append("(impl ").Append(i.TypeName);
                foreach (var method in i.Methods)
                {
                    sb.Append(' ');
                    WriteFunction(sb, method);
                }
                sb.Append(')');
                break;
            case ImportStmt i:
                sb.Append("(import ").AppendJoin('.', i.Path);
                if (i.Names.Count > 0) sb.Append(" {").AppendJoin(' ', i.Names).Append('}');
                sb.Append(')');
                break;
            default: sb.Append(stmt.GetType().Name); break;
        }
    }

    private static void WritePattern(StringBuilder sb, Pattern pattern)
    {
        switch (pattern)
        {
            case WildcardPattern: sb.Append('_'); break;
            case BindingPattern b: sb.Append(b.Binding.IsMutable ? "mut " : "").Append(b.Binding.Name); break;
            case LiteralPattern l:
                sb.Append(l.Value switch
                {
                    string s => Quote(s),
                    double d => FormatFloat(d),
                    bool b => b ? "true" : "false",
                    long i => i.ToString(CultureInfo.InvariantCulture),
                    var other => other.ToString(),
                });
                break;
            case RangePattern r:
                sb.Append(r.Low.ToString(CultureInfo.InvariantCulture)).Append(r.Inclusive ? "..=" : "..")
                  .Append(r.High.ToString(CultureInfo.InvariantCulture));
                break;
            case TuplePattern t: List(sb, "tuple", t.Elements); break;
            case VariantPattern v:
                if (v.EnumName is not null) sb.Append(v.EnumName).Append('.');
                sb.Append(v.VariantName);
                if (v.Payload is { } payload)
                {
                    sb.Append('(');
                    for (int i = 0; i < payload.Count; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        Write(sb, payload[i]);
                    }
                    sb.Append(')');
                }
                break;
            default: sb.Append(pattern.GetType().Name); break;
        }
    }

    private static string FormatFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') || text.Contains('N') || text.Contains('I') ? text : text + ".0";
    }

    private static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '\n' => "\\n", '\t' => "\\t", '\r' => "\\r", '"' => "\\\"", '\\' => "\\\\", '\0' => "\\0",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    private static string OperatorText(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+", BinaryOp.Sub => "-", BinaryOp.Mul => "*", BinaryOp.Div => "/", BinaryOp.Mod => "%",
        BinaryOp.Pow => "*^", BinaryOp.BitAnd => "&", BinaryOp.BitOr => "|", BinaryOp.BitXor => "^",
        BinaryOp.Shl => "<<", BinaryOp.Shr => ">>", BinaryOp.Eq => "==", BinaryOp.Ne => "!=",
        BinaryOp.Lt => "<", BinaryOp.Le => "<=", BinaryOp.Gt => ">", _ => ">=",
    };
}
