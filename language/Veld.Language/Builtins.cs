namespace Veld.Language;

/// <summary>
/// Names the resolver treats as builtin functions when no user declaration shadows them.
/// The runtime implements each one under the same name.
/// </summary>
public static class BuiltinNames
{
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.Ordinal)
    {
        "print", "println", "len", "type_of", "abs", "sqrt", "floor", "ceil", "round",
        "min", "max", "clock", "args",
    };

    /// <summary>Module paths whose members are the print functions: <c>std.io.println</c>, <c>io.println</c>.</summary>
    public static readonly IReadOnlySet<string> IoFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        "print", "println",
    };
}

/// <summary>Fixed limits of the language (docs/SPEC.md section 16) and of the front end.</summary>
public static class LanguageLimits
{
    public const int MaxLocalsPerFunction = 200;
    public const int MaxUpvaluesPerFunction = 255;
    /// <summary>Nesting depth of expressions/blocks the parser accepts before a compile error;
    /// keeps every recursive pass (parser, resolver, tree-walk, compilers) far from a stack overflow.</summary>
    public const int MaxNestingDepth = 200;
    /// <summary>Diagnostics reported before the front end stops collecting more.</summary>
    public const int MaxDiagnostics = 50;
}
