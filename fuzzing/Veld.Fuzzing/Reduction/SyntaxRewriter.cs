using Veld.Language.Syntax;

using Veld.Differential;

namespace Veld.Fuzzing.Reduction;

/// <summary>The kinds of lists a reduction can shrink.</summary>
public enum ListKind { Statements, Arguments, Elements, MapEntries, MatchArms, Methods, FormatParts, IfBranches, Fields, Variants }

/// <summary>
/// Copies a syntax tree, giving subclasses one chance per expression and per list to change it.
/// Expressions and lists are numbered in the order the copy visits them (pre-order: a node before
/// its children), so an edit found by one walk can be applied by another walk of the same tree.
/// Patterns, bindings and type annotations are shared with the original, never changed; the copy
/// is only printed (and re-parsed), so sharing is safe.
/// </summary>
public class SyntaxRewriter
{
    private int _expressions;
    private int _lists;
    private int _depth;
    /// <summary>Guards the recursive copy; the front end already bounds tree depth far below this.</summary>
    private const int MaxDepth = 2_000;

    public ProgramNode Rewrite(ProgramNode program) =>
        new() { Statements = Statements(program.Statements), Pos = program.Pos };

    /// <summary>Called for every expression before its children are copied; a non-null result replaces it
    /// (and is not visited further).</summary>
    protected virtual Expr? Replace(Expr original, int index) => null;

    /// <summary>Called for every list before its items are copied; returns the items to keep.</summary>
    protected virtual List<T> Edit<T>(ListKind kind, List<T> items, int index) => items;

    private List<T> List<T>(ListKind kind, List<T> items, Func<T, T> copy)
    {
        var kept = Edit(kind, items, _lists++);
        var result = new List<T>(kept.Count);
        foreach (var item in kept) result.Add(copy(item));
        return result;
    }

    protected List<Stmt> Statements(List<Stmt> statements) => List(ListKind.Statements, statements, Statement);

    protected virtual Stmt Statement(Stmt s) => s switch
    {
        ExprStmt es => new ExprStmt { Expr = Expr(es.Expr), Pos = es.Pos },
        LetStmt let => new LetStmt { Kind = let.Kind, Pattern = let.Pattern, Type = let.Type, Value = Expr(let.Value), Pos = let.Pos },
        FnDecl fn => new FnDecl { Function = Function(fn.Function), Pos = fn.Pos },
        ImplDecl impl => new ImplDecl { TypeName = impl.TypeName, Methods = List(ListKind.Methods, impl.Methods, Function), Pos = impl.Pos },
        StructDecl sd => new StructDecl { Name = sd.Name, Generics = sd.Generics, Fields = List(ListKind.Fields, sd.Fields, f => f), Pos = sd.Pos },
        EnumDecl ed => new EnumDecl { Name = ed.Name, Generics = ed.Generics, Variants = List(ListKind.Variants, ed.Variants, v => v), Pos = ed.Pos },
        _ => s, // import: nothing inside
    };

    protected Block Block(Block b) => new() { Statements = Statements(b.Statements), Pos = b.Pos };

    protected virtual FunctionNode Function(FunctionNode f) => new()
    {
        Name = f.Name,
        Generics = f.Generics,
        Parameters = f.Parameters,
        ReturnType = f.ReturnType,
        Body = Block(f.Body),
        IsProc = f.IsProc,
        IsLambda = f.IsLambda,
        HasSelf = f.HasSelf,
        IsScript = f.IsScript,
        Pos = f.Pos,
    };

    protected Expr Expr(Expr e)
    {
        var replacement = Replace(e, _expressions++);
        if (replacement is not null) return replacement;
        if (++_depth > MaxDepth) throw new InvalidOperationException($"syntax tree deeper than {MaxDepth}");
        try { return Copy(e); }
        finally { _depth--; }
    }

    private List<Argument> Arguments(List<Argument> args) =>
        List(ListKind.Arguments, args, a => new Argument(a.Name, Expr(a.Value)));

