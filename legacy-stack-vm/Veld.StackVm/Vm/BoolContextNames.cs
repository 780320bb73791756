using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>
/// The runtime's <see cref="ConditionNames"/> text for each <see cref="BoolContext"/>: the <c>what</c> of
/// <see cref="Operators.Truth"/>, part of the observable Type error message.
/// </summary>
internal static class BoolContextNames
{
    public static string Of(BoolContext context) => context switch
    {
        BoolContext.Condition => ConditionNames.If,
        BoolContext.Guard => ConditionNames.Guard,
        BoolContext.And => ConditionNames.And,
        BoolContext.Or => ConditionNames.Or,
        BoolContext.Assertion => ConditionNames.Assert,
        _ => throw new ArgumentOutOfRangeException(nameof(context)),
    };
}
