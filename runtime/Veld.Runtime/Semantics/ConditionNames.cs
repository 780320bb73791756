namespace Veld.Runtime;

/// <summary>
/// The <c>what</c> argument of <see cref="Operators.Truth"/> for each construct that needs a
/// bool. It appears in the Type error message ("condition must be a bool, got int"), which is observable,
/// so every tier must use the same text.
/// </summary>
public static class ConditionNames
{
    public const string If = "condition";
    public const string While = "condition";
    public const string Guard = "match guard";
    public const string And = "operand of 'and'";
    public const string Or = "operand of 'or'";
    public const string Assert = "assert~ condition";
}
