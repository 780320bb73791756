using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary><c>target.name</c> and <c>target.name(args)</c>: fields, variants, static and dynamic methods.</summary>
internal sealed partial class Interpreter
{
    private Value EvalMember(MemberExpr e, Frame f)
    {
        switch (e.Kind)
        {
            case MemberKind.UnitVariant:
                return _types.UnitVariant(e.Enum!, e.VariantIndex);
            case MemberKind.Builtin:
                return Value.FromObject(Builtins.Get(e.BuiltinName!));
            default:
                var target = Eval(e.Target, f);
                if (f.IsAbrupt) return default;
                return Operators.GetField(target, e.Name);
        }
    }

    private Value EvalMethodCall(MethodCallExpr call, Frame f)
    {
        switch (call.Kind)
        {
            case MethodCallKind.Static:
            {
                var args = EvalArguments(call.Args, f);
                if (f.IsAbrupt) return default;
                var method = _types[call.Type!].Methods[call.StaticMethod!.Name!];
                return CallValue(method, args, call.IsTail, f, call);
            }
            case MethodCallKind.VariantConstruct:
            {
                var payload = EvalArguments(call.Args, f);
                if (f.IsAbrupt) return default;
                return Operators.NewEnum(_types.EnumOf((EnumDecl)call.Type!), call.VariantIndex, payload);
            }
            case MethodCallKind.Builtin:
            {
                var args = EvalArguments(call.Args, f);
                if (f.IsAbrupt) return default;
                return CallNative(Value.FromObject(Builtins.Get(call.BuiltinName!)), args);
            }
            default:
            {
                var target = Eval(call.Target, f);
                if (f.IsAbrupt) return default;
                var args = EvalArguments(call.Args, f);
                if (f.IsAbrupt) return default;
                return InvokeMethod(call, target, args, f);
            }
        }
    }

    /// <summary>
    /// Dynamic dispatch, decided after the target and the arguments are evaluated, in the runtime's
    /// order (<see cref="MethodLookup"/>): an impl method taking self, a function-valued field or map key
    /// (called without self), else a builtin method of the value's type (Field for an unknown name).
    /// </summary>
    private Value InvokeMethod(MethodCallExpr call, Value target, Value[] args, Frame f)
    {
        switch (MethodLookup.Find(target, call.Name, out var callee))
        {
            case MethodKind.Self:
                return CallMethod((Closure)callee.AsObject!, target, args, call.IsTail, f, call);
            case MethodKind.Function:
                return CallValue(callee, args, call.IsTail, f, call);
            default:
                _context.Tick();
                return BuiltinMethods.Call(_context, target, call.Name, args);
        }
    }

    /// <summary>Calls an impl method with <paramref name="self"/> as parameter 0. The Arity error counts
    /// the arguments the caller wrote, without self.</summary>
    private Value CallMethod(Closure method, Value self, Value[] args, bool isTail, Frame f, Node at)
    {
        var info = method.Info;
        if (args.Length + 1 != info.Arity) throw RuntimeErrors.Arity(info.Name, info.Arity - 1, args.Length);
        var slots = new Value[info.FrameSize];
        slots[0] = self;
        args.CopyTo(slots, 1);
        return isTail ? RequestTailCall(f, method, slots) : CallClosure(method, slots, f, at);
    }
}
