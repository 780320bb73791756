using Veld.Language.Syntax;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

internal sealed partial class FunctionCompiler
{
    // ---- blocks -----------------------------------------------------------------------------------------

    /// <summary>A block in its own scope; its value (last expression, else unit) goes to dest.</summary>
    private void CompileBlock(Block block, int dest)
    {
        EnterScope();
        CompileStatements(block, dest);
        ExitScope();
    }

    /// <summary>The statements of a block in the current scope; the last one's value goes to dest.</summary>
    private void CompileStatements(Block block, int dest)
    {
        int last = block.Statements.Count - 1;
        for (int i = 0; i < last; i++) CompileStatement(block.Statements[i]);
        if (last >= 0 && block.Statements[last] is ExprStmt valueStmt)
        {
            CompileInto(valueStmt.Expr, dest);
            return;
        }
        if (last >= 0) CompileStatement(block.Statements[last]);
        if (dest != Discard) Emit(ABC(OpCode.LoadUnit, dest, 0, 0), LastPos(block));
    }

    private void CompileLetIn(LetInExpr l, int dest)
    {
        EnterScope();
        BindLetPattern(l.Pattern, l.Value, l.Pos);
        CompileInto(l.Body, dest);
        ExitScope();
    }

    // ---- if -----------------------------------------------------------------------------------------------

    private void CompileIf(IfExpr i, int dest)
    {
        var ends = new List<int>();
        for (int b = 0; b < i.Branches.Count; b++)
        {
            var branch = i.Branches[b];
            var next = new List<int>();
            CompileCondition(branch.Condition, jumpIf: false, next, new TruthCheck(BoolContext.Condition, branch.Condition.Pos));
            CompileBlock(branch.Body, dest);
            bool moreFollows = b < i.Branches.Count - 1 || i.Else is not null || dest != Discard;
            if (moreFollows && !EndsInJump()) ends.Add(EmitJump(LastEmittedPos));
            PatchHere(next);
        }
        if (i.Else is not null) CompileBlock(i.Else, dest);
        else if (dest != Discard) Emit(ABC(OpCode.LoadUnit, dest, 0, 0), i.Pos);
        PatchHere(ends);
    }

    /// <summary>Control cannot reach the current end of the code: the last instruction never falls through and
    /// no jump targets the end (so a branch that returns or breaks needs no jump to the end of its if).</summary>
    private bool EndsInJump()
    {
        if (_code.Count == 0 || _lastJumpTarget >= Here) return false;
        var op = Op(_code[^1]);
        if (op is OpCode.Return or OpCode.ReturnUnit or OpCode.TailCall or OpCode.TailCallG or OpCode.TailCallR or OpCode.TailMethod
            or OpCode.Throw or OpCode.NoMatch) return true;
        // An unconditional JMP, unless it is the JMP of a test (then the test can fall through).
        return op == OpCode.Jmp && (_code.Count < 2 || !IsTest(Op(_code[^2])));
    }

    private static bool IsTest(OpCode op) => OpcodeTable.Of(op).FollowedByJmp;

    // ---- loops ---------------------------------------------------------------------------------------------

    private void CompileWhile(WhileExpr w, int dest)
    {
        int start = Here;
        var exits = new List<int>();
        CompileCondition(w.Condition, jumpIf: false, exits, new TruthCheck(BoolContext.Condition, w.Condition.Pos));
        var loop = PushLoop(scopeIndex: _scopes.Count);
        CompileBlock(w.Body, Discard);
        PatchJumps(loop.Continues, Here);
        EmitJumpBack(start, w.Pos);
        PopLoop(loop, exits);
        if (dest != Discard) Emit(ABC(OpCode.LoadUnit, dest, 0, 0), w.Pos);
    }

    private void CompileFor(ForExpr f, int dest)
    {
        if (f.Iterable is RangeExpr range && f.Pattern is BindingPattern or WildcardPattern)
            CompileRangeFor(f, range);
        else
            CompileIteratorFor(f);
        if (dest != Discard) Emit(ABC(OpCode.LoadUnit, dest, 0, 0), f.Pos);
    }

