using Veld.Language.Printing;
using Veld.Language.Syntax;

namespace Veld.Fuzzing.Reduction;

/// <summary>
/// Smaller stand-ins for one expression, most promising first: a part of it (an operand, a branch,
/// the body of a loop or a let), then literals. Many are not valid in place (a wrong type, a name
/// out of scope); the reducer compiles and tests each one and keeps only what stays interesting.
/// </summary>
internal static class Simplifications
{
    public static IEnumerable<Expr> Of(Expr e)
    {
        foreach (var part in Parts(e)) yield return part;
        foreach (var literal in Literals(e)) yield return literal;
    }

    private static BlockExpr Do(Block b) => new() { Block = b, Pos = b.Pos };

    private static IEnumerable<Expr> Parts(Expr e)
    {
        switch (e)
        {
            case IfExpr ie:
                foreach (var branch in ie.Branches) yield return Do(branch.Body);
                if (ie.Else is not null)
                {
                    yield return Do(ie.Else);
                    yield return new IfExpr { Branches = ie.Branches, Else = null, Pos = ie.Pos };
                }
                foreach (var branch in ie.Branches) yield return branch.Condition;
                break;
            case WhileExpr w:
                yield return new UnitLiteral { Pos = w.Pos };
                yield return Do(w.Body);
                break;
            case ForExpr f:
                yield return new UnitLiteral { Pos = f.Pos };
                yield return f.Iterable;
                break;
            case MatchExpr m:
                foreach (var arm in m.Arms) yield return arm.Body;
                yield return m.Scrutinee;
                break;
            case BlockExpr { Block.Statements: [ExprStmt only] }:
                yield return only.Expr;
                break;
            case LetInExpr li:
                yield return li.Body;
                yield return li.Value;
                break;
            case TryExpr t:
                yield return Do(t.Body);
                yield return Do(t.Handler);
                break;
            case FunctionExpr:
                break; // a function value has no smaller value of the same kind worth trying
            case AssignExpr a:
                yield return a.Value;
                break;
            case MacroExpr { Kind: MacroKind.Format } mac:
                foreach (var part in mac.Parts) if (part.Value is not null) yield return part.Value;
                yield return new StringLiteral { Value = string.Concat(mac.Parts.Select(p => p.Text)), Pos = mac.Pos };
                break;
            default:
                foreach (var child in SyntaxTraversal.Children(e))
                    if (child is Expr x) yield return x;
                break;
        }
    }

    private static IEnumerable<Expr> Literals(Expr e)
    {
        var pos = e.Pos;
        switch (e)
        {
            case IntLiteral i:
                if (i.Value != 0) yield return new IntLiteral { Value = 0, Pos = pos };
                if (i.Value != 1 && i.Value != 0) yield return new IntLiteral { Value = 1, Pos = pos };
                if (Math.Abs(i.Value) > 2) yield return new IntLiteral { Value = i.Value / 2, Pos = pos };
                break;
            case FloatLiteral f:
                if (f.Value != 0.0) yield return new FloatLiteral { Value = 0.0, Pos = pos };
                if (f.Value != 1.0 && f.Value != 0.0) yield return new FloatLiteral { Value = 1.0, Pos = pos };
                if (Math.Truncate(f.Value) != f.Value && double.IsFinite(f.Value)) yield return new FloatLiteral { Value = Math.Truncate(f.Value), Pos = pos };
                break;
            case StringLiteral s:
                if (s.Value.Length > 0) yield return new StringLiteral { Value = "", Pos = pos };
                if (s.Value.Length > 1) yield return new StringLiteral { Value = char.ConvertFromUtf32(char.ConvertToUtf32(s.Value, 0)), Pos = pos };
                break;
            case BoolLiteral or UnitLiteral or BreakExpr or ContinueExpr:
                break;
            default:
                yield return new IntLiteral { Value = 0, Pos = pos };
                yield return new StringLiteral { Value = "", Pos = pos };
                yield return new BoolLiteral { Value = true, Pos = pos };
                yield return new UnitLiteral { Pos = pos };
                break;
        }
    }

    /// <summary>Statements that can stand in for statement <paramref name="s"/> in its list: the body of a
    /// block, branch, loop or try written in place, or a declaration's initializer on its own.</summary>
    public static IEnumerable<IReadOnlyList<Stmt>> Splices(Stmt s)
    {
        switch (s)
        {
            case ExprStmt { Expr: BlockExpr be }:
                yield return be.Block.Statements;
                break;
            case ExprStmt { Expr: IfExpr ie }:
                foreach (var branch in ie.Branches) yield return branch.Body.Statements;
                if (ie.Else is not null) yield return ie.Else.Statements;
                break;
            case ExprStmt { Expr: WhileExpr w }:
                yield return w.Body.Statements;
                break;
            case ExprStmt { Expr: ForExpr f }:
                yield return f.Body.Statements; // compiles only if the body does not use the loop variable
                break;
            case ExprStmt { Expr: TryExpr t }:
                yield return t.Body.Statements;
                yield return t.Handler.Statements;
                break;
            case LetStmt let:
                yield return [new ExprStmt { Expr = let.Value, Pos = let.Pos }];
                break;
        }
    }

    /// <summary>An expression that names no variable (builtins aside) and so may stand alone as a program.</summary>
    public static bool IsClosed(Expr e) =>
        SyntaxTraversal.Descendants(e).All(n => n is not NameExpr name || Language.BuiltinNames.Functions.Contains(name.Name))
        && e is not (IntLiteral or FloatLiteral or StringLiteral or BoolLiteral or UnitLiteral or NameExpr);

    /// <summary>Whether <paramref name="f"/>'s body can be pasted in place of a call: no <c>return</c> of its own.</summary>
    public static bool IsInlinable(FunctionNode f) =>
        !SyntaxTraversal.Descendants(f.Body, enter: n => n is not FunctionNode).Any(n => n is ReturnExpr);
}
