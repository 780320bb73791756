using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>Calls that do not push a Veld frame: builtins and builtin methods.</summary>
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
}