    /// <summary>
    /// <c>for i in a..b</c> without a range object (Lua's numeric for): R[base] and R[base+1] hold the
    /// loop state, R[base+2] is the loop variable, fresh for every iteration.
    /// </summary>
    private void CompileRangeFor(ForExpr f, RangeExpr range)
    {
        int top = _regs.Top;
        int state = _regs.AllocTemps(2);
        CompileInto(range.Start, state);
        CompileInto(range.End, state + 1);
        int prep = Emit(AsBx(range.Inclusive ? OpCode.ForPrepInc : OpCode.ForPrep, state, 0), range.Pos);

        EnterScope();
        var loop = PushLoop(scopeIndex: _scopes.Count - 1);
        int body = Here;
        if (f.Pattern is BindingPattern bp) ActivateLocal(bp.Binding, DeclareLocal(bp.Binding));
        else _regs.DeclareLocal("(for value)"); // FORLOOP writes R[state+2] even when nothing binds it
        CompileStatements(f.Body, Discard);
        ExitScope();
        PatchJumps(loop.Continues, Here);
        int forLoop = Emit(AsBx(OpCode.ForLoop, state, 0), f.Pos);
        PatchJump(forLoop, body);
        PatchJump(prep, Here);
        PopLoop(loop, []);
        _regs.FreeTempsFrom(top);
    }

    /// <summary>
    /// <c>for pattern in iterable</c> over anything ForIterator accepts: R[base] holds the iterator,
    /// R[base+1] receives each item (and is the loop variable itself for a plain name).
    /// </summary>
    private void CompileIteratorFor(ForExpr f)
    {
        int top = _regs.Top;
        int iterator = _regs.AllocTemp();
        CompileInto(f.Iterable, iterator);
        int prep = Emit(AsBx(OpCode.IterPrep, iterator, 0), f.Pos);

        EnterScope();
        var loop = PushLoop(scopeIndex: _scopes.Count - 1);
        int body = Here;
        int item;
        if (f.Pattern is BindingPattern bp)
        {
            item = DeclareLocal(bp.Binding);
            ActivateLocal(bp.Binding, item);
        }
        else
        {
            item = _regs.DeclareLocal("(for item)");
            DeclarePatternLocals(f.Pattern);
            var mismatch = new List<int>();
            CompilePatternTest(f.Pattern, item, mismatch);
            if (mismatch.Count > 0)
                _coldStubs.Add(new ColdStub(mismatch, [(ABC(OpCode.NoMatch, item, 0, 0), f.Pos)]));
            ActivatePatternLocals(f.Pattern);
        }
        CompileStatements(f.Body, Discard);
        ExitScope();
        PatchJumps(loop.Continues, Here);
        PatchJump(prep, Here);
        int next = Emit(AsBx(OpCode.IterNext, iterator, 0), f.Pos);
        PatchJump(next, body);
        PopLoop(loop, []);
        _regs.FreeTempsFrom(top);
    }

    /// <summary>Enter a loop whose body scope is (or will be) <c>_scopes[scopeIndex]</c>, starting at the current top.</summary>
    private Loop PushLoop(int scopeIndex)
    {
        var loop = new Loop(scopeIndex, _regs.Top, _tryDepth);
        _loops.Add(loop);
        return loop;
    }

    private void PopLoop(Loop loop, List<int> exits)
    {
        _loops.RemoveAt(_loops.Count - 1);
        PatchHere(exits);
        PatchHere(loop.Breaks);
    }

    private void PatchJumps(List<int> jumps, int target)
    {
        foreach (var j in jumps) PatchJump(j, target);
        jumps.Clear();
    }

    /// <summary>Leaving the loop body early: leave the TRYs entered inside the loop, close the body's
    /// captured locals, jump.</summary>
    private void EmitLoopExit(Loop loop, List<int> jumps, SourcePos pos)
    {
        for (int t = loop.TryDepth; t < _tryDepth; t++) Emit(ABC(OpCode.EndTry, 0, 0, 0), pos);
        if (HasCapturedAbove(loop.ScopeIndex)) Emit(ABC(OpCode.Close, loop.BodyLevel, 0, 0), pos);
        jumps.Add(EmitJump(pos));
    }

    private void CompileBreak(BreakExpr b)
    {
        var loop = InnermostLoop("break", b.Pos);
        EmitLoopExit(loop, loop.Breaks, b.Pos);
    }

    private void CompileContinue(ContinueExpr c)
    {
        var loop = InnermostLoop("continue", c.Pos);
        EmitLoopExit(loop, loop.Continues, c.Pos);
    }

    private Loop InnermostLoop(string what, SourcePos pos) =>
        _loops.Count > 0 ? _loops[^1] : throw new InvalidOperationException($"register VM compiler: {what} outside a loop at line {pos}");

    // ---- try / throw -----------------------------------------------------------------------------------