    private Expr Copy(Expr e)
    {
        var pos = e.Pos;
        switch (e)
        {
            case IntLiteral or FloatLiteral or StringLiteral or BoolLiteral or UnitLiteral or BreakExpr or ContinueExpr:
                return e;
            case NameExpr n: return new NameExpr { Name = n.Name, Pos = pos };
            case UnaryExpr u: return new UnaryExpr { Op = u.Op, Operand = Expr(u.Operand), Pos = pos };
            case BinaryExpr b: return new BinaryExpr { Op = b.Op, Left = Expr(b.Left), Right = Expr(b.Right), Pos = pos };
            case LogicalExpr l: return new LogicalExpr { IsAnd = l.IsAnd, Left = Expr(l.Left), Right = Expr(l.Right), Pos = pos };
            case RangeExpr r: return new RangeExpr { Start = Expr(r.Start), End = Expr(r.End), Inclusive = r.Inclusive, Pos = pos };
            case CastExpr c: return new CastExpr { Value = Expr(c.Value), Type = c.Type, Pos = pos };
            case CallExpr call: return new CallExpr { Callee = Expr(call.Callee), Args = Arguments(call.Args), Pos = pos };
            case MemberExpr m: return new MemberExpr { Target = Expr(m.Target), Name = m.Name, Pos = pos };
            case MethodCallExpr mc: return new MethodCallExpr { Target = Expr(mc.Target), Name = mc.Name, Args = Arguments(mc.Args), Pos = pos };
            case TupleIndexExpr ti: return new TupleIndexExpr { Target = Expr(ti.Target), Index = ti.Index, Pos = pos };
            case IndexExpr ix: return new IndexExpr { Target = Expr(ix.Target), Index = Expr(ix.Index), Pos = pos };
            case ArrayExpr a: return new ArrayExpr { Elements = List(ListKind.Elements, a.Elements, Expr), Pos = pos };
            case TupleExpr t:
            {
                var items = List(ListKind.Elements, t.Elements, Expr);
                return items.Count == 0 ? new UnitLiteral { Pos = pos } : new TupleExpr { Elements = items, Pos = pos };
            }
            case MapExpr m:
                return new MapExpr { Entries = List(ListKind.MapEntries, m.Entries, x => new MapEntry(Expr(x.Key), Expr(x.Value))), Pos = pos };
            case FunctionExpr fe: return new FunctionExpr { Function = Function(fe.Function), Pos = pos };
            case IfExpr ie:
            {
                var branches = List(ListKind.IfBranches, ie.Branches, br => new IfBranch(Expr(br.Condition), Block(br.Body)));
                var otherwise = ie.Else is null ? null : Block(ie.Else);
                if (branches.Count == 0) return new BlockExpr { Block = otherwise ?? new Block { Statements = [] }, Pos = pos };
                return new IfExpr { Branches = branches, Else = otherwise, Pos = pos };
            }
            case WhileExpr w: return new WhileExpr { Condition = Expr(w.Condition), Body = Block(w.Body), Pos = pos };
            case ForExpr f: return new ForExpr { Pattern = f.Pattern, Iterable = Expr(f.Iterable), Body = Block(f.Body), Pos = pos };
            case BlockExpr be: return new BlockExpr { Block = Block(be.Block), Pos = pos };
            case LetInExpr li:
                return new LetInExpr { Pattern = li.Pattern, Type = li.Type, Value = Expr(li.Value), Body = Expr(li.Body), Pos = pos };
            case MatchExpr me:
                return new MatchExpr
                {
                    Scrutinee = Expr(me.Scrutinee),
                    Arms = List(ListKind.MatchArms, me.Arms, arm => new MatchArm
                    {
                        Pattern = arm.Pattern, Guard = arm.Guard is null ? null : Expr(arm.Guard), Body = Expr(arm.Body), Pos = arm.Pos,
                    }),
                    Pos = pos,
                };
            case TryExpr te: return new TryExpr { Body = Block(te.Body), CatchBinding = te.CatchBinding, Handler = Block(te.Handler), Pos = pos };
            case ReturnExpr r: return new ReturnExpr { Value = r.Value is null ? null : Expr(r.Value), Pos = pos };
            case ThrowExpr th: return new ThrowExpr { Value = Expr(th.Value), Pos = pos };
            case AssignExpr asg: return new AssignExpr { Target = Expr(asg.Target), CompoundOp = asg.CompoundOp, Value = Expr(asg.Value), Pos = pos };
            case MacroExpr mac:
                return new MacroExpr
                {
                    Kind = mac.Kind,
                    Parts = List(ListKind.FormatParts, mac.Parts, p => p.Value is null ? p : new FormatPart(p.Text, Expr(p.Value))),
                    Condition = mac.Condition is null ? null : Expr(mac.Condition),
                    Message = mac.Message is null ? null : Expr(mac.Message),
                    Pos = pos,
                };
            default:
                throw new ArgumentException($"unknown expression {e.GetType().Name}", nameof(e));
        }
    }
}
