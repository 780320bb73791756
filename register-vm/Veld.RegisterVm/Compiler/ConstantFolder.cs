using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// Folds constant subexpressions by running the runtime's own operators at compile time, so a folded
/// result is by construction what the operation gives at run time. Anything that raises (overflow,
/// division by zero, a type error) is left unfolded for run time to raise, with its line. Only
/// immutable results (int, float, bool, str) are folded.
/// </summary>
internal static class ConstantFolder
{
    public static bool TryFold(Expr e, out Value value)
    {
        value = Value.Unit;
        try
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            var folded = Fold(e);
            if (folded is not { } v || !IsFoldable(v)) return false;
            value = v;
            return true;
        }
        catch (VeldRuntimeException) { return false; }
        catch (InvalidOperationException) { return false; } // a runtime operation that is not available
        catch (InsufficientExecutionStackException) { return false; }
    }

    private static bool IsFoldable(Value v) => v.Kind is ValueKind.Int or ValueKind.Float or ValueKind.Bool or ValueKind.Str;

    private static Value? Fold(Expr e) => e switch
    {
        IntLiteral i => Value.FromInt(i.Value),
        FloatLiteral f => Value.FromFloat(f.Value),
        BoolLiteral b => Value.FromBool(b.Value),
        StringLiteral s => Value.FromString(s.Value),
        UnaryExpr u => Fold(u.Operand) is { } a && IsFoldable(a)
            ? u.Op == UnaryOp.Negate ? Operators.Negate(a) : Operators.Not(a)
            : null,
        BinaryExpr b => Fold(b.Left) is { } l && IsFoldable(l) && Fold(b.Right) is { } r && IsFoldable(r)
            ? Operators.Binary(b.Op, l, r)
            : null,
        CastExpr c when c.Target != CastTarget.Invalid => Fold(c.Value) is { } v && IsFoldable(v)
            ? Operators.Cast(v, c.Target, c.Type.Text)
            : null,
        _ => null,
    };
}
