using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// The constructs that require a bool. The context picks the words of the Type error ("condition must be
/// a bool, got int"), which is observable, so every tier names it the same way. The numbers are bytecode
/// operands (the register VM's TEST/CHECKBOOL C, the stack VM's CHECK_BOOL w): never renumber them.
/// </summary>
public enum BoolContext : byte { Condition, Guard, And, Or, Not, Assert }

public static class BoolContexts
{
    /// <summary>How many contexts there are (operands at or above this are malformed).</summary>
    public const int Count = 6;

    /// <summary><paramref name="v"/> as a condition in <paramref name="context"/>: its bool, or the runtime's
    /// Type error for that context (for <c>!</c>, the error of the <c>!</c> operator).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Check(in Value v, BoolContext context)
    {
        if (v.IsBool) return v.AsBool;
        throw NotABool(v, context);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static VeldRuntimeException NotABool(Value v, BoolContext context)
    {
        if (context == BoolContext.Not) Operators.Not(v);   // raises the '!' operator's own error
        else Operators.Truth(v, Describe(context));           // raises the Type error naming the context
        throw new InvalidOperationException($"runtime: {Display.TypeName(v)} accepted as a bool");
    }

    /// <summary>The words the Type error uses for the context.</summary>
    public static string Describe(BoolContext context) => context switch
    {
        BoolContext.Condition => "condition",
        BoolContext.Guard => "match guard",
        BoolContext.And => "operand of 'and'",
        BoolContext.Or => "operand of 'or'",
        BoolContext.Not => "operand of '!'",
        BoolContext.Assert => "assert~ condition",
        _ => throw new ArgumentOutOfRangeException(nameof(context)),
    };
}
