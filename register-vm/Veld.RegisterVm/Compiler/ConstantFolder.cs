using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// Folds constant subexpressions by running the runtime's own operators at compile time, so a folded
/// result is by construction what the operation gives at run time. Anything that raises (overflow,
/// division by zero, a type error) is left unfolded for run time to raise, with its line; the common errors
/// are recognised before running the operator (<see cref="CertainErrors"/>), the rest caught. Only
/// immutable results (int, float, bool, str, and tuples of those) are folded: sharing one such value
/// between evaluations is unobservable. Module constants the program compiler proved are set before any
/// code runs (<see cref="ProgramCompiler"/>) fold like literals. With the pass off
/// (<see cref="OptimizationPasses.ConstantFolding"/>), only literals and module constants are constants.
/// </summary>
internal sealed class ConstantFolder(IReadOnlyDictionary<int, Value> globalConstants, bool foldOperators, NativeStackGuard stackGuard)
{
    public bool TryFold(Expr e, out Value value)
    {
        value = Value.Unit;
        if (!stackGuard.HasRoom()) return false;
        try
        {
            var folded = Fold(e);
            if (folded is not { } v || !IsFoldable(v)) return false;
            value = v;
            return true;
        }
        catch (VeldRuntimeException) { return false; }
        catch (InvalidOperationException) { return false; } // a runtime operation that is not available
    }

    private static bool IsScalar(Value v) => v.Kind is ValueKind.Int or ValueKind.Float or ValueKind.Bool or ValueKind.Str or ValueKind.Unit;

    public static bool IsFoldable(Value v) => v.Kind switch
    {
        ValueKind.Int or ValueKind.Float or ValueKind.Bool or ValueKind.Str or ValueKind.Unit => true,
        ValueKind.Tuple => v.As<VeldTuple>().Items.All(IsFoldable),
        _ => false,
    };

    /// <summary>The elements of <paramref name="elements"/> when every one folds; for constant array literals.</summary>
    public Value[]? TryFoldAll(IReadOnlyList<Expr> elements)
    {
        var values = new Value[elements.Count];
        for (int i = 0; i < values.Length; i++)
        {
            if (!TryFold(elements[i], out values[i])) return null;
        }
        return values;
    }

    private Value? Fold(Expr e) => e switch
    {
        UnitLiteral => Value.Unit,
        NameExpr { Ref.Kind: VarKind.Global } n when globalConstants.TryGetValue(n.Ref.Index, out var known) => known,
        IntLiteral i => Value.FromInt(i.Value),
        FloatLiteral f => Value.FromFloat(f.Value),
        BoolLiteral b => Value.FromBool(b.Value),
        StringLiteral s => Value.FromString(s.Value),
        UnaryExpr or BinaryExpr or CastExpr when !foldOperators => null,
        UnaryExpr u => Fold(u.Operand) is { } a && IsFoldable(a) && a.Kind != ValueKind.Tuple && !CertainErrors.OfUnary(u.Op, a)
            ? u.Op == UnaryOp.Negate ? Operators.Negate(a) : Operators.Not(a)
            : null,
        // Only scalars: equality on tuples recurses, and folding never needs to reproduce its errors.
        BinaryExpr b => Fold(b.Left) is { } l && IsScalar(l) && Fold(b.Right) is { } r && IsScalar(r) && !CertainErrors.OfBinary(b.Op, l, r)
            ? Operators.Binary(b.Op, l, r)
            : null,
        CastExpr c when c.Target != CastTarget.Invalid => Fold(c.Value) is { } v && IsFoldable(v) && v.Kind != ValueKind.Tuple
                && !CertainErrors.OfCast(v, c.Target)
            ? Operators.Cast(v, c.Target, c.Type.Text)
            : null,
        TupleExpr t => FoldTuple(t),
        _ => null,
    };

    private Value? FoldTuple(TupleExpr t)
    {
        var items = new Value[t.Elements.Count];
        for (int i = 0; i < items.Length; i++)
        {
            if (Fold(t.Elements[i]) is not { } item || !IsFoldable(item)) return null;
            items[i] = item;
        }
        return Value.FromObject(new VeldTuple(items));
    }
}
