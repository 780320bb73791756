using Veld.Language.Syntax;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

internal sealed partial class FunctionCompiler
{
    /// <summary>
    /// Evaluate <paramref name="e"/> into register <paramref name="dest"/> (or for effect only when dest is
    /// <see cref="Discard"/>). dest is written only by the last instruction on each path.
    /// </summary>
    private void CompileInto(Expr e, int dest)
    {
        _program.StackGuard.Ensure();
        if (dest == Discard && !HandlesDiscard(e))
        {
            CompileEffect(e);
            return;
        }
        switch (e)
        {
            case IntLiteral i: EmitLoadConstant(dest, Value.FromInt(i.Value), e.Pos); break;
            case FloatLiteral f: EmitLoadConstant(dest, Value.FromFloat(f.Value), e.Pos); break;
            case BoolLiteral b: EmitLoadConstant(dest, Value.FromBool(b.Value), e.Pos); break;
            case StringLiteral s: EmitLoadK(dest, _k.String(s.Value), e.Pos); break;
            case UnitLiteral: Emit(ABC(OpCode.LoadUnit, dest, 0, 0), e.Pos); break;
            case NameExpr n: CompileName(n, dest); break;
            case UnaryExpr u: CompileUnary(u, dest); break;
            case BinaryExpr b when IsComparison(b.Op): CompileComparisonValue(b, dest); break;
            case BinaryExpr b: CompileArithmetic(b, dest); break;
            case LogicalExpr l: CompileLogicalValue(l, dest); break;
            case RangeExpr r: CompileRange(r, dest); break;
            case CastExpr c: CompileCast(c, dest); break;
            case CallExpr c: CompileCall(c, dest, tail: false); break;
            case MethodCallExpr m: CompileMethodCall(m, dest, tail: false); break;
            case MemberExpr m: CompileMember(m, dest); break;
            case TupleIndexExpr t: CompileTupleIndex(t, dest); break;
            case IndexExpr i: CompileIndex(i, dest); break;
            case ArrayExpr a: CompileArray(a, dest); break;
            case TupleExpr t: CompileTuple(t, dest); break;
            case MapExpr m: CompileMap(m, dest); break;
            case FunctionExpr f: Emit(ABx(OpCode.Closure, dest, CompileChild(f.Function)), e.Pos); break;
            case IfExpr i: CompileIf(i, dest); break;
            case WhileExpr w: CompileWhile(w, dest); break;
            case ForExpr f: CompileFor(f, dest); break;
            case BlockExpr b: CompileBlock(b.Block, dest); break;
            case LetInExpr l: CompileLetIn(l, dest); break;
            case MatchExpr m: CompileMatch(m, dest, tail: false); break;
            case TryExpr t: CompileTry(t, dest); break;
            case ReturnExpr r: CompileReturn(r); break;
            case BreakExpr b: CompileBreak(b); break;
            case ContinueExpr c: CompileContinue(c); break;
            case ThrowExpr t: CompileThrow(t); break;
            case AssignExpr a:
                CompileAssign(a);
                if (dest != Discard) Emit(ABC(OpCode.LoadUnit, dest, 0, 0), e.Pos);
                break;
            case MacroExpr m: CompileMacro(m, dest); break;
            default:
                throw new TierUnsupportedException($"register VM: unsupported expression {e.GetType().Name} at line {e.Line}");
        }
    }

    /// <summary>Expressions that do their own thing for <see cref="Discard"/>; the rest are pure value
    /// computations that <see cref="CompileEffect"/> evaluates into a scratch register (they may raise).</summary>
    private static bool HandlesDiscard(Expr e) => e is CallExpr or MethodCallExpr or IfExpr or WhileExpr or ForExpr
        or BlockExpr or LetInExpr or MatchExpr or TryExpr or ReturnExpr or BreakExpr or ContinueExpr or ThrowExpr
        or AssignExpr or MacroExpr;

