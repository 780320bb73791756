using System.Text;
using Veld.Language.Syntax;

namespace Veld.Language.Printing;

/// <summary>
/// Prints a syntax tree back to Veld source that parses to the same tree. Parentheses appear only
/// where precedence needs them (plus around keyword-delimited constructs used as operands); short
/// <c>if</c>/<c>do</c> bodies stay on one line, everything else gets one statement per line and
/// four-space indentation. Formatted macros are always written with <c>{}</c> placeholders and
/// separate arguments, so no expression ever sits inside a string literal.
/// </summary>
public sealed class SourcePrinter
{
    private const string IndentUnit = "    ";
    /// <summary>Longest construct the printer keeps on one line when it could be spread over several.</summary>
    private const int InlineWidth = 72;
    /// <summary>Deeper trees are printed in parentheses-free flat form only up to this depth; the front end
    /// rejects deeper nesting anyway (LanguageLimits.MaxNestingDepth), so this only guards the printer.</summary>
    private const int MaxDepth = 400;

    private readonly StringBuilder _out = new();
    private readonly bool _singleLine;
    private int _indent;
    private int _depth;
    /// <summary>Single-line mode met something that needs more than one line.</summary>
    private bool _needsLines;

    private SourcePrinter(bool singleLine, int indent)
    {
        _singleLine = singleLine;
        _indent = indent;
    }

    public static string Print(ProgramNode program)
    {
        var p = new SourcePrinter(singleLine: false, indent: 0);
        foreach (var s in program.Statements)
        {
            p.Stmt(s);
            p._out.Append('\n');
        }
        return p._out.ToString();
    }

    public static string Print(Expr expr)
    {
        var p = new SourcePrinter(singleLine: false, indent: 0);
        p.Expr(expr, Precedence.Open);
        return p._out.ToString();
    }

    public static string Print(Pattern pattern)
    {
        var p = new SourcePrinter(singleLine: false, indent: 0);
        p.Pattern(pattern);
        return p._out.ToString();
    }

    // ---- layout ---------------------------------------------------------------------------------

    private void NewLine()
    {
        if (_singleLine)
        {
            _needsLines = true;
            return;
        }
        _out.Append('\n');
        for (int i = 0; i < _indent; i++) _out.Append(IndentUnit);
    }

    private SourcePrinter W(string text)
    {
        _out.Append(text);
        return this;
    }

    /// <summary>Renders <paramref name="render"/> on one line, or returns null if it needs several or is too long.</summary>
    private string? TryInline(Action<SourcePrinter> render)
    {
        if (_singleLine)
        {
            // Already inside a one-line attempt: render in place; the outer attempt judges the result.
            render(this);
            return "";
        }
        var p = new SourcePrinter(singleLine: true, indent: _indent) { _depth = _depth };
        render(p);
        if (p._needsLines || p._out.Length > InlineWidth) return null;
        return p._out.ToString();
    }

    /// <summary>The statements of a block, each on its own line one level deeper; ends on a fresh line at the
    /// block's own level, ready for <c>end</c>/<c>else</c>/<c>catch</c>.</summary>
    private void Body(Block block, bool guardFirstStatement = false)
    {
        _indent++;
        for (int i = 0; i < block.Statements.Count; i++)
        {
            NewLine();
            Stmt(block.Statements[i], forceParens: guardFirstStatement && i == 0);
        }
        _indent--;
        NewLine();
    }

    /// <summary>A block that holds at most one expression statement, for the one-line forms
    /// (<c>if c then a else b end</c>, <c>do e end</c>); null if the block needs lines.</summary>
    private static bool IsInlineCandidate(Block block) =>
        block.Statements.Count == 0 || (block.Statements.Count == 1 && block.Statements[0] is ExprStmt);

    // ---- statements -----------------------------------------------------------------------------

