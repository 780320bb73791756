using Veld.Language.Syntax;

namespace Veld.Language.Resolving;

// Statements, blocks and the scopes they open.
internal sealed partial class Resolver
{
    /// <summary>A top-level statement: its declarations are globals (declared in pass 1).</summary>
    private void ResolveTopLevelStatement(Stmt stmt)
    {
        switch (stmt)
        {
            case LetStmt let:
                ResolveExpr(let.Value);
                ResolvePatternVariants(let.Pattern);
                RecordTupleSize(let);
                break;
            case FnDecl fn:
                ResolveFunction(fn.Function);
                break;
            case ImplDecl impl:
                foreach (var method in impl.Methods)
                    ResolveFunction(method);
                break;
            case TypeDecl or ImportStmt:
                break;
            default:
                ResolveStatement(stmt);
                break;
        }
    }

    private void ResolveBlock(Block block)
    {
        _current.BeginScope(block.Locals);
        foreach (var stmt in block.Statements)
            ResolveStatement(stmt);
        _current.EndScope();
    }

    /// <summary>A statement inside a block: its declarations are locals of the current function.</summary>
    private void ResolveStatement(Stmt stmt)
    {
        switch (stmt)
        {
            case ExprStmt e:
                ResolveExpr(e.Expr);
                break;
            case LetStmt let:
                if (let.Kind == DeclKind.Const)
                    Error(let.Pos, "'const' is only allowed at top level");
                ResolveLet(let.Pattern, let.Value);
                RecordTupleSize(let);
                break;
            case FnDecl fn:
                // A nested fn is a local declared here, visible in its own body (recursion).
                fn.Binding = new Binding { Name = fn.Function.Name!, Pos = fn.Pos };
                DeclareLocal(fn.Binding);
                ResolveFunction(fn.Function);
                break;
            case StructDecl or EnumDecl or ImplDecl:
                var keyword = stmt switch { StructDecl => "struct", EnumDecl => "enum", _ => "impl" };
                Error(stmt.Pos, $"'{keyword}' declarations are only allowed at top level");
                break;
            case ImportStmt:
                break;
        }
    }

    /// <summary>
    /// <c>let p = value</c> inside a function: the value is resolved before the pattern's bindings exist
    /// (<c>let p = p * 3</c> reads the outer p) -- except a single name bound to a function expression,
    /// which is declared first so the function can call itself.
    /// </summary>
    private void ResolveLet(Pattern pattern, Expr value)
    {
        if (pattern is BindingPattern named && value is FunctionExpr)
        {
            DeclareLocal(named.Binding);
            ResolveExpr(value);
            return;
        }
        ResolveExpr(value);
        DeclarePattern(pattern);
    }

    private void RecordTupleSize(LetStmt let)
    {
        if (let.Kind == DeclKind.Let && let.Pattern is BindingPattern named && let.Value is TupleExpr tuple)
            _tupleSizes[named.Binding] = tuple.Elements.Count;
    }
}
