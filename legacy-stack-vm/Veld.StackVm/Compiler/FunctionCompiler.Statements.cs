using Veld.Language.Syntax;

namespace Veld.StackVm;

internal sealed partial class FunctionCompiler
{
    /// <summary>Captured locals declared inside each open try body: the handler closes them, since
    /// an error can leave those scopes without passing their CLOSE instructions.</summary>
    private readonly List<List<Binding>> _tryBodyCaptures = [];

    // ---- statement lists and blocks ----------------------------------------------------------

    private void CompileStatementsForEffect(List<Stmt> statements)
    {
        foreach (var stmt in statements) CompileStatement(stmt);
    }

    /// <summary>Leave the value of the list: its last statement's if that is an expression, else unit.</summary>
    private void CompileStatementsForValue(List<Stmt> statements, SourcePos endPos)
    {
        for (int i = 0; i < statements.Count - 1; i++) CompileStatement(statements[i]);
        if (statements.Count > 0 && statements[^1] is ExprStmt last)
        {
            CompileExpr(last.Expr);
            return;
        }
        if (statements.Count > 0) CompileStatement(statements[^1]);
        _b.Emit(endPos, OpCode.Unit);
    }

    private void CompileBlock(Block block, bool wantValue)
    {
        BeginScope(block.Locals);
        if (wantValue) CompileStatementsForValue(block.Statements, EndPos(block));
        else CompileStatementsForEffect(block.Statements);
        EndScope(EndPos(block));
    }

    private void CompileStatement(Stmt stmt)
    {
        GuardDepth();
        switch (stmt)
        {
            case ExprStmt e:
                CompileEffect(e.Expr);
                break;
            case LetStmt let:
                CompileExpr(let.Value);
                CompileDeclarationPattern(let.Pattern, let.Pos);
                break;
            case FnDecl fn:
                CompileFnDecl(fn);
                break;
            case TypeDecl or ImplDecl or ImportStmt:
                break; // types and methods are set up before the script runs; imports do nothing
            default:
                throw new InvalidOperationException($"stack compiler: unknown statement {stmt.GetType().Name} at {stmt.Pos}");
        }
    }

    // ---- if / while / for --------------------------------------------------------------------

    private void CompileIf(IfExpr e, bool wantValue)
    {
        int depth = _b.Depth;
        var toEnd = new List<int>();
        for (int i = 0; i < e.Branches.Count; i++)
        {
            var branch = e.Branches[i];
            CompileExpr(branch.Condition);
            int next = _b.EmitJump(branch.Condition.Pos, OpCode.JumpIfFalse);
            CompileBlock(branch.Body, wantValue);
            bool isLast = i == e.Branches.Count - 1;
            if (!isLast || e.Else is not null || wantValue)
                toEnd.Add(_b.EmitJump(EndPos(branch.Body), OpCode.Jump));
            _b.Depth = depth;
            _b.PatchJump(next);
        }
        if (e.Else is { } otherwise) CompileBlock(otherwise, wantValue);
        else if (wantValue) _b.Emit(e.Pos, OpCode.Unit);
        foreach (int jump in toEnd) _b.PatchJump(jump);
        _b.Depth = depth + (wantValue ? 1 : 0);
    }

    private void CompileWhile(WhileExpr w)
    {
        int top = _b.Offset;
        CompileExpr(w.Condition);
        int exit = _b.EmitJump(w.Condition.Pos, OpCode.JumpIfFalse);
        var loop = new LoopContext(_scopes.Count, _b.Depth, _openTries);
        CompileLoopBody(loop, w.Body, top, w.Pos);
        _b.PatchJump(exit);
        foreach (int jump in loop.Breaks) _b.PatchJump(jump);
    }

    /// <summary>
    /// <c>for p in xs do body end</c>:
    /// <code>
    ///     xs; ITER_START
    /// top: ITER_NEXT exit;  bind p;  body;  CLOSE captured;  LOOP top
    /// exit: POP
    /// </code>
    /// ITER_START and ITER_NEXT carry the position of the <c>for</c>: a collection changed under the loop
    /// is reported there.
    /// </summary>
    private void CompileFor(ForExpr f)
    {
        CompileExpr(f.Iterable);
        _b.Emit(f.Pos, OpCode.IterStart);
        var loop = new LoopContext(_scopes.Count, _b.Depth, _openTries);
        int top = _b.Offset;
        int exit = _b.EmitJump(f.Pos, OpCode.IterNext);
        CompileLoopBody(loop, f.Body, top, f.Pos, f.Pattern);
        _b.Depth = loop.Depth;
        _b.PatchJump(exit);
        foreach (int jump in loop.Breaks) _b.PatchJump(jump);
        _b.Emit(f.Pos, OpCode.Pop);
    }

