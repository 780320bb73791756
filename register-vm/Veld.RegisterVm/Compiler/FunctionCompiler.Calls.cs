using Veld.Language.Syntax;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

internal sealed partial class FunctionCompiler
{
    /// <summary>
    /// A call: callee and arguments are evaluated, in order, into a window of fresh registers at the top
    /// of the stack; CALL writes the result straight into dest (TAILCALL replaces this frame instead).
    /// </summary>
    private void CompileCall(CallExpr c, int dest, bool tail)
    {
        if (c.Kind == CallKind.StructConstruct)
        {
            CompileStructConstruct(c, dest);
            return;
        }
        var args = ArgumentValues(c.Args);
        EmitCall(c, args, dest, tail);
        FreeArgumentValues(args);
    }

    private void EmitCall(CallExpr c, List<Expr> args, int dest, bool tail)
    {
        switch (c.Callee)
        {
            case NameExpr { Ref.Kind: VarKind.Builtin } builtin:
                EmitBuiltinCall(builtin.Ref.BuiltinName ?? builtin.Name, args, dest, tail, c.Pos);
                return;
            case NameExpr { Ref.Kind: VarKind.Global } global
                when RegisterBinding(global) is null && !_program.IsGlobalConstant(global.Ref.Index) && global.Line == c.Line:
                EmitGlobalCall(global.Ref.Index, args, dest, tail, c.Pos);
                return;
            case NameExpr callee when RegisterBinding(callee) is { } b && !EffectAnalysis.MayWriteAny(args, b):
                EmitRegisterCall(RegisterOf(b), args, dest, tail, c.Pos);
                return;
        }
        int window = _regs.AllocTemp();
        CompileInto(c.Callee, window);
        EmitCallWithArgs(window, args, dest, tail, c.Pos);
    }

    /// <summary>The arguments' expressions, in a list taken from <see cref="_freeArgumentLists"/> (calls nest, so
    /// each call in progress holds its own); give it back with <see cref="FreeArgumentValues"/>.</summary>
    private List<Expr> ArgumentValues(List<Argument> args)
    {
        var values = _freeArgumentLists.Count > 0 ? _freeArgumentLists.Pop() : new List<Expr>(args.Count);
        foreach (var a in args) values.Add(a.Value);
        return values;
    }

    private void FreeArgumentValues(List<Expr> values)
    {
        values.Clear();
        _freeArgumentLists.Push(values);
    }

    /// <summary>Arguments into window+1.., then CALL or TAILCALL; frees the window.</summary>
    private void EmitCallWithArgs(int window, List<Expr> args, int dest, bool tail, SourcePos pos)
    {
        foreach (var arg in args) CompileInto(arg, _regs.AllocTemp());
        if (tail) Emit(ABC(OpCode.TailCall, window, args.Count, 0), pos);
        else Emit(ABC(OpCode.Call, window, args.Count, dest == Discard ? window : dest), pos);
        _regs.FreeTempsFrom(window);
    }

    /// <summary>
    /// A call of a builtin function: CALLK names it as a constant, so there is no callee register. A builtin
    /// never touches the frame, so a single argument already in a register is passed in place.
    /// </summary>
    private void EmitBuiltinCall(string name, List<Expr> args, int dest, bool tail, SourcePos pos)
    {
        int callee = _k.Builtin(name);
        if (callee >= MaxShortConst)
        {
            int general = _regs.AllocTemp();
            EmitLoadK(general, callee, pos);
            EmitCallWithArgs(general, args, dest, tail, pos);
            return;
        }
        bool wantResult = tail || dest != Discard;
        if (!wantResult && args.Count == 1 && args[0] is NameExpr n && RegisterBinding(n) is { } inPlace)
        {
            Emit(ABC(OpCode.CallK, RegisterOf(inPlace), 1, callee), pos);
            return;
        }
        int top = _regs.Top;
        bool windowIsDest = !tail && IsTopTemp(dest);
        int window = windowIsDest ? dest : _regs.Top;
        for (int i = 0; i < args.Count; i++)
            CompileInto(args[i], i == 0 && windowIsDest ? dest : _regs.AllocTemp());
        if (args.Count == 0 && !windowIsDest && wantResult) _regs.AllocTemp();
        Emit(ABC(OpCode.CallK, window, args.Count, callee, wantResult), pos);
        if (tail) Emit(ABC(OpCode.Return, window, 0, 0), pos);
        else if (dest != Discard && !windowIsDest) Emit(ABC(OpCode.Move, dest, window, 0), pos);
        _regs.FreeTempsFrom(top);
    }