    /// <summary>
    /// <code>
    ///     TRY    A -> handler     (A: first free register; receives the caught value)
    ///     body into dest
    ///     ENDTRY
    ///     JMP    end
    /// handler:
    ///     handler block into dest (the catch variable is R[A])
    /// end:
    /// </code>
    /// </summary>
    private void CompileTry(TryExpr t, int dest)
    {
        int level = _regs.AllocTemp();
        _regs.FreeTemp(level);
        int tryAt = Emit(AsBx(OpCode.Try, level, 0), t.Pos);
        _tryDepth++;
        CompileBlock(t.Body, dest);
        _tryDepth--;
        Emit(ABC(OpCode.EndTry, 0, 0, 0), LastEmittedPos);
        var end = new List<int> { EmitJump(LastEmittedPos) };
        PatchJump(tryAt, Here);

        EnterScope();
        if (t.CatchBinding is { } binding) ActivateLocal(binding, DeclareLocal(binding));
        CompileStatements(t.Handler, dest);
        ExitScope();
        PatchHere(end);
    }

    private void CompileThrow(ThrowExpr t)
    {
        int top = _regs.Top;
        int value = OperandRegister(t.Value);
        Emit(ABC(OpCode.Throw, value, 0, 0), t.Pos);
        _regs.FreeTempsFrom(top);
    }

    // ---- match ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Arms in order: the pattern's tests jump to the next arm on failure, then the guard, then the body
    /// into dest (or returned, in tail position). After the last arm, NOMATCH.
    /// </summary>
    private void CompileMatch(MatchExpr m, int dest, bool tail)
    {
        int top = _regs.Top;
        bool anyGuard = m.Arms.Any(a => a.Guard is not null);
        // A local scrutinee is tested in place, unless a guard could assign it between tests.
        int scrutinee = m.Scrutinee is NameExpr n && RegisterBinding(n) is { } b && !anyGuard
            ? RegisterOf(b)
            : OperandRegisterCopy(m.Scrutinee);

        var ends = new List<int>();
        var next = new List<int>();
        foreach (var arm in m.Arms)
        {
            PatchHere(next);
            var before = _regs.Save();
            EnterScope();
            DeclarePatternLocals(arm.Pattern);
            CompilePatternTest(arm.Pattern, scrutinee, next);
            ActivatePatternLocals(arm.Pattern);
            if (arm.Guard is not null)
                CompileCondition(arm.Guard, jumpIf: false, next, new TruthCheck(BoolContext.Guard, arm.Guard.Pos));
            if (tail)
            {
                CompileReturnValue(arm.Body);
                ExitScope(emitClose: false);
            }
            else
            {
                CompileInto(arm.Body, dest);
                ExitScope();
                if (!EndsInJump()) ends.Add(EmitJump(LastEmittedPos));
            }
            _regs.EnsureAt(before, "a match arm");
        }
        // With no arms (`match x end`) every value fails to match.
        if (next.Count > 0 || m.Arms.Count == 0)
        {
            PatchHere(next);
            Emit(ABC(OpCode.NoMatch, scrutinee, 0, 0), m.Pos);
        }
        else if (!tail && ends.Count > 0 && ends[^1] == Here - 1)
        {
            // The last arm cannot fail: its jump to the end would jump to the next instruction.
            _code.RemoveAt(_code.Count - 1);
            _positions.RemoveAt(_positions.Count - 1);
            ends.RemoveAt(ends.Count - 1);
        }
        PatchHere(ends);
        _regs.FreeTempsFrom(top);
    }

    /// <summary>Always a fresh temporary holding the value (a snapshot the code after cannot change).</summary>
    private int OperandRegisterCopy(Expr e)
    {
        int t = _regs.AllocTemp();
        CompileInto(e, t);
        return t;
    }

    // ---- patterns -------------------------------------------------------------------------------------------

    /// <summary>Give every name the pattern binds a register (in pattern order), before any test runs.</summary>
    private void DeclarePatternLocals(Pattern p)
    {
        foreach (var binding in PatternBindings(p)) DeclareLocal(binding);
    }

    private void ActivatePatternLocals(Pattern p)
    {
        foreach (var binding in PatternBindings(p)) ActivateLocal(binding, RegisterOf(binding));
    }

    /// <summary>The names <paramref name="p"/> binds, in pattern order, in a list the compiler reuses: valid until
    /// the next call (callers use it before compiling anything else).</summary>
    private List<Binding> PatternBindings(Pattern p)
    {
        _patternBindings.Clear();
        p.AddBindingsTo(_patternBindings);
        return _patternBindings;
    }