    /// <summary>Evaluate for effect: values that cannot raise are not computed at all.</summary>
    private void CompileEffect(Expr e)
    {
        switch (e)
        {
            case IntLiteral or FloatLiteral or BoolLiteral or StringLiteral or UnitLiteral or FunctionExpr:
            case NameExpr { Ref.Kind: VarKind.Local or VarKind.Upvalue or VarKind.Builtin }:
            case NameExpr n when RegisterBinding(n) is not null || _program.IsGlobalConstant(n.Ref.Index) && n.Ref.Kind == VarKind.Global:
            case MemberExpr { Kind: MemberKind.Builtin }:
                return;
            // A variant that needs a payload, written without one, is an Arity error even when unused.
            case MemberExpr { Kind: MemberKind.UnitVariant, Enum: { } decl } m when decl.Variants[m.VariantIndex].Payload.Count == 0:
                return;
            case var _ when HandlesDiscard(e):
                CompileInto(e, Discard);
                return;
            case var _ when _program.Folder.TryFold(e, out _):
                return; // folding succeeded, so evaluating it cannot raise
            default:
                int t = _regs.AllocTemp();
                CompileInto(e, t);
                _regs.FreeTemp(t);
                return;
        }
    }

    /// <summary>
    /// A register holding <paramref name="e"/>'s value: a local's own register when nothing evaluated in
    /// <paramref name="later"/> can change it, else a new temporary (freed by the caller with the others).
    /// </summary>
    private int OperandRegister(Expr e, params ReadOnlySpan<Expr> later)
    {
        if (e is NameExpr n && RegisterBinding(n) is { } b && !EffectAnalysis.MayWriteAny(later, b)
            && _program.Optimizations.IsOn(OptimizationPasses.MoveElimination))
            return RegisterOf(b);
        int t = _regs.AllocTemp();
        CompileInto(e, t);
        return t;
    }

    private void CompileName(NameExpr n, int dest)
    {
        if (n.Ref.Kind == VarKind.Global && _program.Folder.TryFold(n, out var constant))
        {
            EmitLoadConstant(dest, constant, n.Pos);
            return;
        }
        if (RegisterBinding(n) is { } b)
        {
            int r = RegisterOf(b);
            if (r != dest) Emit(ABC(OpCode.Move, dest, r, 0), n.Pos);
            return;
        }
        switch (n.Ref.Kind)
        {
            case VarKind.Upvalue:
                EmitGetUpvalue(dest, n.Ref.Index, n.Pos);
                break;
            case VarKind.Global:
                Emit(ABx(OpCode.GetGlobal, dest, n.Ref.Index), n.Pos);
                break;
            case VarKind.Builtin:
                EmitLoadK(dest, _k.Builtin(n.Ref.BuiltinName ?? n.Name), n.Pos);
                break;
            default:
                throw new InvalidOperationException($"register VM compiler: unresolved name '{n.Name}' at line {n.Line}");
        }
    }

    // ---- operators -----------------------------------------------------------------------------------

    private static bool IsComparison(BinaryOp op) => op is BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge;

    private void CompileUnary(UnaryExpr u, int dest)
    {
        if (_program.Folder.TryFold(u, out var folded))
        {
            EmitLoadConstant(dest, folded, u.Pos);
            return;
        }
        int top = _regs.Top;
        int operand = OperandRegister(u.Operand);
        Emit(ABC(u.Op == UnaryOp.Negate ? OpCode.Unm : OpCode.Not, dest, operand, 0), u.Pos);
        _regs.FreeTempsFrom(top);
    }

    private void CompileArithmetic(BinaryExpr b, int dest)
    {
        if (_program.Folder.TryFold(b, out var folded))
        {
            EmitLoadConstant(dest, folded, b.Pos);
            return;
        }
        int top = _regs.Top;
        int left = OperandRegister(b.Left, b.Right);
        EmitArithmetic(b.Op, dest, left, b.Right, b.Pos);
        _regs.FreeTempsFrom(top);
    }

