using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// Why a TEST requires a bool (its C operand). The context picks the runtime's error message, so a
/// non-bool condition reads the same on every tier.
/// </summary>
public enum TruthContext : byte { Condition, Guard, And, Or, Not, Assert }

public static class TruthContexts
{
    /// <summary>The value of <paramref name="v"/> as a condition in <paramref name="context"/>: a bool, or the
    /// runtime's Type error for that context.</summary>
    public static bool Check(Value v, TruthContext context) => context switch
    {
        TruthContext.Not => !Operators.Not(v).AsBool,
        _ => Operators.Truth(v, Describe(context)),
    };

    /// <summary>The words the runtime's message uses for the context (<see cref="ConditionNames"/>).</summary>
    public static string Describe(TruthContext context) => context switch
    {
        TruthContext.Condition => ConditionNames.If,
        TruthContext.Guard => ConditionNames.Guard,
        TruthContext.And => ConditionNames.And,
        TruthContext.Or => ConditionNames.Or,
        TruthContext.Not => "operand of '!'",
        TruthContext.Assert => ConditionNames.Assert,
        _ => throw new ArgumentOutOfRangeException(nameof(context)),
    };

    public const int Count = 6;
}
