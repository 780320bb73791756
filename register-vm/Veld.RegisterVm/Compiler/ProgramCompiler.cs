using Veld.Language.Syntax;

namespace Veld.RegisterVm;

/// <summary>
/// Compiles a checked program into a <see cref="RegisterProgram"/>: the script and every function in it,
/// plus the program-wide tables (globals, types, methods, construction sites) their instructions index.
/// Top-level functions and methods become nested protos of the script, created before it runs.
/// </summary>
public sealed class ProgramCompiler
{
    private readonly CheckedProgram _program;
    private readonly List<ConstructorInfo> _constructors = [];
    private readonly Dictionary<ConstructorInfo, int> _constructorIndex = [];
    private readonly Dictionary<FunctionNode, int> _methodGlobals = new(ReferenceEqualityComparer.Instance);

    private ProgramCompiler(CheckedProgram program) => _program = program;

    /// <summary>Compile <paramref name="program"/>. Throws <c>TierUnsupportedException</c> for a limit of the
    /// register encoding (more than 255 registers in a function, a jump too far to encode).</summary>
    public static RegisterProgram Compile(CheckedProgram program) => new ProgramCompiler(program).CompileProgram();

    private RegisterProgram CompileProgram()
    {
        int userGlobals = _program.Globals.Count == 0 ? 0 : _program.Globals.Max(g => g.Index) + 1;
        var globalNames = new List<string>(new string[userGlobals]);
        foreach (var g in _program.Globals) globalNames[g.Index] = g.Binding.Name;

        // Every method gets a hidden global slot, so a static call (Point.new) is GETGLOBAL + CALL.
        foreach (var type in _program.Types)
            foreach (var method in type.Methods)
            {
                _methodGlobals[method] = globalNames.Count;
                globalNames.Add($"{type.Name}.{method.DisplayName}");
            }

        var script = FunctionCompiler.ForScript(this, _program.Script);
        var hoisted = new List<HoistedFunction>();
        foreach (var g in _program.Globals)
            if (g.HoistedFunction is { } decl)
            {
                var proto = FunctionCompiler.Compile(this, script, decl.Function, decl.Function.DisplayName);
                hoisted.Add(new HoistedFunction(g.Index, script.AddChild(proto)));
            }

        var methods = new List<MethodInfo>();
        foreach (var type in _program.Types)
            foreach (var method in type.Methods)
            {
                var proto = FunctionCompiler.Compile(this, script, method, method.DisplayName);
                methods.Add(new MethodInfo(type.TypeId, method.DisplayName, script.AddChild(proto), _methodGlobals[method]));
            }

        var scriptProto = script.CompileScript();
        return new RegisterProgram
        {
            Script = scriptProto,
            GlobalNames = [.. globalNames],
            UserGlobalCount = userGlobals,
            Hoisted = [.. hoisted],
            Types = [.. _program.Types.OrderBy(t => t.TypeId).Select(DescribeType)],
            Methods = [.. methods],
            Constructors = [.. _constructors],
        };
    }

    private TypeInfo DescribeType(TypeDecl type) => type switch
    {
        StructDecl s when ReferenceEquals(s, _program.ErrorStruct) =>
            new TypeInfo(s.Name, TypeShape.ErrorStruct, [.. s.Fields.Select(f => f.Name)], []),
        StructDecl s => new TypeInfo(s.Name, TypeShape.Struct, [.. s.Fields.Select(f => f.Name)], []),
        EnumDecl e => new TypeInfo(e.Name, TypeShape.Enum, [.. e.Variants.Select(v => v.Name)], [.. e.Variants.Select(v => v.Payload.Count)]),
        _ => throw new InvalidOperationException($"unknown type declaration {type.GetType().Name}"),
    };

    /// <summary>Index of the construction site (type, variant or -1 for a struct, argument count).</summary>
    internal int Constructor(int typeId, int variant, int argCount)
    {
        var info = new ConstructorInfo(typeId, variant, argCount);
        if (!_constructorIndex.TryGetValue(info, out int index))
        {
            index = _constructors.Count;
            _constructors.Add(info);
            _constructorIndex[info] = index;
        }
        return index;
    }

    /// <summary>The hidden global slot holding <paramref name="method"/>.</summary>
    internal int MethodGlobal(FunctionNode method) =>
        _methodGlobals.TryGetValue(method, out int g) ? g
        : throw new InvalidOperationException($"register VM compiler: method '{method.DisplayName}' belongs to no type");
}
