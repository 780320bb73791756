using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>
/// <c>x = e</c>, <c>a[i] = e</c>, <c>p.f = e</c> and the compound forms (<c>+= -= *= /= %=</c>).
/// Order: the target's sub-expressions (object, index) once, left to right; then the right-hand side;
/// then, for a compound form, the current value is read, combined and stored in one step.
/// </summary>
internal sealed partial class Interpreter
{
    private Value EvalAssign(AssignExpr e, Frame f)
    {
        switch (e.Target)
        {
            case NameExpr name:
            {
                var value = Eval(e.Value, f);
                if (f.IsAbrupt) return default;
                if (e.CompoundOp is { } op) value = Operators.Binary(op, ReadName(name, f), value);
                WriteName(name, value, f);
                break;
            }
            case IndexExpr index:
            {
                var target = Eval(index.Target, f);
                if (f.IsAbrupt) return default;
                var key = Eval(index.Index, f);
                if (f.IsAbrupt) return default;
                var value = Eval(e.Value, f);
                if (f.IsAbrupt) return default;
                if (e.CompoundOp is { } op) value = Operators.Binary(op, Operators.GetIndex(target, key), value);
                Operators.SetIndex(target, key, value);
                break;
            }
            case MemberExpr { Kind: MemberKind.Field } member:
            {
                var target = Eval(member.Target, f);
                if (f.IsAbrupt) return default;
                var value = Eval(e.Value, f);
                if (f.IsAbrupt) return default;
                if (e.CompoundOp is { } op) value = Operators.Binary(op, Operators.GetField(target, member.Name), value);
                Operators.SetField(target, member.Name, value);
                break;
            }
            default:
                throw new InvalidOperationException($"tree-walk: cannot assign to {e.Target.GetType().Name}");
        }
        return Value.Unit;
    }
}
