namespace Veld.StackVm;

/// <summary>
/// The <c>what</c> of <see cref="Veld.Runtime.Operators.Truth"/> for each construct that needs a bool.
/// It is part of the Type error message, so it matches the other tiers' wording exactly.
/// </summary>
internal static class BoolContextNames
{
    public const string Condition = "condition";
    public const string Guard = "match guard";
    public const string And = "operand of 'and'";
    public const string Or = "operand of 'or'";
    public const string Assertion = "assert~ condition";

    public static string Of(BoolContext context) => context switch
    {
        BoolContext.Condition => Condition,
        BoolContext.Guard => Guard,
        BoolContext.And => And,
        BoolContext.Or => Or,
        BoolContext.Assertion => Assertion,
        _ => throw new ArgumentOutOfRangeException(nameof(context)),
    };
}