    /// <summary><c>R[dest] := R[left] op right</c>, using the immediate or constant form when right is a constant.</summary>
    private void EmitArithmetic(BinaryOp op, int dest, int left, Expr right, SourcePos pos)
    {
        if (_program.Folder.TryFold(right, out var k))
        {
            if (op is BinaryOp.Add or BinaryOp.Sub && k.IsInt && FitsSC(k.AsInt))
            {
                Emit(ABC(op == BinaryOp.Add ? OpCode.AddI : OpCode.SubI, dest, left, (int)k.AsInt + OffsetSC), pos);
                return;
            }
            int index = _k.Of(k);
            if (index < MaxShortConst)
            {
                Emit(ABC(ArithmeticOp(op, constant: true), dest, left, index), pos);
                return;
            }
        }
        int top = _regs.Top;
        int r = OperandRegister(right);
        Emit(ABC(ArithmeticOp(op, constant: false), dest, left, r), pos);
        _regs.FreeTempsFrom(top);
    }

    private static OpCode ArithmeticOp(BinaryOp op, bool constant)
    {
        var reg = op switch
        {
            BinaryOp.Add => OpCode.Add,
            BinaryOp.Sub => OpCode.Sub,
            BinaryOp.Mul => OpCode.Mul,
            BinaryOp.Div => OpCode.Div,
            BinaryOp.Mod => OpCode.Mod,
            BinaryOp.Pow => OpCode.Pow,
            BinaryOp.BitAnd => OpCode.BAnd,
            BinaryOp.BitOr => OpCode.BOr,
            BinaryOp.BitXor => OpCode.BXor,
            BinaryOp.Shl => OpCode.Shl,
            BinaryOp.Shr => OpCode.Shr,
            _ => throw new InvalidOperationException($"not an arithmetic operator: {op}"),
        };
        return constant ? reg + (OpCode.AddK - OpCode.Add) : reg;
    }

    private void CompileRange(RangeExpr r, int dest)
    {
        int top = _regs.Top;
        int start = OperandRegister(r.Start, r.End);
        int end = OperandRegister(r.End);
        Emit(ABC(OpCode.NewRange, dest, start, end, r.Inclusive), r.Pos);
        _regs.FreeTempsFrom(top);
    }

    private void CompileCast(CastExpr c, int dest)
    {
        if (_program.Folder.TryFold(c, out var folded))
        {
            EmitLoadConstant(dest, folded, c.Pos);
            return;
        }
        int top = _regs.Top;
        int value = OperandRegister(c.Value);
        Emit(ABC(OpCode.Cast, dest, value, (int)c.Target), c.Pos);
        Emit(Ax(OpCode.ExtraArg, _k.String(c.Type.Text)), c.Pos);
        _regs.FreeTempsFrom(top);
    }

    // ---- members and indexing ------------------------------------------------------------------------

    private void CompileMember(MemberExpr m, int dest)
    {
        switch (m.Kind)
        {
            case MemberKind.UnitVariant:
                int ctor = _program.Constructor(m.Enum!.TypeId, m.VariantIndex, 0);
                EmitWithConst(OpCode.NewEnum, dest, 0, ctor, m.Pos);
                break;
            case MemberKind.Builtin:
                EmitLoadK(dest, _k.Builtin(m.BuiltinName ?? m.Name), m.Pos);
                break;
            default:
                int top = _regs.Top;
                int target = OperandRegister(m.Target);
                EmitWithConst(OpCode.GetField, dest, target, _k.String(m.Name), m.Pos);
                _regs.FreeTempsFrom(top);
                break;
        }
    }

    private void CompileTupleIndex(TupleIndexExpr t, int dest)
    {
        int top = _regs.Top;
        int target = OperandRegister(t.Target);
        EmitTupleGet(dest, target, t.Index, t.Pos);
        _regs.FreeTempsFrom(top);
    }

