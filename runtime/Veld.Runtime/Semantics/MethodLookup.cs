namespace Veld.Runtime;

/// <summary>What <c>target.name(args)</c> calls, as found by <see cref="MethodLookup.Find"/>.</summary>
public enum MethodKind : byte
{
    /// <summary>An impl method taking self: called with the target as parameter 0.</summary>
    Self,
    /// <summary>A struct field or map key holding a function: called without self.</summary>
    Function,
    /// <summary>A builtin method of the target's type (which raises Field for an unknown name).</summary>
    Builtin,
}

/// <summary>
/// Dynamic dispatch of <c>target.name(args)</c> (docs/SPEC.md section 7), for every tier: the type's impl method
/// that takes self (methods without self belong to the type, <c>Point.new</c>); else a struct field holding a
/// function; else, for a map, a key holding a function unless the name is a builtin method (builtins win
/// on maps); else the builtin methods of the value's type.
/// </summary>
public static class MethodLookup
{
    public static MethodKind Find(in Value target, string name, out Value callee)
    {
        switch (target.AsObject)
        {
            case StructInstance s:
                if (TryFindSelfMethod(s.Type, name, out callee)) return MethodKind.Self;
                int field = s.Type.FieldIndex(name);
                if (field >= 0 && s.Fields[field].Kind == ValueKind.Function)
                {
                    callee = s.Fields[field];
                    return MethodKind.Function;
                }
                break;
            case EnumInstance e:
                if (TryFindSelfMethod(e.Type, name, out callee)) return MethodKind.Self;
                break;
            case VeldMap m:
                if (!BuiltinMethods.Has(target, name) && m.TryGet(Value.FromString(name), out callee) && callee.Kind == ValueKind.Function)
                    return MethodKind.Function;
                break;
        }
        callee = default;
        return MethodKind.Builtin;
    }

    /// <summary>An impl method of <paramref name="type"/> that takes self.</summary>
    public static bool TryFindSelfMethod(VeldType type, string name, out Value method) =>
        type.Methods.TryGetValue(name, out method) && method.AsObject is FunctionObject { TakesSelf: true };
}
