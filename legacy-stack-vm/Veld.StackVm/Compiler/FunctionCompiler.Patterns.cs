using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>
/// Patterns compile to tests on the value at the top of the stack. A test that fails jumps away; the
/// value stays where it is on both paths, and a sub-pattern works on a copy pushed by ELEMENT, so a
/// failure deep inside a pattern leaves a known number of extra values. Failures land on a chain of
/// POPs laid out after the arm, one entry per depth:
/// <code>
///     MATCH_TUPLE 2 fail1 ... ELEMENT 0; MATCH_CONST k fail2 ...   (success path) JUMP end
/// fail2: POP
/// fail1:                                                           (next arm)
/// </code>
/// </summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>The failure jumps of one pattern, each with the extra values on the stack when it jumps.</summary>
    private sealed class PatternFailures(int baseDepth)
    {
        public int BaseDepth { get; } = baseDepth;
        public List<(int Jump, int Extra)> Jumps { get; } = [];
        public bool Any => Jumps.Count > 0;
    }

    /// <summary>Test the value on top against <paramref name="p"/> and bind its names; leaves the value.</summary>
    private void CompilePatternTest(Pattern p, PatternFailures fails)
    {
        GuardDepth();
        SourcePos pos = p.Pos;
        switch (p)
        {
            case WildcardPattern:
                break;
            case BindingPattern b:
                _b.Emit(pos, OpCode.Dup);
                EmitStoreBinding(b.Binding, pos);
                break;
            case LiteralPattern lit:
                AddFailure(fails, _b.EmitJump(pos, OpCode.MatchConst, _b.Constant(LiteralValue(lit))));
                break;
            case RangePattern r:
                var range = Value.FromObject(new VeldRange(r.Low, r.High, r.Inclusive));
                AddFailure(fails, _b.EmitJump(pos, OpCode.MatchRange, _b.Constant(range)));
                break;
            case TuplePattern t:
                AddFailure(fails, _b.EmitJump(pos, OpCode.MatchTuple, t.Elements.Count));
                CompileElementTests(t.Elements, fails);
                break;
            case VariantPattern v:
                var decl = v.Enum ?? throw new InvalidOperationException($"stack compiler: unresolved variant {v.VariantName} at {v.Pos}");
                AddFailure(fails, _b.EmitJump(pos, OpCode.MatchVariant, decl.TypeId, v.VariantIndex));
                if (v.Payload is { } payload) CompileElementTests(payload, fails);
                break;
            default:
                throw new InvalidOperationException($"stack compiler: unknown pattern {p.GetType().Name} at {p.Pos}");
        }
    }

    /// <summary>Sub-patterns of a tuple or a variant's payload, element by element.</summary>
    private void CompileElementTests(List<Pattern> elements, PatternFailures fails)
    {
        for (int i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            if (element is WildcardPattern) continue;
            _b.Emit(element.Pos, OpCode.Element, i);
            if (element is BindingPattern b)
            {
                EmitStoreBinding(b.Binding, element.Pos);
                continue;
            }
            CompilePatternTest(element, fails);
            _b.Emit(element.Pos, OpCode.Pop);
        }
    }

    private void AddFailure(PatternFailures fails, int jump) => fails.Jumps.Add((jump, _b.Depth - fails.BaseDepth));

    /// <summary>Lay out the POP chain that failure jumps land on; afterwards the stack holds the tested value.</summary>
    private void EmitFailureLanding(PatternFailures fails, SourcePos pos)
    {
        int maxExtra = fails.Jumps.Count == 0 ? 0 : fails.Jumps.Max(j => j.Extra);
        _b.Depth = fails.BaseDepth + maxExtra;
        for (int extra = maxExtra; extra >= 0; extra--)
        {
            foreach (var (jump, e) in fails.Jumps)
                if (e == extra) _b.PatchJump(jump);
            if (extra > 0) _b.Emit(pos, OpCode.Pop);
        }
    }

    private static Value LiteralValue(LiteralPattern lit) => lit.Value switch
    {
        long i => Value.FromInt(i),
        int i => Value.FromInt(i),
        double d => Value.FromFloat(d),
        string s => Value.FromString(s),
        bool b => Value.FromBool(b),
        var other => throw new InvalidOperationException($"stack compiler: literal pattern of type {other.GetType().Name} at {lit.Pos}"),
    };

    // ---- match -------------------------------------------------------------------------------

    /// <summary>
    /// <code>
    ///     scrutinee
    /// arm: tests (binding names);  [guard; CHECK_BOOL guard; JUMP_IF_FALSE fail];  POP;  body;  JUMP end
    /// fail: POPs;  CLOSE the arm's captured locals        (then the next arm)
    ///     MATCH_FAIL                                      (position of the match)
    /// end:
    /// </code>
    /// </summary>
    private void CompileMatch(MatchExpr m, bool wantValue)
    {
        CompileExpr(m.Scrutinee);
        int depth = _b.Depth; // scrutinee on top
        var toEnd = new List<int>();
        bool exhaustive = false;
        foreach (var arm in m.Arms)
        {
            var fails = new PatternFailures(depth);
            BeginScope(arm.Locals);
            var captured = _scopes[^1];
            CompilePatternTest(arm.Pattern, fails);
            if (arm.Guard is { } guard)
            {
                CompileExpr(guard);
                _b.Emit(guard.Pos, OpCode.CheckBool, (int)BoolContext.Guard);
                AddFailure(fails, _b.EmitJump(guard.Pos, OpCode.JumpIfFalse));
            }
            _b.Emit(arm.Pos, OpCode.Pop);
            if (wantValue) CompileExpr(arm.Body);
            else CompileEffect(arm.Body);
            EndScope(arm.Body.Pos);
            if (!fails.Any)
            {
                exhaustive = true; // later arms are unreachable
                break;
            }
            toEnd.Add(_b.EmitJump(arm.Body.Pos, OpCode.Jump));
            EmitFailureLanding(fails, arm.Pos);
            EmitCloses(captured, arm.Pos);
        }
        if (!exhaustive) _b.Emit(m.Pos, OpCode.MatchFail);
        foreach (int jump in toEnd) _b.PatchJump(jump);
        _b.Depth = depth - 1 + (wantValue ? 1 : 0);
    }

    // ---- declarations ------------------------------------------------------------------------

    /// <summary>Bind the value on top (consumed) to a let / let-in / for pattern. A refutable pattern that
    /// does not match is a Match error at <paramref name="pos"/>.</summary>
    private void CompileDeclarationPattern(Pattern p, SourcePos pos)
    {
        switch (p)
        {
            case BindingPattern b:
                EmitStoreBinding(b.Binding, pos);
                return;
            case WildcardPattern:
                _b.Emit(pos, OpCode.Pop);
                return;
        }
        var fails = new PatternFailures(_b.Depth);
        CompilePatternTest(p, fails);
        _b.Emit(pos, OpCode.Pop);
        if (!fails.Any) return;
        int done = _b.EmitJump(pos, OpCode.Jump);
        EmitFailureLanding(fails, pos);
        _b.Emit(pos, OpCode.MatchFail);
        _b.PatchJump(done);
    }
}
