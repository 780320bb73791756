namespace Veld.Runtime;

/// <summary>The builtin functions of section 9, by the names in <see cref="Veld.Language.BuiltinNames"/>.</summary>
public static class Builtins
{
    /// <summary>The builtin named <paramref name="name"/>; immutable objects, safe to share between runs.</summary>
    public static BuiltinFunction Get(string name) => throw Operators.Pending();
}
