using Veld.Language.Syntax;

namespace Veld.Language.Tests;

/// <summary>
/// Structural checks of a successfully resolved program, the guarantees every tier relies on:
/// every evaluated name is resolved to a slot, upvalue, global or builtin that exists; limits hold;
/// constructions and variant patterns are resolved.
/// </summary>
internal static class TreeInvariants
{
    public static void Verify(CheckedProgram program)
    {
        var skipped = NamesNotEvaluated(program);
        foreach (var function in Functions(program))
        {
            Assert.InRange(function.LocalCount, function.Parameters.Count, LanguageLimits.MaxLocalsPerFunction);
            Assert.True(function.Upvalues.Count <= LanguageLimits.MaxUpvaluesPerFunction);
            foreach (var name in OwnNodes(function).OfType<NameExpr>())
            {
                if (skipped.Contains(name)) continue;
                var r = name.Ref;
                switch (r.Kind)
                {
                    case VarKind.Local:
                        Assert.InRange(r.Index, 0, function.LocalCount - 1);
                        Assert.Equal(r.Index, r.Binding!.Index);
                        break;
                    case VarKind.Upvalue:
                        Assert.InRange(r.Index, 0, function.Upvalues.Count - 1);
                        Assert.Same(function.Upvalues[r.Index].Binding, r.Binding);
                        break;
                    case VarKind.Global:
                        Assert.Same(program.Globals[r.Index].Binding, r.Binding);
                        break;
                    case VarKind.Builtin:
                        Assert.Contains(r.BuiltinName!, BuiltinNames.Functions);
                        break;
                    default:
                        Assert.Fail($"unresolved name '{name.Name}' at {name.Pos}");
                        break;
                }
            }
            foreach (var up in function.Upvalues)
                Assert.True(up.Index >= 0);
        }
        foreach (var call in V.All<CallExpr>(program).Where(c => c.Kind == CallKind.StructConstruct))
            Assert.Equal(call.Struct!.Fields.Count, call.FieldOrderArgs!.Count);
        foreach (var pattern in V.All<VariantPattern>(program))
            Assert.NotNull(pattern.Enum);
        for (int i = 0; i < program.Types.Count; i++)
            Assert.Equal(i, program.Types[i].TypeId);
    }

    private static List<FunctionNode> Functions(CheckedProgram program) =>
        [program.Script, .. V.Nodes(program.Script.Body).OfType<FunctionNode>()];

    /// <summary>Nodes of a function's body that are not inside a nested function.</summary>
    private static IEnumerable<Node> OwnNodes(FunctionNode function)
    {
        var nested = V.Nodes(function.Body).OfType<FunctionNode>().SelectMany(f => V.Nodes(f.Body)).ToHashSet(ReferenceEqualityComparer.Instance);
        return V.Nodes(function.Body).Where(n => !nested.Contains(n));
    }

    /// <summary>Names that are type or module references (never evaluated, so never resolved).</summary>
    private static HashSet<object> NamesNotEvaluated(CheckedProgram program)
    {
        var set = new HashSet<object>(ReferenceEqualityComparer.Instance);
        void AddTarget(Expr target)
        {
            if (target is NameExpr) set.Add(target);
            if (target is MemberExpr { Target: NameExpr inner }) set.Add(inner);
        }
        foreach (var node in V.Nodes(program.Script.Body))
        {
            switch (node)
            {
                case CallExpr { Kind: CallKind.StructConstruct } c: AddTarget(c.Callee); break;
                case MethodCallExpr { Kind: not MethodCallKind.Dynamic } m: AddTarget(m.Target); break;
                case MemberExpr { Kind: not MemberKind.Field } m: AddTarget(m.Target); break;
            }
        }
        return set;
    }
}
