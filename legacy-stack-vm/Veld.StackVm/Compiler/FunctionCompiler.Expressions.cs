using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.StackVm;

internal sealed partial class FunctionCompiler
{
    /// <summary>Compile <paramref name="e"/> so that it leaves exactly one value on the stack.</summary>
    private void CompileExpr(Expr e)
    {
        GuardDepth();
        SourcePos pos = e.Pos;
        switch (e)
        {
            case IntLiteral i: EmitConstant(pos, Value.FromInt(i.Value)); break;
            case FloatLiteral f: EmitConstant(pos, Value.FromFloat(f.Value)); break;
            case StringLiteral s: EmitConstant(pos, _program.StringConstant(s.Value)); break;
            case BoolLiteral b: _b.Emit(pos, b.Value ? OpCode.True : OpCode.False); break;
            case UnitLiteral: _b.Emit(pos, OpCode.Unit); break;
            case NameExpr n: EmitLoad(n); break;
            case UnaryExpr u:
                CompileExpr(u.Operand);
                _b.Emit(pos, u.Op == UnaryOp.Negate ? OpCode.Neg : OpCode.Not);
                break;
            case BinaryExpr bin:
                CompileExpr(bin.Left);
                CompileExpr(bin.Right);
                _b.Emit(pos, BinaryOpCode(bin.Op));
                break;
            case LogicalExpr l: CompileLogical(l); break;
            case RangeExpr r:
                CompileExpr(r.Start);
                CompileExpr(r.End);
                _b.Emit(pos, OpCode.Range, r.Inclusive ? 1 : 0);
                break;
            case CastExpr c:
                CompileExpr(c.Value);
                _b.Emit(pos, OpCode.Cast, (int)c.Target, _b.Constant(_program.StringConstant(c.Type.Text)));
                break;
            case CallExpr call: CompileCall(call); break;
            case MethodCallExpr m: CompileMethodCall(m); break;
            case MemberExpr m: CompileMember(m); break;
            case TupleIndexExpr t:
                CompileExpr(t.Target);
                _b.Emit(pos, OpCode.TupleIndex, t.Index);
                break;
            case IndexExpr ix:
                CompileExpr(ix.Target);
                CompileExpr(ix.Index);
                _b.Emit(pos, OpCode.GetIndex);
                break;
            case ArrayExpr a:
                foreach (var element in a.Elements) CompileExpr(element);
                _b.Emit(pos, OpCode.NewArray, a.Elements.Count);
                break;
            case TupleExpr t:
                foreach (var element in t.Elements) CompileExpr(element);
                _b.Emit(pos, OpCode.NewTuple, t.Elements.Count);
                break;
            case MapExpr m:
                foreach (var entry in m.Entries)
                {
                    CompileExpr(entry.Key);
                    CompileExpr(entry.Value);
                }
                _b.Emit(pos, OpCode.NewMap, m.Entries.Count);
                break;
            case FunctionExpr f: EmitClosure(f.Function, pos); break;
            case IfExpr i: CompileIf(i, wantValue: true); break;
            case WhileExpr w: CompileWhile(w); _b.Emit(pos, OpCode.Unit); break;
            case ForExpr f: CompileFor(f); _b.Emit(pos, OpCode.Unit); break;
            case BlockExpr blk: CompileBlock(blk.Block, wantValue: true); break;
            case LetInExpr l: CompileLetIn(l, wantValue: true); break;
            case MatchExpr m: CompileMatch(m, wantValue: true); break;
            case TryExpr t: CompileTry(t, wantValue: true); break;
            case ReturnExpr r: CompileReturn(r); break;
            case BreakExpr br: CompileBreak(br); break;
            case ContinueExpr c: CompileContinue(c); break;
            case ThrowExpr t: CompileThrow(t); break;
            case AssignExpr a: CompileAssign(a); _b.Emit(pos, OpCode.Unit); break;
            case MacroExpr m: CompileMacro(m, wantValue: true); break;
            default: throw new InvalidOperationException($"stack compiler: unknown expression {e.GetType().Name} at {e.Pos}");
        }
    }

    /// <summary>Compile <paramref name="e"/> for its effect only: it leaves the stack as it found it.
    /// Statements-like expressions skip making a value just to pop it.</summary>
    private void CompileEffect(Expr e)
    {
        GuardDepth();
        switch (e)
        {
            case AssignExpr a: CompileAssign(a); break;
            case WhileExpr w: CompileWhile(w); break;
            case ForExpr f: CompileFor(f); break;
            case IfExpr i: CompileIf(i, wantValue: false); break;
            case BlockExpr blk: CompileBlock(blk.Block, wantValue: false); break;
            case LetInExpr l: CompileLetIn(l, wantValue: false); break;
            case MatchExpr m: CompileMatch(m, wantValue: false); break;
            case TryExpr t: CompileTry(t, wantValue: false); break;
            case MacroExpr m: CompileMacro(m, wantValue: false); break;
            case ReturnExpr or BreakExpr or ContinueExpr or ThrowExpr:
                CompileExpr(e);
                _b.Depth--; // they never complete: the value they "leave" exists only for the count
                break;
            default:
                CompileExpr(e);
                _b.Emit(e.Pos, OpCode.Pop);
                break;
        }
    }