    /// <summary>A call of a global function (or a method through its hidden global): CALLG reads the callee
    /// from the global itself; the arguments start the window and the result lands in its first register.</summary>
    private void EmitGlobalCall(int global, List<Expr> args, int dest, bool tail, SourcePos pos)
    {
        if (global > MaxC)
        {
            int general = _regs.AllocTemp();
            Emit(ABx(OpCode.GetGlobal, general, global), pos);
            EmitCallWithArgs(general, args, dest, tail, pos);
            return;
        }
        EmitArgumentWindowCall(tail ? OpCode.TailCallG : OpCode.CallG, global, args, dest, tail, pos);
    }

    /// <summary>A call of a function held in a register (a local closure): CALLR names the register, so the
    /// callee is not copied; the arguments start the window and the result lands in its first register.</summary>
    private void EmitRegisterCall(int callee, List<Expr> args, int dest, bool tail, SourcePos pos) =>
        EmitArgumentWindowCall(tail ? OpCode.TailCallR : OpCode.CallR, callee, args, dest, tail, pos);

    /// <summary>CALLG/CALLR and their tail forms: C names the callee (a global or a register), so the window
    /// holds only the arguments, built straight into <paramref name="dest"/> when it is the top temporary.</summary>
    private void EmitArgumentWindowCall(OpCode call, int callee, List<Expr> args, int dest, bool tail, SourcePos pos)
    {
        int top = _regs.Top;
        bool windowIsDest = !tail && IsTopTemp(dest);
        int window = windowIsDest ? dest : _regs.Top;
        for (int i = 0; i < args.Count; i++)
            CompileInto(args[i], i == 0 && windowIsDest ? dest : _regs.AllocTemp());
        if (args.Count == 0 && !windowIsDest) _regs.AllocTemp();
        Emit(ABC(call, window, args.Count, callee), pos);
        if (!tail && dest != Discard && !windowIsDest) Emit(ABC(OpCode.Move, dest, window, 0), pos);
        _regs.FreeTempsFrom(top);
    }

    private void CompileMethodCall(MethodCallExpr m, int dest, bool tail)
    {
        switch (m.Kind)
        {
            case MethodCallKind.Static:
            {
                var args = ArgumentValues(m.Args);
                EmitGlobalCall(_program.MethodGlobal(m.StaticMethod!), args, dest, tail, m.Pos);
                FreeArgumentValues(args);
                return;
            }
            case MethodCallKind.Builtin:
            {
                var args = ArgumentValues(m.Args);
                EmitBuiltinCall(m.BuiltinName ?? m.Name, args, dest, tail, m.Pos);
                FreeArgumentValues(args);
                return;
            }
            case MethodCallKind.VariantConstruct:
            {
                var enumDecl = (EnumDecl)m.Type!;
                int top = _regs.Top;
                int window = _regs.Top;
                foreach (var arg in m.Args) CompileInto(arg.Value, _regs.AllocTemp());
                int ctor = _program.Constructor(enumDecl.TypeId, m.VariantIndex, m.Args.Count);
                EmitWithConst(OpCode.NewEnum, dest == Discard ? window : dest, m.Args.Count == 0 ? 0 : window, ctor, m.Pos);
                if (tail) Emit(ABC(OpCode.Return, dest == Discard ? window : dest, 0, 0), m.Pos);
                _regs.FreeTempsFrom(top);
                return;
            }
            default:
                CompileDynamicMethodCall(m, dest, tail);
                return;
        }
    }

    /// <summary>
    /// <c>target.name(args)</c> resolved at run time. The arguments go into a window after a slot for self
    /// and the result; the target is read from its own register when it has one (a local that the
    /// arguments cannot change), else it is computed into that slot. When dest is the top temporary it
    /// becomes the window itself (no MOVE afterwards).
    /// </summary>
    private void CompileDynamicMethodCall(MethodCallExpr m, int dest, bool tail)
    {
        bool windowIsDest = !tail && IsTopTemp(dest);
        int window = windowIsDest ? dest : _regs.AllocTemp();
        var args = ArgumentValues(m.Args);
        int target;
        if (m.Target is NameExpr n && RegisterBinding(n) is { } b && !EffectAnalysis.MayWriteAny(args, b))
            target = RegisterOf(b);
        else
        {
            CompileInto(m.Target, window);
            target = window;
        }
        foreach (var arg in args) CompileInto(arg, _regs.AllocTemp());
        int site = _k.MethodSite(m.Name, args.Count);
        EmitWithConst(tail ? OpCode.TailMethod : OpCode.MethodCall, window, target, site, m.Pos);
        if (windowIsDest) _regs.FreeTempsFrom(window + 1);
        else
        {
            if (!tail && dest != Discard) Emit(ABC(OpCode.Move, dest, window, 0), m.Pos);
            _regs.FreeTempsFrom(window);
        }
        FreeArgumentValues(args);
    }

