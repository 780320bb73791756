using System.Collections;
using Veld.Language.Syntax;

using Veld.Differential;

namespace Veld.Fuzzing.Reduction;

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
/// Removes parameter <paramref name="parameter"/> of every function or method named <paramref name="function"/>,
/// and the matching argument of every call <c>function(..)</c> or <c>x.function(..)</c> (a method's
/// <c>self</c> has no argument).
/// </summary>
internal sealed class DropParameter(string function, int parameter) : SyntaxRewriter
{
    private bool Matches(FunctionNode f) => f.Name == function && !f.IsLambda && parameter < f.Parameters.Count && !(f.HasSelf && parameter == 0);

    protected override FunctionNode Function(FunctionNode f)
    {
        var copy = base.Function(f);
        if (!Matches(f)) return copy;
        return new FunctionNode
        {
            Name = copy.Name, Generics = copy.Generics, Parameters = [.. copy.Parameters.Where((_, i) => i != parameter)],
            ReturnType = copy.ReturnType, Body = copy.Body, IsProc = copy.IsProc, IsLambda = copy.IsLambda,
            HasSelf = copy.HasSelf, IsScript = copy.IsScript, Pos = copy.Pos,
        };
    }

    protected override Expr? Replace(Expr original, int index)
    {
        switch (original)
        {
            case CallExpr { Callee: NameExpr callee } call when callee.Name == function && parameter < call.Args.Count:
                return new CallExpr { Callee = Expr(call.Callee), Args = Without(call.Args, parameter), Pos = call.Pos };
            case MethodCallExpr method when method.Name == function:
            {
                // x.m(a, b) passes self implicitly; Type.m(a, b) (no self) does not. Try the first reading;
                // a wrong one does not compile or is not interesting, and the reducer moves on.
                int argument = parameter - 1 >= 0 && parameter - 1 < method.Args.Count ? parameter - 1 : parameter;
                if (argument >= method.Args.Count) return null;
                return new MethodCallExpr { Target = Expr(method.Target), Name = method.Name, Args = Without(method.Args, argument), Pos = method.Pos };
            }
        }
        return null;
    }

    private List<Argument> Without(List<Argument> args, int skip) =>
        [.. args.Where((_, i) => i != skip).Select(a => new Argument(a.Name, Expr(a.Value)))];
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