    private void EmitConstant(SourcePos pos, Value value) => _b.Emit(pos, OpCode.Const, _b.Constant(value));

    private static OpCode BinaryOpCode(BinaryOp op) => op switch
    {
        BinaryOp.Add => OpCode.Add,
        BinaryOp.Sub => OpCode.Sub,
        BinaryOp.Mul => OpCode.Mul,
        BinaryOp.Div => OpCode.Div,
        BinaryOp.Mod => OpCode.Mod,
        BinaryOp.Pow => OpCode.Pow,
        BinaryOp.BitAnd => OpCode.BitAnd,
        BinaryOp.BitOr => OpCode.BitOr,
        BinaryOp.BitXor => OpCode.BitXor,
        BinaryOp.Shl => OpCode.Shl,
        BinaryOp.Shr => OpCode.Shr,
        BinaryOp.Eq => OpCode.Eq,
        BinaryOp.Ne => OpCode.Ne,
        BinaryOp.Lt => OpCode.Lt,
        BinaryOp.Le => OpCode.Le,
        BinaryOp.Gt => OpCode.Gt,
        BinaryOp.Ge => OpCode.Ge,
        _ => throw new InvalidOperationException($"stack compiler: unknown operator {op}"),
    };

    // ---- names -------------------------------------------------------------------------------

    private void EmitLoad(NameExpr n)
    {
        var r = n.Ref;
        switch (r.Kind)
        {
            case VarKind.Local: _b.EmitLocal(n.Pos, OpCode.LoadLocal, r.Index, n.Name); break;
            case VarKind.Upvalue: _b.Emit(n.Pos, OpCode.LoadUpvalue, r.Index); break;
            case VarKind.Global: _b.Emit(n.Pos, OpCode.LoadGlobal, r.Index); break;
            case VarKind.Builtin: EmitConstant(n.Pos, _program.Builtin(r.BuiltinName!)); break;
            default: throw new InvalidOperationException($"stack compiler: unresolved name '{n.Name}' at {n.Pos}");
        }
    }

    private void EmitStore(NameExpr n)
    {
        var r = n.Ref;
        switch (r.Kind)
        {
            case VarKind.Local: _b.EmitLocal(n.Pos, OpCode.StoreLocal, r.Index, n.Name); break;
            case VarKind.Upvalue: _b.Emit(n.Pos, OpCode.StoreUpvalue, r.Index); break;
            case VarKind.Global: _b.Emit(n.Pos, OpCode.StoreGlobal, r.Index); break;
            default: throw new InvalidOperationException($"stack compiler: cannot assign to '{n.Name}' at {n.Pos}");
        }
    }

    /// <summary>Store the top of the stack into a declared binding (let, pattern, loop variable).</summary>
    private void EmitStoreBinding(Binding binding, SourcePos pos)
    {
        if (binding.Kind == BindingKind.Global) _b.Emit(pos, OpCode.StoreGlobal, binding.Index);
        else _b.EmitLocal(pos, OpCode.StoreLocal, binding.Index, binding.Name);
    }

    // ---- operators ---------------------------------------------------------------------------

    /// <summary><c>a and b</c>: AND leaves a false <c>a</c> as the result; otherwise <c>b</c>, checked to be a bool.</summary>
    private void CompileLogical(LogicalExpr l)
    {
        CompileExpr(l.Left);
        int shortCircuit = _b.EmitJump(l.Pos, l.IsAnd ? OpCode.And : OpCode.Or);
        CompileExpr(l.Right);
        _b.Emit(l.Pos, OpCode.CheckBool, (int)(l.IsAnd ? BoolContext.And : BoolContext.Or));
        _b.PatchJump(shortCircuit);
    }

    /// <summary><c>target.name</c>: a field or map key, a unit variant, or a builtin used as a value.</summary>
    private void CompileMember(MemberExpr m)
    {
        switch (m.Kind)
        {
            case MemberKind.Field:
                CompileExpr(m.Target);
                _b.Emit(m.Pos, OpCode.GetField, _b.Constant(_program.StringConstant(m.Name)));
                break;
            case MemberKind.UnitVariant:
                _b.Emit(m.Pos, OpCode.NewEnum, m.Enum!.TypeId, m.VariantIndex, 0);
                break;
            case MemberKind.Builtin:
                EmitConstant(m.Pos, _program.Builtin(m.BuiltinName!));
                break;
        }
    }

    // ---- assignment --------------------------------------------------------------------------

