using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>
/// The struct and enum types of one run, indexed by the resolver's TypeId. Built fresh for every run
/// (their method tables hold this run's closures), so runs share no mutable state.
/// </summary>
internal sealed class RuntimeTypes
{
    private readonly VeldType[] _types;
    private readonly UnitVariantCache _unitVariants;

    public RuntimeTypes(CheckedProgram program)
    {
        _types = new VeldType[program.Types.Count];
        _unitVariants = new UnitVariantCache(program.Types.Count);
        foreach (var decl in program.Types)
            _types[decl.TypeId] = Create(decl, program.ErrorStruct);
    }

    private static VeldType Create(TypeDecl decl, StructDecl errorStruct) => decl switch
    {
        // The built-in Error struct is one shared, method-less runtime type: a caught error built by
        // the runtime and an Error(...) built by the program must be the same type.
        _ when ReferenceEquals(decl, errorStruct) => StructType.Error,
        StructDecl s => new StructType(s.Name, [.. s.Fields.Select(f => f.Name)]),
        EnumDecl e => new EnumType(e.Name, [.. e.Variants.Select(v => v.Name)], [.. e.Variants.Select(v => v.Payload.Count)]),
        _ => throw new InvalidOperationException($"tree-walk: unknown type declaration {decl.GetType().Name}"),
    };

    public VeldType this[TypeDecl decl] => _types[decl.TypeId];
    public StructType StructOf(StructDecl decl) => (StructType)_types[decl.TypeId];
    public EnumType EnumOf(EnumDecl decl) => (EnumType)_types[decl.TypeId];

    /// <summary><c>Color.Red</c>.</summary>
    public Value UnitVariant(EnumDecl decl, int variant)
    {
        return _unitVariants.Get(decl.TypeId, EnumOf(decl), variant);
    }
}
