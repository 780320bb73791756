namespace Veld.Runtime;

/// <summary>The runtime error kinds of docs/SPEC.md section 13.</summary>
public enum ErrorKind
{
    Type, Arity, DivisionByZero, Overflow, Index, Key, Field, Match, Value, Assert, Thrown,
    /// <summary>Call depth limit exceeded. Not catchable by Veld code.</summary>
    StackOverflow,
    /// <summary>Fuel or time ran out. Not catchable; the differential harness treats it as inconclusive.</summary>
    LimitExceeded,
}
