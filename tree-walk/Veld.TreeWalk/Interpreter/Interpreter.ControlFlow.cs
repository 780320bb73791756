using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>if, while, for, match, let-in, try/catch, throw, return.</summary>
internal sealed partial class Interpreter
{
    private Value EvalIf(IfExpr e, Frame f)
    {
        foreach (var branch in e.Branches)
        {
            var condition = Eval(branch.Condition, f);
            if (f.IsAbrupt) return default;
            if (IsTrue(condition, BoolContext.Condition, branch.Condition)) return EvalBlock(branch.Body, f);
        }
        return e.Else is null ? Value.Unit : EvalBlock(e.Else, f);
    }

    /// <summary>A condition must be a bool; the Type error is reported at the condition's line
    /// (which for <c>else if</c> is not the line of the <c>if</c>).</summary>
    private static bool IsTrue(Value condition, BoolContext context, Expr at)
    {
        try
        {
            return BoolContexts.Check(condition, context);
        }
        catch (VeldRuntimeException error) when (Stamp(error, at))
        {
            throw;
        }
    }

    /// <summary>Fuel: one unit each time the loop goes back for another test, after a body that finished
    /// or continued (SPEC 16); charged at the loop, as the bytecode tiers charge their backward jump.</summary>
    private Value EvalWhile(WhileExpr e, Frame f)
    {
        while (true)
        {
            var condition = Eval(e.Condition, f);
            if (f.IsAbrupt) return default;
            if (!IsTrue(condition, BoolContext.Condition, e.Condition)) return Value.Unit;
            EvalBlock(e.Body, f);
            if (f.IsAbrupt && LoopEnds(f, out var exit)) return exit;
            _context.Tick(); // running out here is reported at the while (its node is the innermost one evaluating)
        }
    }

    /// <summary>
    /// After a loop body that ended abruptly: a continue is consumed and the loop goes on (false); a break is
    /// consumed and ends the loop with unit; a return or tail call ends it with the flow left for the function.
    /// </summary>
    private static bool LoopEnds(Frame f, out Value exit)
    {
        var flow = f.Flow;
        exit = default;
        if (flow is not (Flow.Break or Flow.Continue)) return true;
        f.Flow = Flow.Normal;
        exit = Value.Unit;
        return flow == Flow.Break;
    }

    /// <summary>Errors of the iteration itself (not iterable, collection changed, pattern mismatch) are
    /// raised here, so they carry the line of the <c>for</c>.</summary>
    private Value EvalFor(ForExpr e, Frame f)
    {
        var iterable = Eval(e.Iterable, f);
        if (f.IsAbrupt) return default;
        var iterator = ForIterator.Create(iterable);
        while (iterator.MoveNext(out var item))
        {
            // Binding per iteration: captured loop variables get a fresh cell every time.
            if (!MatchPattern(e.Pattern, item, f)) throw RuntimeErrors.NoMatch(item);
            EvalBlock(e.Body, f);
            if (f.IsAbrupt && LoopEnds(f, out var exit)) return exit;
            _context.Tick(); // before the next MoveNext, like the while loop's before its next test
        }
        return Value.Unit;
    }

    private Value EvalMatch(MatchExpr e, Frame f)
    {
        var scrutinee = Eval(e.Scrutinee, f);
        if (f.IsAbrupt) return default;
        foreach (var arm in e.Arms)
        {
            if (!MatchPattern(arm.Pattern, scrutinee, f)) continue;
            if (arm.Guard is { } guard)
            {
                var passed = Eval(guard, f);
                if (f.IsAbrupt) return default;
                if (!IsTrue(passed, BoolContext.Guard, guard)) continue;
            }
            return Eval(arm.Body, f);
        }
        throw RuntimeErrors.NoMatch(scrutinee);
    }

    private Value EvalLetIn(LetInExpr e, Frame f)
    {
        DeclarePattern(e.Pattern, e.Value, f);
        if (f.IsAbrupt) return default;
        return Eval(e.Body, f);
    }

    /// <summary>
    /// Catches catchable runtime errors raised anywhere inside the body, including in the calls it makes
    /// (they arrive as <see cref="Flow.Error"/>). The call depth saved on entry is restored: a call that
    /// failed on entry (fuel, time) never left the depth it took. Break, continue and return pass through
    /// as ordinary flow, and so does an error a try cannot catch (StackOverflow, LimitExceeded).
    /// </summary>
    private Value EvalTry(TryExpr e, Frame f)
    {
        int callDepth = _context.CallDepth;
        var value = EvalBlock(e.Body, f);
        // The resolver never marks a call inside try as a tail call; if one were, making it here
        // (inside the try) keeps the catch working.
        if (f.Flow == Flow.TailCall)
        {
            f.Flow = Flow.Normal;
            value = CallClosure(f.TailCallee!, f.TailSlots!, f, e);
        }
        if (f.Flow != Flow.Error || !_raised!.IsCatchable) return value;
        var caught = TakeRaised()!;
        f.Flow = Flow.Normal;
        _context.CallDepth = callDepth;
        if (e.CatchBinding is { } binding) Declare(binding, caught.ToCatchValue(), f);
        return EvalBlock(e.Handler, f);
    }

    /// <summary><c>throw v</c> starts unwinding without a .NET exception.</summary>
    private Value EvalThrow(ThrowExpr e, Frame f)
    {
        var value = Eval(e.Value, f);
        if (f.IsAbrupt) return default;
        return Raise(f, RuntimeErrors.Thrown(value), e);
    }

    /// <summary><c>return e</c>. If e is a tail call, its own signal is already set and wins.</summary>
    private Value EvalReturn(ReturnExpr e, Frame f)
    {
        var value = Value.Unit;
        if (e.Value is not null)
        {
            value = Eval(e.Value, f);
            if (f.IsAbrupt) return default;
        }
        f.ReturnValue = value;
        return Signal(f, Flow.Return);
    }
}
