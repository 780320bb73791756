using Veld.Language.Syntax;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

internal sealed partial class FunctionCompiler
{
    private void CompileStatement(Stmt s)
    {
        switch (s)
        {
            case ExprStmt e:
                CompileEffect(e.Expr);
                break;
            case LetStmt l:
                BindLetPattern(l.Pattern, l.Value, l.Pos);
                break;
            case FnDecl { Binding: { Kind: BindingKind.Local } binding } f:
                // A nested fn is a local, visible in its own body: its register is known before CLOSURE.
                int r = _regs.AllocTemp();
                _registerOf.Set(binding, r);
                Emit(ABx(OpCode.Closure, r, CompileChild(f.Function)), f.Pos);
                _regs.PromoteToLocal(r, binding.Name);
                ActivateLocal(binding, r);
                break;
            case FnDecl:
                break; // a top-level fn: hoisted, created before the script runs
            case StructDecl or EnumDecl or ImplDecl or ImportStmt:
                break; // types and methods are set up before the script runs; imports do nothing
            default:
                throw new TierUnsupportedException($"register VM: unsupported statement {s.GetType().Name} at line {s.Line}");
        }
    }

    /// <summary>
    /// <c>let pattern = value</c> (also for let-in). A plain local name: the value is computed straight into
    /// the register that then becomes the local (no MOVE); the register is known before the value is
    /// compiled, so a function expression can capture its own name. Globals are stored with SETGLOBAL.
    /// Other patterns reserve registers for their names, then test and destructure.
    /// </summary>
    private void BindLetPattern(Pattern pattern, Expr value, SourcePos pos)
    {
        switch (pattern)
        {
            case WildcardPattern:
                CompileEffect(value);
                return;
            case BindingPattern { Binding: { Kind: BindingKind.Global } constant } when _program.IsGlobalConstant(constant.Index):
                return; // a module constant: every use is compiled as its value
            case BindingPattern { Binding: var binding } when binding.Kind == BindingKind.Local || IsRegisterGlobal(binding):
            {
                int r = _regs.AllocTemp();
                _registerOf.Set(binding, r);
                CompileInto(value, r);
                _regs.PromoteToLocal(r, binding.Name);
                ActivateLocal(binding, r);
                return;
            }
            case BindingPattern { Binding: var global }:
            {
                int top = _regs.Top;
                int v = OperandRegister(value);
                Emit(ABx(OpCode.SetGlobal, v, global.Index), pos);
                _regs.FreeTempsFrom(top);
                return;
            }
        }

        var named = PatternBindings(pattern);
        bool globals = named.Count > 0 && named[0].Kind == BindingKind.Global && !IsRegisterGlobal(named[0]);
        // Kept past the pattern test, which reuses the compiler's list: only the globals' case needs a copy.
        Binding[] bindings = globals ? [.. named] : [];
        int first = _regs.Top;
        if (globals)
        {
            // Destructure into temporaries standing in for the globals, then store them.
            foreach (var b in bindings) _registerOf.Set(b, _regs.AllocTemp());
        }
        else DeclarePatternLocals(pattern);

        int tempsFrom = _regs.Top;
        int source = OperandRegister(value);
        var mismatch = new List<int>();
        CompilePatternTest(pattern, source, mismatch);
        if (mismatch.Count > 0) _coldStubs.Add(new ColdStub(mismatch, [(ABC(OpCode.NoMatch, source, 0, 0), pos)]));
        _regs.FreeTempsFrom(tempsFrom);

        if (globals)
        {
            foreach (var b in bindings) Emit(ABx(OpCode.SetGlobal, RegisterOf(b), b.Index), pos);
            _regs.FreeTempsFrom(first);
        }
        else ActivatePatternLocals(pattern);
    }

    // ---- assignment -----------------------------------------------------------------------------------

