namespace Veld.Runtime;

/// <summary>
/// Builtin methods of arrays, tuples, maps, strings and every value (section 8). Tiers call this after
/// user methods (impl) and function-valued fields have been ruled out. Methods that take functions
/// (map, filter, reduce, any, all) call back through <see cref="ExecutionContext.Invoker"/>.
/// An unknown method is runtime error Field: "no method 'x' on int".
/// </summary>
public static class BuiltinMethods
{
    /// <summary>True if <paramref name="name"/> is a builtin method of <paramref name="target"/>'s type
    /// (so a map's builtin <c>len</c> wins over a key "len" holding a function).</summary>
    public static bool Has(Value target, string name) => throw Operators.Pending();

    public static Value Call(ExecutionContext context, Value target, string name, ReadOnlySpan<Value> args) => throw Operators.Pending();
}
