namespace Veld.Runtime;

/// <summary>
/// The iteration protocol of <c>for</c> (section 5) for every tier: arrays (elements), ranges (ints),
/// maps ((key, value) tuples in insertion order), strings (one-character strings). If the array or map
/// changes length/keys during the loop, <see cref="MoveNext"/> raises runtime error Value.
/// </summary>
public sealed class ForIterator
{
    /// <summary>Type error for a value that cannot be iterated.</summary>
    public static ForIterator Create(Value iterable) => throw Operators.Pending();

    public bool MoveNext(out Value item) => throw Operators.Pending();
}