    /// <summary>
    /// <c>x = e</c>, <c>a[i] = e</c>, <c>p.f = e</c> and their compound forms; leaves nothing. A compound
    /// form is <c>t = t op e</c> with the target's parts evaluated once, in the language's order: object,
    /// index, the current value, then <c>e</c>: <c>a; i; DUP2; GET_INDEX; e; ADD; SET_INDEX</c>.
    /// </summary>
    private void CompileAssign(AssignExpr a)
    {
        SourcePos pos = a.Pos;
        switch (a.Target)
        {
            case NameExpr n:
                if (a.CompoundOp is not null) EmitLoad(n);
                CompileExpr(a.Value);
                if (a.CompoundOp is { } op) _b.Emit(pos, BinaryOpCode(op));
                EmitStore(n);
                break;
            case IndexExpr ix:
                CompileExpr(ix.Target);
                CompileExpr(ix.Index);
                if (a.CompoundOp is not null)
                {
                    _b.Emit(pos, OpCode.Dup2);
                    _b.Emit(pos, OpCode.GetIndex);
                }
                CompileExpr(a.Value);
                if (a.CompoundOp is { } indexOp) _b.Emit(pos, BinaryOpCode(indexOp));
                _b.Emit(pos, OpCode.SetIndex);
                break;
            case MemberExpr { Kind: MemberKind.Field } m:
                int name = _b.Constant(_program.StringConstant(m.Name));
                CompileExpr(m.Target);
                if (a.CompoundOp is not null)
                {
                    _b.Emit(pos, OpCode.Dup);
                    _b.Emit(pos, OpCode.GetField, name);
                }
                CompileExpr(a.Value);
                if (a.CompoundOp is { } fieldOp) _b.Emit(pos, BinaryOpCode(fieldOp));
                _b.Emit(pos, OpCode.SetField, name);
                break;
            default:
                throw new InvalidOperationException($"stack compiler: cannot assign to {a.Target.GetType().Name} at {a.Pos}");
        }
    }

    /// <summary>Whether evaluating <paramref name="e"/> might run code that changes values (a call or an
    /// assignment). Conservative: anything outside a small set of operator forms counts as yes.</summary>
    private static bool MayRunCode(Expr e)
    {
        GuardDepth();
        return e switch
        {
            IntLiteral or FloatLiteral or StringLiteral or BoolLiteral or UnitLiteral or NameExpr => false,
            UnaryExpr u => MayRunCode(u.Operand),
            BinaryExpr b => MayRunCode(b.Left) || MayRunCode(b.Right),
            LogicalExpr l => MayRunCode(l.Left) || MayRunCode(l.Right),
            IndexExpr ix => MayRunCode(ix.Target) || MayRunCode(ix.Index),
            TupleIndexExpr t => MayRunCode(t.Target),
            MemberExpr { Kind: MemberKind.Field } m => MayRunCode(m.Target),
            CastExpr c => MayRunCode(c.Value),
            _ => true,
        };
    }

    // ---- macros ------------------------------------------------------------------------------

    /// <summary><c>print~</c>/<c>println~</c>/<c>format~</c> display and join their parts; <c>assert~</c> checks.</summary>
    private void CompileMacro(MacroExpr m, bool wantValue)
    {
        SourcePos pos = m.Pos;
        switch (m.Kind)
        {
            case MacroKind.Print or MacroKind.Println:
                if (m.Parts.Count == 1) CompileFormatPart(m.Parts[0], pos);
                else CompileFormat(m.Parts, pos);
                _b.Emit(pos, m.Kind == MacroKind.Print ? OpCode.Print : OpCode.Println);
                if (wantValue) _b.Emit(pos, OpCode.Unit);
                break;
            case MacroKind.Format:
                CompileFormat(m.Parts, pos);
                if (!wantValue) _b.Emit(pos, OpCode.Pop);
                break;
            case MacroKind.Assert:
                // The message is evaluated only when the assertion fails.
                CompileExpr(m.Condition!);
                int holds = _b.EmitJump(pos, OpCode.Assert);
                if (m.Message is { } message) CompileExpr(message);
                _b.Emit(pos, OpCode.AssertFail, m.Message is null ? 0 : 1);
                _b.PatchJump(holds);
                if (wantValue) _b.Emit(pos, OpCode.Unit);
                break;
        }
    }

    /// <summary>
    /// Each part is shown (put in display form) as soon as it is evaluated, as the language orders it, so
    /// a later part that mutates an earlier part's value does not change what is printed. FORMAT shows
    /// the parts it joins, so an explicit SHOW is needed only when a later part could run code.
    /// </summary>
    private void CompileFormat(List<FormatPart> parts, SourcePos pos)
    {
        for (int i = 0; i < parts.Count; i++)
        {
            CompileFormatPart(parts[i], pos);
            if (parts[i].Value is not null && parts.Skip(i + 1).Any(p => p.Value is { } later && MayRunCode(later)))
                _b.Emit(pos, OpCode.Show);
        }
        _b.Emit(pos, OpCode.Format, parts.Count);
    }

    private void CompileFormatPart(FormatPart part, SourcePos pos)
    {
        if (part.Value is { } value) CompileExpr(value);
        else EmitConstant(pos, _program.StringConstant(part.Text ?? ""));
    }
}
