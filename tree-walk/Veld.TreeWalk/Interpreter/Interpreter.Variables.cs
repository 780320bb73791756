using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>Reading, writing and declaring variables; creating closures.</summary>
internal sealed partial class Interpreter
{
    private static readonly Cell[] NoUpvalues = [];

    private Value ReadName(NameExpr name, Frame f)
    {
        var r = name.Ref;
        switch (r.Kind)
        {
            case VarKind.Local:
                return r.Binding!.IsCaptured ? f.CellAt(r.Index).Value : f.Slots[r.Index];
            case VarKind.Upvalue:
                return f.Closure.Upvalues[r.Index].Value;
            case VarKind.Global:
                var value = _globals[r.Index];
                if (value.IsUninitialized) throw RuntimeErrors.UninitializedGlobal(name.Name);
                return value;
            case VarKind.Builtin:
                return Value.FromObject(Builtins.Get(r.BuiltinName!));
            default:
                throw new InvalidOperationException($"tree-walk: unresolved name '{name.Name}'");
        }
    }

    /// <summary>Assignment to an existing variable. Writing a global whose declaration has not run is
    /// allowed (only reading one is an error); its declaration will overwrite it when it runs.</summary>
    private void WriteName(NameExpr name, Value value, Frame f)
    {
        var r = name.Ref;
        switch (r.Kind)
        {
            case VarKind.Local:
                if (r.Binding!.IsCaptured) f.CellAt(r.Index).Value = value;
                else f.Slots[r.Index] = value;
                break;
            case VarKind.Upvalue:
                f.Closure.Upvalues[r.Index].Value = value;
                break;
            case VarKind.Global:
                _globals[r.Index] = value;
                break;
            default:
                throw new InvalidOperationException($"tree-walk: cannot assign to '{name.Name}' ({r.Kind})");
        }
    }

    /// <summary>A declaration executing: a captured local gets a fresh cell, so closures made by earlier
    /// executions (earlier loop iterations) keep their own variable.</summary>
    private void Declare(Binding binding, Value value, Frame f)
    {
        if (binding.Kind == BindingKind.Global) _globals[binding.Index] = value;
        else if (binding.IsCaptured) f.NewCell(binding.Index, value);
        else f.Slots[binding.Index] = value;
    }

    /// <summary>
    /// <c>let pattern = init</c> (statement or let-in). A value the pattern does not match is runtime
    /// error Match. When a single name is bound to a function expression, the name is in scope inside
    /// the function (so lambdas can recurse): for a captured local its cell is made before the closure
    /// captures it. Leaves <see cref="Frame.Flow"/> set if <paramref name="init"/> completes abruptly.
    /// </summary>
    private void DeclarePattern(Pattern pattern, Expr init, Frame f)
    {
        if (pattern is BindingPattern { Binding: { Kind: BindingKind.Local, IsCaptured: true } self }
            && init is FunctionExpr function)
        {
            var cell = f.NewCell(self.Index, Value.Unit);
            cell.Value = Value.FromObject(MakeClosure(function.Function, f));
            return;
        }
        var value = Eval(init, f);
        if (f.IsAbrupt) return;
        if (!MatchPattern(pattern, value, f)) throw RuntimeErrors.NoMatch(value);
    }

    /// <summary>A nested <c>fn</c> statement (top-level ones were hoisted). It is visible in its own body.</summary>
    private void DeclareNestedFunction(FnDecl decl, Frame f)
    {
        var binding = decl.Binding ?? throw new InvalidOperationException($"tree-walk: fn '{decl.Function.Name}' has no binding");
        if (binding.Kind == BindingKind.Global) return;
        if (binding.IsCaptured)
        {
            var cell = f.NewCell(binding.Index, Value.Unit);
            cell.Value = Value.FromObject(MakeClosure(decl.Function, f));
        }
        else
        {
            f.Slots[binding.Index] = Value.FromObject(MakeClosure(decl.Function, f));
        }
    }

    /// <summary>A closure captures, by reference, the enclosing frame's cells and the enclosing closure's
    /// upvalues, as the resolver's <see cref="UpvalueDesc"/> list says.</summary>
    private Closure MakeClosure(FunctionNode fn, Frame f)
    {
        var info = _program.FunctionOf(fn);
        if (info.Upvalues.Length == 0) return new Closure(info, NoUpvalues);
        var cells = new Cell[info.Upvalues.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            var desc = info.Upvalues[i];
            cells[i] = desc.FromParentLocal ? f.CellAt(desc.Index) : f.Closure.Upvalues[desc.Index];
        }
        return new Closure(info, cells);
    }
}
