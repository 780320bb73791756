using Veld.Language.Syntax;

namespace Veld.Language.Resolving;

// Calls and member access: what a call, a method call or a member is (CallKind, MethodCallKind, MemberKind).
// A name that is a variable always wins over a type or module of the same name.
internal sealed partial class Resolver
{
    private void ResolveCall(CallExpr call)
    {
        switch (TypeNamedBy(call.Callee))
        {
            case StructDecl structDecl:
                call.Kind = CallKind.StructConstruct;
                call.Struct = structDecl;
                call.FieldOrderArgs = OrderStructFields(call, structDecl);
                return;
            case EnumDecl enumDecl:
                Error(call.Callee.Pos, $"enum '{enumDecl.Name}' cannot be called; construct a variant, as in {enumDecl.Name}.{enumDecl.Variants.FirstOrDefault()?.Name ?? "Variant"}(..)");
                ResolvePositionalArgs(call.Args);
                return;
        }
        ResolveExpr(call.Callee);
        ResolvePositionalArgs(call.Args);
    }

    /// <summary><c>Point(y: 2, x: 1)</c>: every field named exactly once; values returned in field order.</summary>
    private List<Expr>? OrderStructFields(CallExpr call, StructDecl structDecl)
    {
        var given = new Dictionary<string, Expr>(StringComparer.Ordinal);
        bool ok = true;
        foreach (var arg in call.Args)
        {
            ResolveExpr(arg.Value);
            if (arg.Name is null)
            {
                Error(arg.Value.Pos, $"fields of struct '{structDecl.Name}' must be named, as in {structDecl.Name}(field: value)");
                ok = false;
            }
            else if (!structDecl.Fields.Exists(f => f.Name == arg.Name))
            {
                Error(arg.Value.Pos, $"unknown field '{arg.Name}' for struct '{structDecl.Name}'");
                ok = false;
            }
            else if (!given.TryAdd(arg.Name, arg.Value))
            {
                Error(arg.Value.Pos, $"duplicate field '{arg.Name}' for struct '{structDecl.Name}'");
                ok = false;
            }
        }
        foreach (var field in structDecl.Fields)
        {
            if (given.ContainsKey(field.Name) || call.Args.Exists(a => a.Name is null)) continue;
            Error(call.Pos, $"missing field '{field.Name}' for struct '{structDecl.Name}'");
            ok = false;
        }
        return ok ? structDecl.Fields.Select(f => given[f.Name]).ToList() : null;
    }

    /// <summary>Arguments of anything but a struct construction: names are not allowed.</summary>
    private void ResolvePositionalArgs(List<Argument> args)
    {
        foreach (var arg in args)
        {
            if (arg.Name is not null)
                Error(arg.Value.Pos, $"named argument '{arg.Name}' is only allowed when constructing a struct");
            ResolveExpr(arg.Value);
        }
    }

    private void ResolveMethodCall(MethodCallExpr call)
    {
        if (TypeNamedBy(call.Target) is { } type)
        {
            ResolveTypeCall(call, type);
            return;
        }
        if (IsIoModule(call.Target))
        {
            if (BuiltinNames.IoFunctions.Contains(call.Name))
            {
                call.Kind = MethodCallKind.Builtin;
                call.BuiltinName = call.Name;
            }
            else Error(call.Pos, $"unknown function '{ModulePath(call.Target)}.{call.Name}'");
            ResolvePositionalArgs(call.Args);
            return;
        }
        ResolveExpr(call.Target);
        ResolvePositionalArgs(call.Args);
    }

    /// <summary><c>Shape.Circle(2.0)</c> builds a variant; <c>Point.new(1, 2)</c> calls a method without self.</summary>
    private void ResolveTypeCall(MethodCallExpr call, TypeDecl type)
    {
        ResolvePositionalArgs(call.Args);
        if (type is EnumDecl enumDecl && TypeTable.VariantIndex(enumDecl, call.Name) is var index and >= 0)
        {
            int expected = enumDecl.Variants[index].Payload.Count;
            if (expected != call.Args.Count)
            {
                Error(call.Pos, $"variant '{enumDecl.Name}.{call.Name}' takes {expected} value(s) but {call.Args.Count} were given");
                return;
            }
            call.Kind = MethodCallKind.VariantConstruct;
            call.Type = enumDecl;
            call.VariantIndex = index;
            return;
        }
        var method = TypeTable.FindMethod(type, call.Name);
        if (method is null)
        {
            Error(call.Pos, type is EnumDecl
                ? $"unknown variant or method '{call.Name}' for enum '{type.Name}'"
                : $"unknown method '{call.Name}' for type '{type.Name}'");
            return;
        }
        if (method.HasSelf)
        {
            Error(call.Pos, $"method '{type.Name}.{call.Name}' takes self: call it on a value");
            return;
        }
        call.Kind = MethodCallKind.Static;
        call.Type = type;
        call.StaticMethod = method;
    }

    private void ResolveMember(MemberExpr member)
    {
        if (TypeNamedBy(member.Target) is { } type)
        {
            ResolveTypeMember(member, type);
            return;
        }
        if (IsIoModule(member.Target))
        {
            if (BuiltinNames.IoFunctions.Contains(member.Name))
            {
                member.Kind = MemberKind.Builtin;
                member.BuiltinName = member.Name;
            }
            else Error(member.Pos, $"unknown function '{ModulePath(member.Target)}.{member.Name}'");
            return;
        }
        ResolveExpr(member.Target);
    }

    /// <summary><c>Color.Red</c> is a unit variant value; anything else on a type name is an error.</summary>
    private void ResolveTypeMember(MemberExpr member, TypeDecl type)
    {
        if (type is EnumDecl enumDecl && TypeTable.VariantIndex(enumDecl, member.Name) is var index and >= 0)
        {
            int expected = enumDecl.Variants[index].Payload.Count;
            if (expected > 0)
            {
                Error(member.Pos, $"variant '{enumDecl.Name}.{member.Name}' takes {expected} value(s): construct it as {enumDecl.Name}.{member.Name}(..)");
                return;
            }
            member.Kind = MemberKind.UnitVariant;
            member.Enum = enumDecl;
            member.VariantIndex = index;
            return;
        }
        if (TypeTable.FindMethod(type, member.Name) is not null)
            Error(member.Pos, $"method '{type.Name}.{member.Name}' must be called");
        else if (type is EnumDecl)
            Error(member.Pos, $"unknown variant '{member.Name}' for enum '{type.Name}'");
        else
            Error(member.Pos, $"struct '{type.Name}' has no member '{member.Name}'");
    }
}
