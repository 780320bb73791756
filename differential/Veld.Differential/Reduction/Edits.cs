using System.Collections;
using Veld.Language.Syntax;

namespace Veld.Differential.Reduction;

/// <summary>Records every expression and list of a tree with the numbers <see cref="SyntaxRewriter"/> gives them.</summary>
internal sealed class SiteCollector : SyntaxRewriter
{
    public List<Expr> Expressions { get; } = [];
    public List<(ListKind Kind, IList Items)> Lists { get; } = [];

    public static SiteCollector Of(ProgramNode program)
    {
        var collector = new SiteCollector();
        collector.Rewrite(program);
        return collector;
    }

    protected override Expr? Replace(Expr original, int index)
    {
        Expressions.Add(original);
        return null;
    }

    protected override List<T> Edit<T>(ListKind kind, List<T> items, int index)
    {
        Lists.Add((kind, items));
        return items;
    }
}

/// <summary>Replaces expression number <paramref name="target"/> with <paramref name="replacement"/>.</summary>
internal sealed class ReplaceExpression(int target, Expr replacement) : SyntaxRewriter
{
    protected override Expr? Replace(Expr original, int index) => index == target ? replacement : null;
}

/// <summary>Replaces list number <paramref name="target"/> with <paramref name="edit"/> of it.</summary>
internal sealed class EditList(int target, Func<IList, IList> edit) : SyntaxRewriter
{
    protected override List<T> Edit<T>(ListKind kind, List<T> items, int index) =>
        index == target ? [.. edit(items).Cast<T>()] : items;
}

/// <summary>
/// Removes parameter <paramref name="parameter"/> of every declared function named <paramref name="function"/>,
/// and the matching argument of every call <c>function(..)</c>.
/// </summary>
internal sealed class DropParameter(string function, int parameter) : SyntaxRewriter
{
    protected override Stmt Statement(Stmt s)
    {
        if (s is FnDecl { Function: { Name: var name, HasSelf: false } f } decl && name == function && parameter < f.Parameters.Count)
        {
            var copy = Function(f);
            return new FnDecl
            {
                Function = new FunctionNode
                {
                    Name = copy.Name, Generics = copy.Generics, Parameters = [.. copy.Parameters.Where((_, i) => i != parameter)],
                    ReturnType = copy.ReturnType, Body = copy.Body, IsProc = copy.IsProc, IsLambda = copy.IsLambda,
                    HasSelf = copy.HasSelf, IsScript = copy.IsScript, Pos = copy.Pos,
                },
                Pos = decl.Pos,
            };
        }
        return base.Statement(s);
    }

    protected override Expr? Replace(Expr original, int index)
    {
        if (original is CallExpr { Callee: NameExpr callee } call && callee.Name == function && parameter < call.Args.Count)
        {
            return new CallExpr
            {
                Callee = Expr(call.Callee),
                Args = [.. call.Args.Where((_, i) => i != parameter).Select(a => new Argument(a.Name, Expr(a.Value)))],
                Pos = call.Pos,
            };
        }
        return null;
    }
}

/// <summary>
/// Replaces the call <paramref name="target"/> (of <paramref name="callee"/>; found by reference, since removing the
/// declaration renumbers the expressions after it) by the callee's body
/// with the arguments bound to the parameter names: <c>f(1, 2)</c> becomes <c>do let a = 1  let b = 2  body end</c>.
/// With <paramref name="removeDeclaration"/> the declaration goes too (for a function called once).
/// </summary>
internal sealed class InlineCall(CallExpr target, FunctionNode callee, bool removeDeclaration) : SyntaxRewriter
{
    protected override List<T> Edit<T>(ListKind kind, List<T> items, int index) =>
        removeDeclaration && kind == ListKind.Statements
            ? items.Where(s => !(s is FnDecl decl && ReferenceEquals(decl.Function, callee))).ToList()
            : items;

    protected override Expr? Replace(Expr original, int index)
    {
        if (!ReferenceEquals(original, target)) return null;
        var call = target;
        var statements = new List<Stmt>();
        for (int i = 0; i < callee.Parameters.Count; i++)
        {
            var p = callee.Parameters[i];
            statements.Add(new LetStmt
            {
                Kind = DeclKind.Let,
                Pattern = new BindingPattern { Binding = new Binding { Name = p.Binding.Name } },
                Value = Expr(call.Args[i].Value),
            });
        }
        statements.AddRange(callee.Body.Statements);
        return new BlockExpr { Block = new Block { Statements = statements }, Pos = call.Pos };
    }
}
