using Veld.Language.Syntax;

namespace Veld.Language.Resolving;

// Patterns: declaring their bindings and resolving their variants.
internal sealed partial class Resolver
{
    /// <summary>Declares the pattern's bindings as locals of the current scope, left to right, and
    /// resolves its variants.</summary>
    private void DeclarePattern(Pattern pattern)
    {
        ResolvePatternVariants(pattern);
        foreach (var binding in PatternBindings(pattern))
            DeclareLocal(binding);
    }

    /// <summary>Resolves every variant in the pattern and rejects a name bound twice.</summary>
    private void ResolvePatternVariants(Pattern pattern)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binding in PatternBindings(pattern))
            if (!seen.Add(binding.Name))
                Error(binding.Pos, $"'{binding.Name}' is bound more than once in the same pattern");
        WalkVariants(pattern);
    }

    private void WalkVariants(Pattern pattern)
    {
        switch (pattern)
        {
            case TuplePattern tuple:
                foreach (var element in tuple.Elements) WalkVariants(element);
                break;
            case VariantPattern variant:
                ResolveVariantPattern(variant);
                foreach (var element in variant.Payload ?? []) WalkVariants(element);
                break;
        }
    }

    /// <summary><c>Enum.Variant[(..)]</c>, or bare <c>Variant(..)</c> if exactly one enum declares it.</summary>
    private void ResolveVariantPattern(VariantPattern pattern)
    {
        EnumDecl owner;
        if (pattern.EnumName is { } enumName)
        {
            switch (_types.Find(enumName))
            {
                case EnumDecl e:
                    owner = e;
                    break;
                case StructDecl:
                    Error(pattern.Pos, $"'{enumName}' is a struct, not an enum");
                    return;
                default:
                    Error(pattern.Pos, $"unknown enum '{enumName}'");
                    return;
            }
        }
        else
        {
            var owners = _types.EnumsDeclaring(pattern.VariantName);
            if (owners.Count == 0)
            {
                Error(pattern.Pos, $"unknown variant '{pattern.VariantName}'");
                return;
            }
            if (owners.Count > 1)
            {
                Error(pattern.Pos, $"ambiguous variant '{pattern.VariantName}' (declared by {string.Join(" and ", owners.Select(o => $"'{o.Name}'"))}): qualify it, as in {owners[0].Name}.{pattern.VariantName}");
                return;
            }
            owner = owners[0];
        }

        int index = TypeTable.VariantIndex(owner, pattern.VariantName);
        if (index < 0)
        {
            Error(pattern.Pos, $"unknown variant '{pattern.VariantName}' for enum '{owner.Name}'");
            return;
        }
        int expected = owner.Variants[index].Payload.Count;
        int given = pattern.Payload?.Count ?? 0;
        if (expected != given)
        {
            Error(pattern.Pos, $"variant '{owner.Name}.{pattern.VariantName}' has {expected} value(s) but the pattern has {given}");
            return;
        }
        pattern.Enum = owner;
        pattern.VariantIndex = index;
    }
}