    private void Stmt(Stmt stmt, bool forceParens = false)
    {
        switch (stmt)
        {
            case ExprStmt es when forceParens:
                W("(");
                Expr(es.Expr, Precedence.Open);
                W(")");
                break;
            case ExprStmt es:
                Expr(es.Expr, Precedence.Open);
                break;
            case LetStmt let:
                W(let.Kind switch
                {
                    DeclKind.Let => "let ",
                    DeclKind.LetMut => "let mut ",
                    DeclKind.Var => "var ",
                    _ => "const ",
                });
                Pattern(let.Pattern, mutableContext: let.Kind is DeclKind.LetMut or DeclKind.Var);
                if (let.Type is not null) W(": ").W(let.Type.Text);
                W(" = ");
                Expr(let.Value, Precedence.Open);
                break;
            case FnDecl fn:
                Function(fn.Function, fn.Function.Name ?? "_");
                break;
            case StructDecl sd:
                StructDecl(sd);
                break;
            case EnumDecl ed:
                EnumDecl(ed);
                break;
            case ImplDecl impl:
                W("impl ").W(impl.TypeName);
                _indent++;
                foreach (var m in impl.Methods)
                {
                    NewLine();
                    Function(m, m.Name ?? "_");
                }
                _indent--;
                NewLine();
                W("end");
                break;
            case ImportStmt imp:
                W("import ").W(string.Join('.', imp.Path));
                if (imp.Names.Count > 0) W(".{").W(string.Join(", ", imp.Names)).W("}");
                break;
            default:
                throw new ArgumentException($"unknown statement {stmt.GetType().Name}", nameof(stmt));
        }
    }

    private void Generics(List<string> generics)
    {
        if (generics.Count > 0) W("<").W(string.Join(", ", generics)).W(">");
    }

    private void StructDecl(StructDecl sd)
    {
        W("struct ").W(sd.Name);
        Generics(sd.Generics);
        _indent++;
        for (int i = 0; i < sd.Fields.Count; i++)
        {
            NewLine();
            var f = sd.Fields[i];
            W(f.Name);
            if (f.Type is not null) W(": ").W(f.Type.Text);
            if (i < sd.Fields.Count - 1) W(",");
        }
        _indent--;
        NewLine();
        W("end");
    }

    private void EnumDecl(EnumDecl ed)
    {
        W("enum ").W(ed.Name);
        Generics(ed.Generics);
        _indent++;
        for (int i = 0; i < ed.Variants.Count; i++)
        {
            NewLine();
            var v = ed.Variants[i];
            W(v.Name);
            if (v.Payload.Count > 0) W("(").W(string.Join(", ", v.Payload.Select(t => t.Text))).W(")");
            if (i < ed.Variants.Count - 1) W(",");
        }
        _indent--;
        NewLine();
        W("end");
    }

    /// <summary>A declared function or method: <c>fn name(..) => e</c> when the body is one short
    /// expression, else the block form ending in <c>end</c>.</summary>
    private void Function(FunctionNode f, string name)
    {
        W(f.IsProc ? "proc " : "fn ").W(name);
        Generics(f.Generics);
        Signature(f);
        FunctionBody(f);
    }

    private void Signature(FunctionNode f)
    {
        W("(");
        for (int i = 0; i < f.Parameters.Count; i++)
        {
            if (i > 0) W(", ");
            var p = f.Parameters[i];
            W(p.Binding.Name);
            if (p.Type is not null) W(": ").W(p.Type.Text);
        }
        W(")");
        if (f.ReturnType is not null) W(" -> ").W(f.ReturnType.Text);
    }

    private void FunctionBody(FunctionNode f)
    {
        if (!f.IsProc && f.Body.Statements is [ExprStmt only])
        {
            var inline = TryInline(p => { p.W(" => "); p.Expr(only.Expr, Precedence.Open); });
            if (inline is not null)
            {
                W(inline);
                return;
            }
        }
        Body(f.Body);
        W("end");
    }

    // ---- expressions ----------------------------------------------------------------------------