    private void EmitTupleGet(int dest, int tuple, int index, SourcePos pos)
    {
        if (index < MaxShortConst) Emit(ABC(OpCode.GetTuple, dest, tuple, index), pos);
        else
        {
            Emit(ABC(OpCode.GetTuple, dest, tuple, MaxShortConst), pos);
            Emit(Ax(OpCode.ExtraArg, index), pos);
        }
    }

    private void CompileIndex(IndexExpr i, int dest)
    {
        int top = _regs.Top;
        int target = OperandRegister(i.Target, i.Index);
        int index = OperandRegister(i.Index);
        Emit(ABC(OpCode.GetIndex, dest, target, index), i.Pos);
        _regs.FreeTempsFrom(top);
    }

    // ---- constructors ---------------------------------------------------------------------------------

    private void CompileArray(ArrayExpr a, int dest)
    {
        int n = a.Elements.Count;
        // All elements constant: one NEWARRAYK copies them out of a constant tuple.
        if (n > 0 && _program.Folder.TryFoldAll(a.Elements) is { } values
            && _k.Of(Value.FromObject(new VeldTuple(values))) is var elements && elements <= MaxBx)
        {
            Emit(ABx(OpCode.NewArrayK, dest, elements), a.Pos);
            return;
        }
        // With more than one batch the array exists before the last elements are evaluated; build it in a
        // fresh temporary unless dest already is one, so dest is still written only at the end.
        int target = n > ArrayBatch && !IsTopTemp(dest) ? _regs.AllocTemp() : dest;
        int top = _regs.Top;
        for (int first = 0; first == 0 || first < n; first += ArrayBatch)
        {
            int count = Math.Min(ArrayBatch, n - first);
            int window = _regs.Top;
            for (int i = 0; i < count; i++) CompileInto(a.Elements[first + i], _regs.AllocTemp());
            Emit(ABC(first == 0 ? OpCode.NewArray : OpCode.Append, target, count == 0 ? 0 : window, count), a.Pos);
            _regs.FreeTempsFrom(top);
        }
        if (target != dest)
        {
            Emit(ABC(OpCode.Move, dest, target, 0), a.Pos);
            _regs.FreeTemp(target);
        }
    }

    private void CompileTuple(TupleExpr t, int dest)
    {
        if (_program.Folder.TryFold(t, out var constant))
        {
            EmitLoadConstant(dest, constant, t.Pos);
            return;
        }
        int top = _regs.Top;
        // Each element's register is allocated just before it is computed, so a call there can use it as its window.
        int window = _regs.Top;
        foreach (var element in t.Elements) CompileInto(element, _regs.AllocTemp());
        Emit(ABC(OpCode.NewTuple, dest, window, t.Elements.Count), t.Pos);
        _regs.FreeTempsFrom(top);
    }

    private void CompileMap(MapExpr m, int dest)
    {
        int n = m.Entries.Count;
        int target = n > MapBatch && !IsTopTemp(dest) ? _regs.AllocTemp() : dest;
        int top = _regs.Top;
        for (int first = 0; first == 0 || first < n; first += MapBatch)
        {
            int count = Math.Min(MapBatch, n - first);
            int window = _regs.Top;
            for (int i = 0; i < count; i++)
            {
                CompileInto(m.Entries[first + i].Key, _regs.AllocTemp());
                CompileInto(m.Entries[first + i].Value, _regs.AllocTemp());
            }
            Emit(ABC(first == 0 ? OpCode.NewMap : OpCode.MapInsert, target, count == 0 ? 0 : window, count), m.Pos);
            _regs.FreeTempsFrom(top);
        }
        if (target != dest)
        {
            Emit(ABC(OpCode.Move, dest, target, 0), m.Pos);
            _regs.FreeTemp(target);
        }
    }

    // ---- macros -----------------------------------------------------------------------------------------

