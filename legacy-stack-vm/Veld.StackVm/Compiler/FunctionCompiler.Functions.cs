using Veld.Language.Syntax;

namespace Veld.StackVm;

internal sealed partial class FunctionCompiler
{
    // ---- closures ----------------------------------------------------------------------------

    /// <summary>CLOSURE f, then one (isLocal, index) byte pair per upvalue, as the resolver described them.</summary>
    private void EmitClosure(FunctionNode function, SourcePos pos)
    {
        var chunk = Compile(_program, function);
        int index = _b.AddFunction(chunk);
        _b.Emit(pos, OpCode.Closure, index);
        foreach (var capture in chunk.Upvalues)
        {
            _b.EmitByte(capture.IsLocal ? 1 : 0);
            _b.EmitByte(capture.Index);
        }
    }

    /// <summary>A nested <c>fn</c> is a local declared here; a top-level one was created before the script ran.</summary>
    private void CompileFnDecl(FnDecl fn)
    {
        var binding = fn.Binding ?? throw new InvalidOperationException($"stack compiler: fn '{fn.Function.Name}' at {fn.Pos} has no binding");
        if (binding.Kind == BindingKind.Global && _program.IsHoisted(binding.Index)) return;
        // Stored after creation, so a closure that captured its own slot sees itself through the open upvalue.
        EmitClosure(fn.Function, fn.Pos);
        EmitStoreBinding(binding, fn.Pos);
    }

    // ---- calls -------------------------------------------------------------------------------

    /// <summary>A call in tail position replaces the frame. A proc's calls never do: it returns unit.</summary>
    private bool IsTailCall(bool markedTail) => markedTail && !_function.IsProc && _openTries == 0;

    private void CompileCall(CallExpr call)
    {
        if (call.Kind == CallKind.StructConstruct)
        {
            CompileStructConstruct(call);
            return;
        }
        CompileExpr(call.Callee);
        EmitCall(call.Args, call.Pos, IsTailCall(call.IsTail));
    }

    private void EmitCall(List<Argument> args, SourcePos pos, bool tail)
    {
        foreach (var arg in args) CompileExpr(arg.Value);
        _b.Emit(pos, tail ? OpCode.TailCall : OpCode.Call, args.Count);
    }

    /// <summary><c>Point(y: 1, x: 2)</c>: arguments are evaluated as written; the shape maps each to its field.</summary>
    private void CompileStructConstruct(CallExpr call)
    {
        var decl = call.Struct ?? throw new InvalidOperationException($"stack compiler: struct construction at {call.Pos} has no struct");
        var fieldOrder = call.FieldOrderArgs ?? throw new InvalidOperationException($"stack compiler: struct construction at {call.Pos} has no field order");
        var fieldOfArgument = new int[call.Args.Count];
        for (int i = 0; i < call.Args.Count; i++)
        {
            var value = call.Args[i].Value;
            fieldOfArgument[i] = fieldOrder.FindIndex(e => ReferenceEquals(e, value));
            if (fieldOfArgument[i] < 0) throw new InvalidOperationException($"stack compiler: struct argument {i} at {call.Pos} has no field");
            CompileExpr(value);
        }
        int shape = _b.AddShape(new StructShape(decl.TypeId, decl.Name, fieldOfArgument));
        _b.Emit(call.Pos, OpCode.NewStruct, shape);
    }

    private void CompileMethodCall(MethodCallExpr m)
    {
        bool tail = IsTailCall(m.IsTail);
        switch (m.Kind)
        {
            case MethodCallKind.Dynamic:
                CompileExpr(m.Target);
                foreach (var arg in m.Args) CompileExpr(arg.Value);
                _b.Emit(m.Pos, tail ? OpCode.TailInvoke : OpCode.Invoke, _b.Constant(_program.StringConstant(m.Name)), m.Args.Count);
                break;
            case MethodCallKind.Static:
                var type = m.Type ?? throw new InvalidOperationException($"stack compiler: static call {m.Name} at {m.Pos} has no type");
                _b.Emit(m.Pos, OpCode.GetStatic, type.TypeId, _b.Constant(_program.StringConstant(m.Name)));
                EmitCall(m.Args, m.Pos, tail);
                break;
            case MethodCallKind.VariantConstruct:
                var decl = (EnumDecl)(m.Type ?? throw new InvalidOperationException($"stack compiler: variant {m.Name} at {m.Pos} has no enum"));
                foreach (var arg in m.Args) CompileExpr(arg.Value);
                _b.Emit(m.Pos, OpCode.NewEnum, decl.TypeId, m.VariantIndex, m.Args.Count);
                break;
            case MethodCallKind.Builtin:
                EmitConstant(m.Pos, _program.Builtin(m.BuiltinName!));
                EmitCall(m.Args, m.Pos, tail);
                break;
        }
    }

    // ---- return ------------------------------------------------------------------------------

    /// <summary><c>return e</c> from anywhere: RETURN drops the frame's operands, handlers and open upvalues.
    /// A proc evaluates <c>e</c> and still returns unit.</summary>
    private void CompileReturn(ReturnExpr r)
    {
        if (r.Value is null) _b.Emit(r.Pos, OpCode.Unit);
        else if (_function.IsProc)
        {
            CompileEffect(r.Value);
            _b.Emit(r.Pos, OpCode.Unit);
        }
        else CompileExpr(r.Value);
        _b.Emit(r.Pos, OpCode.Return);
        _b.Depth++; // as an expression it "leaves" a value that never exists
    }
}
