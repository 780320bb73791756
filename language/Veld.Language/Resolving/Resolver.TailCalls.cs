using Veld.Language.Syntax;

namespace Veld.Language.Resolving;

// Tail positions (docs/SPEC.md section 6): the operand of `return`, the last expression of a function
// body, and recursively the last expression of a taken if/else branch, match arm, or do/let-in body
// that is itself in tail position. Never inside `try`; never in a proc (it returns unit, not the
// callee's value) nor in the script.
internal sealed partial class Resolver
{
    private bool CanTailCall() =>
        !_current.Function.IsProc && !_current.Function.IsScript && _current.TryDepth == 0;

    private static void MarkTailBlock(Block block)
    {
        if (block.Statements.Count > 0 && block.Statements[^1] is ExprStmt last)
            MarkTail(last.Expr);
    }

    private static void MarkTail(Expr expr)
    {
        switch (expr)
        {
            case CallExpr { Kind: CallKind.Function } call:
                call.IsTail = true;
                break;
            case MethodCallExpr { Kind: MethodCallKind.Dynamic or MethodCallKind.Static } method:
                method.IsTail = true;
                break;
            case IfExpr ifExpr:
                foreach (var branch in ifExpr.Branches) MarkTailBlock(branch.Body);
                if (ifExpr.Else is { } elseBlock) MarkTailBlock(elseBlock);
                break;
            case MatchExpr match:
                foreach (var arm in match.Arms) MarkTail(arm.Body);
                break;
            case BlockExpr block:
                MarkTailBlock(block.Block);
                break;
            case LetInExpr letIn:
                MarkTail(letIn.Body);
                break;
            case ReturnExpr { Value: { } value }:
                MarkTail(value);
                break;
        }
    }
}
