namespace Veld.Runtime;

/// <summary>
/// How runtime code (array.map, filter, reduce, sort's comparisons ...) calls back into Veld: each tier
/// implements it for its own function objects, and counts the re-entry against the depth limit.
/// </summary>
public interface IInvoker
{
    Value Call(Value function, ReadOnlySpan<Value> args);
}