    /// <summary><c>Point(y: 2, x: 1)</c>: each argument, in the order written, goes to its field's register
    /// (the resolver's FieldOrderArgs says which field each argument fills).</summary>
    private void CompileStructConstruct(CallExpr c, int dest)
    {
        var decl = c.Struct ?? throw new InvalidOperationException($"register VM compiler: struct construction without a struct at line {c.Line}");
        var order = c.FieldOrderArgs ?? throw new InvalidOperationException($"register VM compiler: struct construction without FieldOrderArgs at line {c.Line}");
        int count = decl.Fields.Count;
        int top = _regs.Top;
        int window = _regs.AllocTemps(count);
        for (int i = 0; i < c.Args.Count; i++)
        {
            var value = c.Args[i].Value;
            int field = order.FindIndex(e => ReferenceEquals(e, value));
            if (field < 0) throw new InvalidOperationException($"register VM compiler: struct argument {i} at line {c.Line} fills no field");
            CompileInto(value, window + field);
        }
        int ctor = _program.Constructor(decl.TypeId, -1, count);
        EmitWithConst(OpCode.NewStruct, dest == Discard ? window : dest, count == 0 ? 0 : window, ctor, c.Pos);
        _regs.FreeTempsFrom(top);
    }

    // ---- returning ------------------------------------------------------------------------------------

    private void CompileReturn(ReturnExpr r)
    {
        if (r.Value is null)
            Emit(ABC(OpCode.ReturnUnit, 0, 0, 0), r.Pos);
        else if (_function.IsProc)
        {
            // A proc returns (): the operand is evaluated for its effects only.
            CompileEffect(r.Value);
            Emit(ABC(OpCode.ReturnUnit, 0, 0, 0), r.Pos);
        }
        else CompileReturnValue(r.Value);
    }

    /// <summary>
    /// Return the value of <paramref name="e"/>, which is in tail position: a call the resolver marked as
    /// a tail call becomes TAILCALL/TAILMETHOD, and if/match/do/let-in pass tail position on to their
    /// branches, each of which returns directly (no jump to a shared RETURN).
    /// </summary>
    private void CompileReturnValue(Expr e)
    {
        switch (e)
        {
            case CallExpr { IsTail: true, Kind: CallKind.Function } call:
                CompileCall(call, Discard, tail: true);
                return;
            case MethodCallExpr { IsTail: true } method:
                CompileMethodCall(method, Discard, tail: true);
                return;
            case IfExpr i:
                CompileIfReturn(i);
                return;
            case MatchExpr m:
                CompileMatch(m, Discard, tail: true);
                return;
            case BlockExpr b:
                CompileReturnBlock(b.Block);
                return;
            case LetInExpr l:
                EnterScope();
                BindLetPattern(l.Pattern, l.Value, l.Pos);
                CompileReturnValue(l.Body);
                ExitScope(emitClose: false);
                return;
            case UnitLiteral:
                Emit(ABC(OpCode.ReturnUnit, 0, 0, 0), e.Pos);
                return;
            case AssignExpr or WhileExpr or ForExpr or MacroExpr { Kind: not MacroKind.Format }:
                // Always unit: run it for its effect, then return unit without loading it.
                CompileInto(e, Discard);
                Emit(ABC(OpCode.ReturnUnit, 0, 0, 0), e.Pos);
                return;
            case ReturnExpr or BreakExpr or ContinueExpr or ThrowExpr:
                CompileInto(e, Discard);
                return;
            case NameExpr n when RegisterBinding(n) is { } b:
                Emit(ABC(OpCode.Return, RegisterOf(b), 0, 0), e.Pos);
                return;
            default:
                int t = _regs.AllocTemp();
                CompileInto(e, t);
                Emit(ABC(OpCode.Return, t, 0, 0), e.Pos);
                _regs.FreeTemp(t);
                return;
        }
    }

    /// <summary>A block in tail position: its statements, then its value returned.</summary>
    private void CompileReturnBlock(Block block)
    {
        EnterScope();
        int last = block.Statements.Count - 1;
        for (int i = 0; i < last; i++) CompileStatement(block.Statements[i]);
        if (last >= 0 && block.Statements[last] is ExprStmt tailExpr)
            CompileReturnValue(tailExpr.Expr);
        else
        {
            if (last >= 0) CompileStatement(block.Statements[last]);
            Emit(ABC(OpCode.ReturnUnit, 0, 0, 0), LastPos(block));
        }
        ExitScope(emitClose: false);
    }

    private void CompileIfReturn(IfExpr i)
    {
        foreach (var branch in i.Branches)
        {
            var skip = new List<int>();
            CompileCondition(branch.Condition, jumpIf: false, skip, new TruthCheck(BoolContext.Condition, branch.Condition.Pos));
            CompileReturnBlock(branch.Body);
            PatchHere(skip);
        }
        if (i.Else is not null) CompileReturnBlock(i.Else);
        else Emit(ABC(OpCode.ReturnUnit, 0, 0, 0), i.Pos);
    }
}