    /// <summary>
    /// Test R[value] against <paramref name="p"/>, jumping to <paramref name="fail"/> on a mismatch, and
    /// write the bound parts into their locals' registers (declared already). Sub-values that need
    /// further tests go through temporaries above the locals.
    /// </summary>
    private void CompilePatternTest(Pattern p, int value, List<int> fail)
    {
        switch (p)
        {
            case WildcardPattern:
                return;
            case BindingPattern b:
                int target = RegisterOf(b.Binding);
                if (target != value) Emit(ABC(OpCode.Move, target, value, 0), p.Pos);
                return;
            case LiteralPattern lit:
                CompileLiteralTest(lit, value, fail);
                return;
            case RangePattern r:
                Emit(ABx(OpCode.TestRange, value, _k.Range(r.Low, r.High, r.Inclusive)), p.Pos);
                fail.Add(EmitJump(p.Pos));
                return;
            case TuplePattern t:
                if (t.Elements.Count > MaxBx)
                    throw new TierUnsupportedException($"register VM: a tuple pattern of {t.Elements.Count} elements (at most {MaxBx})");
                Emit(ABx(OpCode.TestTuple, value, t.Elements.Count), p.Pos);
                fail.Add(EmitJump(p.Pos));
                for (int i = 0; i < t.Elements.Count; i++)
                    CompileSubPattern(t.Elements[i], i, (dest, index) => EmitTupleGet(dest, value, index, p.Pos), fail);
                return;
            case VariantPattern v:
                var decl = v.Enum ?? throw new InvalidOperationException($"register VM compiler: unresolved variant pattern at line {p.Line}");
                int arity = decl.Variants[v.VariantIndex].Payload.Count;
                int ctor = _program.Constructor(decl.TypeId, v.VariantIndex, arity);
                Emit(ABx(OpCode.TestVariant, value, ctor), p.Pos);
                fail.Add(EmitJump(p.Pos));
                if (v.Payload is { } payload)
                {
                    if (payload.Count != arity)
                    {
                        // The front end normally rejects this; a pattern of the wrong size matches nothing.
                        fail.Add(EmitJump(p.Pos));
                        return;
                    }
                    for (int i = 0; i < payload.Count; i++)
                        CompileSubPattern(payload[i], i, (dest, index) => Emit(ABC(OpCode.GetPayload, dest, value, index), p.Pos), fail);
                }
                return;
            default:
                throw new TierUnsupportedException($"register VM: unsupported pattern {p.GetType().Name} at line {p.Line}");
        }
    }

    /// <summary>Element <paramref name="index"/> of a tuple or payload: straight into a binding's register,
    /// skipped for <c>_</c>, else through a temporary that is tested further.</summary>
    private void CompileSubPattern(Pattern sub, int index, Action<int, int> extract, List<int> fail)
    {
        switch (sub)
        {
            case WildcardPattern:
                return;
            case BindingPattern b:
                extract(RegisterOf(b.Binding), index);
                return;
            default:
                int t = _regs.AllocTemp();
                extract(t, index);
                CompilePatternTest(sub, t, fail);
                _regs.FreeTemp(t);
                return;
        }
    }

    private void CompileLiteralTest(LiteralPattern lit, int value, List<int> fail)
    {
        var constant = lit.Value switch
        {
            long l => Value.FromInt(l),
            int i => Value.FromInt(i),
            double d => Value.FromFloat(d),
            string s => Value.FromString(s),
            bool b => Value.FromBool(b),
            _ => throw new InvalidOperationException($"register VM compiler: literal pattern of type {lit.Value.GetType().Name}"),
        };
        // "if (R[value] == constant) == false then JMP fail"
        if (constant.IsInt && FitsSC(constant.AsInt))
        {
            Emit(ABC(OpCode.EqI, value, (int)constant.AsInt + OffsetSC, 0, k: false), lit.Pos);
        }
        else if (_k.Of(constant) is var index && index < MaxShortConst)
        {
            Emit(ABC(OpCode.EqK, value, index, 0, k: false), lit.Pos);
        }
        else
        {
            int t = _regs.AllocTemp();
            EmitLoadConstant(t, constant, lit.Pos);
            Emit(ABC(OpCode.Eq, value, t, 0, k: false), lit.Pos);
            _regs.FreeTemp(t);
        }
        fail.Add(EmitJump(lit.Pos));
    }
}