    private void CompileMacro(MacroExpr m, int dest)
    {
        if (m.Kind == MacroKind.Assert)
        {
            CompileAssert(m);
            if (dest != Discard) Emit(ABC(OpCode.LoadUnit, dest, 0, 0), m.Pos);
            return;
        }

        // Split the parts into literal text pieces around the interpolated values: n values, n + 1 pieces.
        var pieces = new List<string>();
        var values = new List<Expr>();
        var text = new System.Text.StringBuilder();
        foreach (var part in m.Parts)
        {
            if (part.Value is null) text.Append(part.Text);
            else
            {
                pieces.Add(text.ToString());
                text.Clear();
                values.Add(part.Value);
            }
        }
        pieces.Add(text.ToString());

        if (m.Kind == MacroKind.Format && values.Count == 0)
        {
            if (dest != Discard) EmitLoadK(dest, _k.String(pieces[0]), m.Pos);
            return;
        }

        int top = _regs.Top;
        int window = _regs.Top;
        int lastRunningCode = values.FindLastIndex(EffectAnalysis.MayRunCode);
        for (int i = 0; i < values.Count; i++)
        {
            CompileInto(values[i], _regs.AllocTemp());
            // A part is shown when it is evaluated: if a later part may run code (and change this value,
            // say an array), take its display form now.
            if (i < lastRunningCode)
                Emit(ABC(OpCode.ToStr, window + i, window + i, 0), values[i].Pos);
        }
        int template = _k.Template(pieces);
        if (m.Kind == MacroKind.Format)
        {
            // A dropped format~ (dest is Discard, not a register) still formats, into its own window.
            EmitWithConst(OpCode.Format, dest == Discard ? window : dest, window, template, m.Pos);
        }
        else
        {
            bool newline = m.Kind == MacroKind.Println;
            if (template >= MaxShortConst)
            {
                Emit(ABC(OpCode.Print, values.Count == 0 ? 0 : window, MaxShortConst, 0, newline), m.Pos);
                Emit(Ax(OpCode.ExtraArg, template), m.Pos);
            }
            else Emit(ABC(OpCode.Print, values.Count == 0 ? 0 : window, template, 0, newline), m.Pos);
        }
        _regs.FreeTempsFrom(top);
        if (m.Kind != MacroKind.Format && dest != Discard) Emit(ABC(OpCode.LoadUnit, dest, 0, 0), m.Pos);
    }

    /// <summary><c>assert~(cond[, msg])</c>: the check falls through when it holds; the failure is a cold stub.</summary>
    private void CompileAssert(MacroExpr m)
    {
        var failures = new List<int>();
        CompileCondition(m.Condition!, jumpIf: false, failures, new TruthCheck(BoolContext.Assert, m.Pos));
        if (m.Message is null)
        {
            _coldStubs.Add(new ColdStub(failures, [(ABC(OpCode.AssertFail, 0, 0, 0), m.Pos)]));
            return;
        }
        if (_program.Folder.TryFold(m.Message, out var constant))
        {
            // The message is a constant: load it in the stub, into a register that is free at the check.
            int t = _regs.AllocTemp();
            _regs.FreeTemp(t);
            var stub = new List<(uint, SourcePos)>();
            int k = _k.Of(constant);
            if (k <= MaxBx) stub.Add((ABx(OpCode.LoadK, t, k), m.Pos));
            else { stub.Add((ABC(OpCode.LoadKX, t, 0, 0), m.Pos)); stub.Add((Ax(OpCode.ExtraArg, k), m.Pos)); }
            stub.Add((ABC(OpCode.AssertFail, t, 0, 0, k: true), m.Pos));
            _coldStubs.Add(new ColdStub(failures, stub));
            return;
        }
        // A computed message is evaluated only when the assertion fails, inline.
        var pass = new List<int> { EmitJump(m.Pos) };
        PatchHere(failures);
        int top = _regs.Top;
        int msg = OperandRegister(m.Message);
        Emit(ABC(OpCode.AssertFail, msg, 0, 0, k: true), m.Pos);
        _regs.FreeTempsFrom(top);
        PatchHere(pass);
    }
}
