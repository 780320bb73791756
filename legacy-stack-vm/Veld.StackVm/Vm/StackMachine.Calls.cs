using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>Calls that do not push a Veld frame (builtins, builtin methods) and the method dispatch order.</summary>
internal sealed partial class StackMachine
{
    /// <summary>A builtin function, or a Type error for a value that is not callable.</summary>
    private Value CallNative(Value callee, ReadOnlySpan<Value> args)
    {
        if (callee.AsObject is not BuiltinFunction builtin) throw RuntimeErrors.NotCallable(callee);
        _context.Tick();
        return builtin.Invoke(_context, args);
    }

    /// <summary>A builtin method of the target's type (Field error for an unknown name).</summary>
    private Value CallBuiltinMethod(Value target, string name, ReadOnlySpan<Value> args)
    {
        _context.Tick();
        return BuiltinMethods.Call(_context, target, name, args);
    }

    /// <summary>
    /// What <c>target.name(args)</c> calls, in the order of docs/SPEC.md section 7: an impl method that takes
    /// self (methods without self belong to the type, <c>Point.new</c>); else a struct field, or a map key
    /// that is not also a builtin method name, holding a function (called without self); else a builtin
    /// method. Returns false for the builtin case.
    /// </summary>
    private static bool FindMethod(Value target, string name, out Value callee, out bool withSelf)
    {
        withSelf = false;
        switch (target.AsObject)
        {
            case StructInstance s:
                if (FindSelfMethod(s.Type, name, out callee))
                {
                    withSelf = true;
                    return true;
                }
                int field = s.Type.FieldIndex(name);
                if (field >= 0 && s.Fields[field].Kind == ValueKind.Function)
                {
                    callee = s.Fields[field];
                    return true;
                }
                break;
            case EnumInstance e:
                if (FindSelfMethod(e.Type, name, out callee))
                {
                    withSelf = true;
                    return true;
                }
                break;
            case VeldMap m:
                if (!BuiltinMethods.Has(target, name) && m.TryGet(Value.FromString(name), out callee) && callee.Kind == ValueKind.Function)
                    return true;
                break;
        }
        callee = default;
        return false;
    }

    private static bool FindSelfMethod(VeldType type, string name, out Value method) =>
        type.Methods.TryGetValue(name, out method) && ((Closure)method.AsObject!).Chunk.HasSelf;
}