    /// <summary>The body of a loop: a fresh scope per iteration (its captured locals, the loop
    /// variables included, are closed before jumping back), with continue landing on those closes.</summary>
    private void CompileLoopBody(LoopContext loop, Block body, int top, SourcePos loopPos, Pattern? loopPattern = null)
    {
        _loops.Add(loop);
        BeginScope(body.Locals);
        if (loopPattern is not null) CompileDeclarationPattern(loopPattern, loopPos);
        CompileStatementsForEffect(body.Statements);
        foreach (int jump in loop.Continues) _b.PatchJump(jump);
        EndScope(EndPos(body));
        _b.EmitLoop(loopPos, top);
        _loops.RemoveAt(_loops.Count - 1);
    }

    private void CompileBreak(BreakExpr e)
    {
        var loop = CurrentLoop(e);
        loop.Breaks.Add(EmitLoopExit(loop, loop.ScopeCount, e.Pos));
        _b.Depth++; // as an expression it "leaves" a value that never exists
    }

    private void CompileContinue(ContinueExpr e)
    {
        var loop = CurrentLoop(e);
        // The body's own scope is closed at the continue target, so only deeper scopes close here.
        loop.Continues.Add(EmitLoopExit(loop, loop.ScopeCount + 1, e.Pos));
        _b.Depth++;
    }

    // ---- let-in ------------------------------------------------------------------------------

    private void CompileLetIn(LetInExpr e, bool wantValue)
    {
        CompileExpr(e.Value);
        BeginScope(e.Locals);
        CompileDeclarationPattern(e.Pattern, e.Pos);
        if (wantValue) CompileExpr(e.Body);
        else CompileEffect(e.Body);
        EndScope(e.Body.Pos);
    }

    // ---- try / throw -------------------------------------------------------------------------

    /// <summary>
    /// <code>
    ///     TRY_BEGIN handler;  body;  TRY_END;  JUMP end
    /// handler:                      (the VM has restored the stack height and pushed the caught value)
    ///     CLOSE locals captured in the body;  STORE_LOCAL e (or POP);  handler body
    /// end:
    /// </code>
    /// </summary>
    private void CompileTry(TryExpr t, bool wantValue)
    {
        int depth = _b.Depth;
        int handler = _b.EmitJump(t.Pos, OpCode.TryBegin);
        _openTries++;
        var captured = new List<Binding>();
        _tryBodyCaptures.Add(captured);
        CompileBlock(t.Body, wantValue);
        _tryBodyCaptures.RemoveAt(_tryBodyCaptures.Count - 1);
        _openTries--;
        _b.Emit(EndPos(t.Body), OpCode.TryEnd);
        int end = _b.EmitJump(EndPos(t.Body), OpCode.Jump);

        _b.Depth = depth + 1; // the caught value
        _b.PatchJump(handler);
        var handlerPos = t.Handler.Line > 0 ? t.Handler.Pos : t.Pos;
        EmitCloses(captured, handlerPos);
        var handlerLocals = t.Handler.Locals.ToList();
        if (t.CatchBinding is { } binding && !handlerLocals.Contains(binding)) handlerLocals.Add(binding);
        BeginScope(handlerLocals);
        if (t.CatchBinding is { } catchBinding) EmitStoreBinding(catchBinding, handlerPos);
        else _b.Emit(handlerPos, OpCode.Pop);
        if (wantValue) CompileStatementsForValue(t.Handler.Statements, EndPos(t.Handler));
        else CompileStatementsForEffect(t.Handler.Statements);
        EndScope(EndPos(t.Handler));
        _b.PatchJump(end);
        _b.Depth = depth + (wantValue ? 1 : 0);
    }

    private void CompileThrow(ThrowExpr t)
    {
        CompileExpr(t.Value);
        _b.Emit(t.Pos, OpCode.Throw);
        _b.Depth++;
    }
}