    private void Expr(Expr e, Precedence context)
    {
        if (++_depth > MaxDepth)
            throw new InvalidOperationException($"syntax tree nested deeper than {MaxDepth}");
        try
        {
            bool parens = PrecedenceRules.Of(e) < context;
            if (parens) W("(");
            ExprBare(e);
            if (parens) W(")");
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>The target of a postfix operator: numeric literals get parentheses so <c>1.0</c> or <c>1.to_str</c>
    /// can never be lexed as a float, and a tuple index on a tuple index (<c>t.0.1</c>) likewise.</summary>
    private void PostfixTarget(Expr target)
    {
        if (target is IntLiteral or FloatLiteral or TupleIndexExpr)
        {
            W("(");
            Expr(target, Precedence.Open);
            W(")");
        }
        else
        {
            Expr(target, Precedence.Postfix);
        }
    }

    private void ExprBare(Expr e)
    {
        switch (e)
        {
            case IntLiteral i:
                // The parser folds `-9223372036854775808` into one literal, the only negative one it makes.
                if (i.Value == long.MinValue) W("-9223372036854775808");
                else if (i.Value < 0) W("-").W(Lexemes.Int(-i.Value));
                else W(Lexemes.Int(i.Value));
                break;
            case FloatLiteral f:
                if (double.IsNegative(f.Value)) W("-").W(Lexemes.Float(-f.Value));
                else W(Lexemes.Float(f.Value));
                break;
            case StringLiteral s: W(Lexemes.Quote(s.Value)); break;
            case BoolLiteral b: W(b.Value ? "true" : "false"); break;
            case UnitLiteral: W("()"); break;
            case NameExpr n: W(n.Name); break;
            case UnaryExpr u:
                W(u.Op == UnaryOp.Negate ? "-" : "!");
                // "- -x" would read as one token on some lexers; "-(-x)" reads the same everywhere.
                if (u.Op == UnaryOp.Negate && PrecedenceRules.Of(u.Operand) == Precedence.Unary)
                {
                    W("(");
                    Expr(u.Operand, Precedence.Open);
                    W(")");
                }
                else
                {
                    Expr(u.Operand, Precedence.Unary);
                }
                break;
            case BinaryExpr b: Binary(b); break;
            case LogicalExpr l:
            {
                var level = l.IsAnd ? Precedence.And : Precedence.Or;
                Expr(l.Left, level);
                W(l.IsAnd ? " and " : " or ");
                Expr(l.Right, level + 1);
                break;
            }
            case RangeExpr r:
                Expr(r.Start, Precedence.Range + 1);
                W(r.Inclusive ? "..=" : "..");
                Expr(r.End, Precedence.Range + 1);
                break;
            case CastExpr c:
                PostfixTarget(c.Value);
                W(" as ").W(c.Type.Text);
                break;
            case CallExpr call:
                // `a.f(x)` would re-parse as a method call; keep a call of a member value a call.
                if (call.Callee is MemberExpr or IntLiteral or FloatLiteral)
                {
                    W("(");
                    Expr(call.Callee, Precedence.Open);
                    W(")");
                }
                else
                {
                    Expr(call.Callee, Precedence.Postfix);
                }
                Arguments(call.Args);
                break;
            case MemberExpr m:
                PostfixTarget(m.Target);
                W(".").W(m.Name);
                break;
            case MethodCallExpr mc:
                PostfixTarget(mc.Target);
                W(".").W(mc.Name);
                Arguments(mc.Args);
                break;
            case TupleIndexExpr ti:
                PostfixTarget(ti.Target);
                W(".").W(Lexemes.Int(ti.Index));
                break;
            case IndexExpr ix:
                PostfixTarget(ix.Target);
                W("[");
                Expr(ix.Index, Precedence.Open);
                W("]");
                break;
            case ArrayExpr a:
                W("[");
                List(a.Elements);
                W("]");
                break;
            case TupleExpr t:
                W("(");
                List(t.Elements);
                if (t.Elements.Count == 1) W(",");
                W(")");
                break;
            case MapExpr m: Map(m); break;
            case FunctionExpr fe: Lambda(fe.Function); break;
            case IfExpr ie: If(ie); break;
            case WhileExpr we:
                W("while ");
                Expr(we.Condition, Precedence.Open + 1);
                W(" do");
                Body(we.Body);
                W("end");
                break;
            case ForExpr fe:
                W("for ");
                Pattern(fe.Pattern);
                W(" in ");
                Expr(fe.Iterable, Precedence.Open + 1);
                W(" do");
                Body(fe.Body);
                W("end");
                break;
            case BlockExpr be: DoBlock(be.Block); break;
            case LetInExpr li:
                W("let ");
                Pattern(li.Pattern);
                if (li.Type is not null) W(": ").W(li.Type.Text);
                W(" = ");
                Expr(li.Value, Precedence.Open + 1);
                W(" in ");
                Expr(li.Body, Precedence.Open);
                break;
            case MatchExpr me: Match(me); break;
            case TryExpr te:
                W("try");
                Body(te.Body);
                W("catch");
                // The parser takes a catch variable only from the `catch` line; the handler starts on the next.
                if (te.CatchBinding is not null) W(" ").W(te.CatchBinding.Name);
                Body(te.Handler);
                W("end");
                break;
            case ReturnExpr r:
                W("return");
                if (r.Value is not null)
                {
                    W(" ");
                    Expr(r.Value, Precedence.Open);
                }
                break;
            case BreakExpr: W("break"); break;
            case ContinueExpr: W("continue"); break;
            case ThrowExpr th:
                W("throw ");
                Expr(th.Value, Precedence.Open);
                break;
            case AssignExpr asg:
                Expr(asg.Target, Precedence.Postfix);
                W(asg.CompoundOp is { } op ? $" {PrecedenceRules.Symbol(op)}= " : " = ");
                // `a = b = c` is not obviously right-associative to a reader; everything else reads fine bare.
                Expr(asg.Value, asg.Value is AssignExpr ? Precedence.Open + 1 : Precedence.Open);
                break;
            case MacroExpr mac: Macro(mac); break;
            default:
                throw new ArgumentException($"unknown expression {e.GetType().Name}", nameof(e));
        }
    }

    private void Binary(BinaryExpr b)
    {
        var level = PrecedenceRules.Of(b.Op);
        string op = PrecedenceRules.Symbol(b.Op);
        switch (level)
        {
            case Precedence.Power:
                // Right-associative; its left operand is a postfix expression (`-2 *^ 2` is `-(2 *^ 2)`),
                // its right operand may carry a sign (`2 *^ -1`).
                Expr(b.Left, Precedence.Postfix);
                W($" {op} ");
                Expr(b.Right, Precedence.Unary);
                break;
            case Precedence.Comparison:
                // Non-associative: `a < b < c` is a compile error, so both sides bind tighter.
                Expr(b.Left, level + 1);
                W($" {op} ");
                Expr(b.Right, level + 1);
                break;
            default:
                Expr(b.Left, level);
                W($" {op} ");
                Expr(b.Right, level + 1);
                break;
        }
    }

    private void List(List<Expr> items)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) W(", ");
            Expr(items[i], Precedence.Open);
        }
    }

    private void Arguments(List<Argument> args)
    {
        W("(");
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0) W(", ");
            if (args[i].Name is { } name) W(name).W(": ");
            Expr(args[i].Value, Precedence.Open);
        }
        W(")");
    }

    private void Map(MapExpr m)
    {
        W("{");
        for (int i = 0; i < m.Entries.Count; i++)
        {
            if (i > 0) W(", ");
            var (key, value) = (m.Entries[i].Key, m.Entries[i].Value);
            if (key is StringLiteral s && Lexemes.IsIdentifier(s.Value))
                W(s.Value);
            else if (key is NameExpr)
            {
                // A bare name is read as a string key; parentheses keep it a variable.
                W("(");
                Expr(key, Precedence.Open);
                W(")");
            }
            else
                Expr(key, Precedence.Open + 1);
            W(": ");
            Expr(value, Precedence.Open);
        }
        W("}");
    }

    private void Lambda(FunctionNode f)
    {
        bool arrowForm = !f.IsProc && f.Generics.Count == 0 && f.ReturnType is null
            && f.Parameters.All(p => p.Type is null) && f.Body.Statements is [ExprStmt];
        if (arrowForm)
        {
            if (f.Parameters.Count == 1) W(f.Parameters[0].Binding.Name);
            else W("(").W(string.Join(", ", f.Parameters.Select(p => p.Binding.Name))).W(")");
            W(" => ");
            Expr(((ExprStmt)f.Body.Statements[0]).Expr, Precedence.Open);
            return;
        }
        W(f.IsProc ? "proc" : "fn");
        Generics(f.Generics);
        Signature(f);
        FunctionBody(f);
    }

    private void If(IfExpr ie)
    {
        bool inlineShape = ie.Branches.All(b => IsInlineCandidate(b.Body)) && (ie.Else is null || IsInlineCandidate(ie.Else));
        if (inlineShape)
        {
            var inline = TryInline(p => p.IfLayout(ie));
            if (inline is not null)
            {
                W(inline);
                return;
            }
        }
        IfLayout(ie);
    }

    /// <summary>Writes the if chain; in single-line mode the block bodies come out as <c>then a else b end</c>.</summary>
    private void IfLayout(IfExpr ie)
    {
        for (int i = 0; i < ie.Branches.Count; i++)
        {
            W(i == 0 ? "if " : "else if ");
            Expr(ie.Branches[i].Condition, Precedence.Open + 1);
            W(" then");
            Branch(ie.Branches[i].Body, guardFirst: false);
        }
        if (ie.Else is not null)
        {
            W("else");
            // `else` followed by an `if` statement would read as an `else if` chain.
            Branch(ie.Else, guardFirst: ie.Else.Statements is [ExprStmt { Expr: IfExpr }, ..]);
        }
        W("end");
    }

    private void Branch(Block body, bool guardFirst)
    {
        if (_singleLine && !IsInlineCandidate(body))
        {
            // Statements after the first would run together on one line.
            _needsLines = true;
            return;
        }
        if (_singleLine)
        {
            foreach (var s in body.Statements)
            {
                W(" ");
                Stmt(s, forceParens: guardFirst);
            }
            W(" ");
            return;
        }
        Body(body, guardFirst);
    }

    private void DoBlock(Block block)
    {
        if (block.Statements is [ExprStmt only])
        {
            var inline = TryInline(p => { p.W("do "); p.Expr(only.Expr, Precedence.Open); p.W(" end"); });
            if (inline is not null)
            {
                W(inline);
                return;
            }
        }
        W("do");
        Body(block);
        W("end");
    }

    private void Match(MatchExpr me)
    {
        W("match ");
        Expr(me.Scrutinee, Precedence.Open + 1);
        _indent++;
        for (int i = 0; i < me.Arms.Count; i++)
        {
            var arm = me.Arms[i];
            NewLine();
            Pattern(arm.Pattern);
            if (arm.Guard is not null)
            {
                W(" where ");
                Expr(arm.Guard, Precedence.Open + 1);
            }
            W(" => ");
            Expr(arm.Body, Precedence.Open);
            if (i < me.Arms.Count - 1) W(",");
        }
        _indent--;
        NewLine();
        W("end");
    }

    private void Macro(MacroExpr mac)
    {
        if (mac.Kind == MacroKind.Assert)
        {
            W("assert~(");
            if (mac.Condition is not null) Expr(mac.Condition, Precedence.Open);
            if (mac.Message is not null)
            {
                W(", ");
                Expr(mac.Message, Precedence.Open);
            }
            W(")");
            return;
        }
        W(mac.Kind switch { MacroKind.Print => "print~(", MacroKind.Println => "println~(", _ => "format~(" });
        var format = new StringBuilder("\"");
        foreach (var part in mac.Parts)
        {
            if (part.Text is not null) Lexemes.AppendEscaped(format, part.Text, escapeBraces: true);
            if (part.Value is not null) format.Append("{}");
        }
        format.Append('"');
        W(format.ToString());
        foreach (var part in mac.Parts)
        {
            if (part.Value is null) continue;
            W(", ");
            Expr(part.Value, Precedence.Open);
        }
        W(")");
    }

    // ---- patterns -------------------------------------------------------------------------------

    /// <param name="mutableContext">Under <c>let mut</c>/<c>var</c> every name is mutable already; elsewhere a
    /// mutable binding is written <c>mut x</c>.</param>
    private void Pattern(Pattern p, bool mutableContext = false)
    {
        switch (p)
        {
            case WildcardPattern: W("_"); break;
            case BindingPattern b:
                if (b.Binding.IsMutable && !mutableContext) W("mut ");
                W(b.Binding.Name);
                break;
            case LiteralPattern lit:
                switch (lit.Value)
                {
                    case long l: W(l < 0 ? "-" + Lexemes.Int(-l) : Lexemes.Int(l)); break;
                    case int i: W(i.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
                    case double d: W(double.IsNegative(d) ? "-" + Lexemes.Float(-d) : Lexemes.Float(d)); break;
                    case string s: W(Lexemes.Quote(s)); break;
                    case bool b: W(b ? "true" : "false"); break;
                    default: throw new ArgumentException($"unknown literal pattern {lit.Value.GetType().Name}", nameof(p));
                }
                break;
            case RangePattern r:
                W(r.Low < 0 ? "-" + Lexemes.Int(-r.Low) : Lexemes.Int(r.Low));
                W(r.Inclusive ? "..=" : "..");
                W(r.High < 0 ? "-" + Lexemes.Int(-r.High) : Lexemes.Int(r.High));
                break;
            case TuplePattern t:
                W("(");
                for (int i = 0; i < t.Elements.Count; i++)
                {
                    if (i > 0) W(", ");
                    Pattern(t.Elements[i], mutableContext);
                }
                if (t.Elements.Count == 1) W(",");
                W(")");
                break;
            case VariantPattern v:
                if (v.EnumName is not null) W(v.EnumName).W(".");
                W(v.VariantName);
                if (v.Payload is not null)
                {
                    W("(");
                    for (int i = 0; i < v.Payload.Count; i++)
                    {
                        if (i > 0) W(", ");
                        Pattern(v.Payload[i], mutableContext);
                    }
                    W(")");
                }
                break;
            default:
                throw new ArgumentException($"unknown pattern {p.GetType().Name}", nameof(p));
        }
    }
}