    /// <summary>
    /// <c>target = value</c> and <c>target op= value</c>. The target's parts are evaluated once, before the
    /// value; a compound assignment reads the current value before evaluating the right-hand side.
    /// </summary>
    private void CompileAssign(AssignExpr a)
    {
        int top = _regs.Top;
        switch (a.Target)
        {
            case NameExpr n when RegisterBinding(n) is { } b:
            {
                int r = RegisterOf(b);
                if (TryCoalesceLogicalAssign(a, b, r)) break;
                if (a.CompoundOp is not { } op) CompileInto(a.Value, r);
                else
                {
                    // x op= e reads x before e runs: when e may write x, keep a copy of the value read.
                    int current = r;
                    if (EffectAnalysis.MayWrite(a.Value, b))
                    {
                        current = _regs.AllocTemp();
                        Emit(ABC(OpCode.Move, current, r, 0), a.Pos);
                    }
                    EmitArithmetic(op, r, current, a.Value, a.Pos);
                }
                break;
            }
            case NameExpr { Ref.Kind: VarKind.Upvalue } n:
                CompileStore(a, (reg) => EmitGetUpvalue(reg, n.Ref.Index, a.Pos),
                                 (reg) => EmitSetUpvalue(reg, n.Ref.Index, a.Pos));
                break;
            case NameExpr { Ref.Kind: VarKind.Global } n:
                CompileStore(a, (reg) => Emit(ABx(OpCode.GetGlobal, reg, n.Ref.Index), a.Pos),
                                 (reg) => Emit(ABx(OpCode.SetGlobal, reg, n.Ref.Index), a.Pos));
                break;
            case IndexExpr ix:
            {
                int target = OperandRegister(ix.Target, ix.Index, a.Value);
                int index = OperandRegister(ix.Index, a.Value);
                if (ConstantStoreOperand(a) is { } constant)
                    Emit(ABC(OpCode.SetIndex, target, index, constant, k: true), a.Pos);
                else
                    CompileStore(a, (reg) => Emit(ABC(OpCode.GetIndex, reg, target, index), a.Pos),
                                     (reg) => Emit(ABC(OpCode.SetIndex, target, index, reg), a.Pos));
                break;
            }
            case MemberExpr { Kind: MemberKind.Field } m:
            {
                int target = OperandRegister(m.Target, a.Value);
                int name = _k.String(m.Name);
                if (ConstantStoreOperand(a) is { } constant && name < MaxShortConst)
                    Emit(ABC(OpCode.SetField, target, name, constant, k: true), a.Pos);
                else
                    CompileStore(a, (reg) => EmitWithConst(OpCode.GetField, reg, target, name, a.Pos),
                                     (reg) => EmitWithConst(OpCode.SetField, target, reg, name, a.Pos, constInB: true));
                break;
            }
            default:
                throw new TierUnsupportedException($"register VM: cannot assign to {a.Target.GetType().Name} at line {a.Line}");
        }
        _regs.FreeTempsFrom(top);
    }

    /// <summary>The constant index for the RK operand of SETFIELD/SETINDEX when a plain assignment stores a
    /// constant (<c>p.x = 0</c>), else null.</summary>
    private int? ConstantStoreOperand(AssignExpr a) =>
        a.CompoundOp is null && _program.Folder.TryFold(a.Value, out var v) && _k.Of(v) is var index && index < MaxShortConst
            ? index
            : null;

    /// <summary>A store through <paramref name="store"/>. For a compound assignment the current value is read
    /// with <paramref name="load"/> into a temporary first (docs/SPEC.md section 15: <c>a[9] += f()</c> fails before
    /// f runs), then the right-hand side is evaluated and combined with it, and the result stored.</summary>
    private void CompileStore(AssignExpr a, Action<int> load, Action<int> store)
    {
        int top = _regs.Top;
        if (a.CompoundOp is not { } op)
        {
            store(OperandRegister(a.Value));
        }
        else
        {
            int t = _regs.AllocTemp();
            load(t);
            EmitArithmetic(op, t, t, a.Value, a.Pos);
            store(t);
        }
        _regs.FreeTempsFrom(top);
    }
}
