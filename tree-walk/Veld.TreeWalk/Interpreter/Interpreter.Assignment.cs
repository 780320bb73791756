using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>
/// <c>x = e</c>, <c>a[i] = e</c>, <c>p.f = e</c> and the compound forms (<c>+= -= *= /= %=</c>).
/// <c>t op= e</c> means <c>t = t op e</c> with the target's parts evaluated once: first the target's
/// sub-expressions (object, then index) left to right, then for a compound form the current value is
/// read, then the right-hand side is evaluated, combined and stored.
/// </summary>
internal sealed partial class Interpreter
{
    private Value EvalAssign(AssignExpr e, Frame f)
    {
        switch (e.Target)
        {
            case NameExpr name:
            {
                var current = e.CompoundOp is null ? default : ReadName(name, f);
                var value = EvalAssignedValue(e, current, f);
                if (f.IsAbrupt) return default;
                WriteName(name, value, f);
                break;
            }
            case IndexExpr index:
            {
                var target = Eval(index.Target, f);
                if (f.IsAbrupt) return default;
                var key = Eval(index.Index, f);
                if (f.IsAbrupt) return default;
                var current = e.CompoundOp is null ? default : Operators.GetIndex(target, key);
                var value = EvalAssignedValue(e, current, f);
                if (f.IsAbrupt) return default;
                Operators.SetIndex(target, key, value);
                break;
            }
            case MemberExpr { Kind: MemberKind.Field } member:
            {
                var target = Eval(member.Target, f);
                if (f.IsAbrupt) return default;
                var current = e.CompoundOp is null ? default : Operators.GetField(target, member.Name);
                var value = EvalAssignedValue(e, current, f);
                if (f.IsAbrupt) return default;
                Operators.SetField(target, member.Name, value);
                break;
            }
            default:
                throw new InvalidOperationException($"tree-walk: cannot assign to {e.Target.GetType().Name}");
        }
        return Value.Unit;
    }

    /// <summary>The value to store: the right-hand side, combined with <paramref name="current"/> for a compound form.</summary>
    private Value EvalAssignedValue(AssignExpr e, Value current, Frame f)
    {
        var value = Eval(e.Value, f);
        if (f.IsAbrupt || e.CompoundOp is not { } op) return value;
        return Operators.Binary(op, current, value);
    }
}
