using Veld.Language.Syntax;

namespace Veld.Language.Resolving;

/// <summary>
/// Every struct and enum of the program, by name and by TypeId, with each variant name's declaring
/// enums (for bare variant patterns). TypeId 0 is the built-in <c>Error</c> struct; a user type named
/// <c>Error</c> shadows it by name but the runtime's errors keep using the built-in one.
/// </summary>
internal sealed class TypeTable
{
    private readonly Dictionary<string, TypeDecl> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<EnumDecl>> _variantOwners = new(StringComparer.Ordinal);

    public List<TypeDecl> All { get; } = [];
    public StructDecl ErrorStruct { get; }

    public TypeTable()
    {
        ErrorStruct = new StructDecl
        {
            Name = "Error",
            Fields = [new FieldDecl("kind", null, default), new FieldDecl("message", null, default), new FieldDecl("line", null, default)],
        };
        ErrorStruct.TypeId = 0;
        All.Add(ErrorStruct);
        _byName[ErrorStruct.Name] = ErrorStruct;
    }

    /// <summary>Adds a user type; false if a user type of that name exists already.</summary>
    public bool Add(TypeDecl type)
    {
        if (_byName.TryGetValue(type.Name, out var existing) && existing != ErrorStruct) return false;
        type.TypeId = All.Count;
        All.Add(type);
        _byName[type.Name] = type;
        if (type is EnumDecl e)
        {
            foreach (var variant in e.Variants.Select(v => v.Name).Distinct())
            {
                if (!_variantOwners.TryGetValue(variant, out var owners))
                    _variantOwners[variant] = owners = [];
                owners.Add(e);
            }
        }
        return true;
    }

    public TypeDecl? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyList<EnumDecl> EnumsDeclaring(string variant) =>
        _variantOwners.TryGetValue(variant, out var owners) ? owners : [];

    public static int VariantIndex(EnumDecl e, string name) => e.Variants.FindIndex(v => v.Name == name);

    public static FunctionNode? FindMethod(TypeDecl type, string name) => type.Methods.Find(m => m.Name == name);
}
