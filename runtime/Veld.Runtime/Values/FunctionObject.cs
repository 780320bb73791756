namespace Veld.Runtime;

/// <summary>
/// Base of every callable value. Each tier subclasses it with its own closure type; builtins are
/// <see cref="BuiltinFunction"/>. Functions compare by identity.
/// </summary>
public abstract class FunctionObject : HeapObject
{
    public override ValueKind Kind => ValueKind.Function;
    /// <summary>Display form: <c>&lt;fn name&gt;</c>, <c>&lt;fn lambda@LINE&gt;</c> or <c>&lt;builtin name&gt;</c>.</summary>
    public abstract string DisplayName { get; }
    /// <summary>An impl method whose first parameter is self (called on a value, <c>p.norm()</c>); see
    /// <see cref="MethodLookup"/>.</summary>
    public virtual bool TakesSelf => false;
}
