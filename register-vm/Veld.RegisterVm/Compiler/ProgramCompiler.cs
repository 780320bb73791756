using Veld.Language.Syntax;
using Veld.Runtime;

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
    /// <summary>Per global index, whether it lives in a script register (see ChooseRegisterGlobals); null: none does.</summary>
    private bool[]? _registerGlobals;
    private readonly Dictionary<int, Value> _globalConstants = [];

    /// <summary>The recursive descent's stack-depth check, shared by every function compiler of this compilation.</summary>
    internal NativeStackGuard StackGuard { get; } = new();

    /// <summary>Folds constant expressions, including the module constants of <see cref="ChooseGlobalConstants"/>.</summary>
    internal ConstantFolder Folder { get; }

    /// <summary>At most this many globals live in script registers; the rest stay in the globals table,
    /// so the script keeps room for its temporaries.</summary>
    private const int MaxRegisterGlobals = 128;

    /// <summary>The optimization passes this compilation runs.</summary>
    internal OptimizationSettings Optimizations { get; }

    private ProgramCompiler(CheckedProgram program, OptimizationSettings optimizations)
    {
        _program = program;
        Optimizations = optimizations;
        Folder = new ConstantFolder(_globalConstants, optimizations.IsOn(OptimizationPasses.ConstantFolding), StackGuard);
    }

    /// <summary>Compile <paramref name="program"/>. Throws <c>TierUnsupportedException</c> for a limit of the
    /// register encoding (more than 255 registers in a function, a jump too far to encode).
    /// <paramref name="optimizations"/>: null for <see cref="OptimizationSettings.ProcessDefault"/>.</summary>
    public static RegisterProgram Compile(CheckedProgram program, OptimizationSettings? optimizations = null)
    {
        try
        {
            return new ProgramCompiler(program, optimizations ?? OptimizationSettings.ProcessDefault).CompileProgram();
        }
        catch (InsufficientExecutionStackException)
        {
            // The compiler recurses over the tree; on a small thread stack a deeply nested program can exhaust it.
            throw new Runtime.TierUnsupportedException("register VM: the program nests too deeply to compile on this thread's stack");
        }
    }

    private RegisterProgram CompileProgram()
    {
        int userGlobals = 0;
        foreach (var g in _program.Globals) userGlobals = Math.Max(userGlobals, g.Index + 1);
        var globalNames = new List<string>(new string[userGlobals]);
        foreach (var g in _program.Globals) globalNames[g.Index] = g.Binding.Name;

        // Every method gets a hidden global slot, so a static call (Point.new) is GETGLOBAL + CALL.
        foreach (var type in _program.Types)
            foreach (var method in type.Methods)
            {
                _methodGlobals[method] = globalNames.Count;
                globalNames.Add($"{type.Name}.{method.DisplayName}");
            }
        // GETGLOBAL/SETGLOBAL name a global in the 17-bit Bx operand; one more would wrap to global 0.
        if (globalNames.Count > Instruction.MaxBx + 1)
            throw new Runtime.TierUnsupportedException($"register VM: the program has {globalNames.Count} globals, more than the {Instruction.MaxBx + 1} an instruction can address");

        ChooseGlobalConstants();
        _registerGlobals = ChooseRegisterGlobals(userGlobals);
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
                if (ReferenceEquals(type, _program.ErrorStruct))
                    throw new Runtime.TierUnsupportedException("register VM: methods on the built-in Error struct");
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
            Types = DescribeTypes(),
            Methods = [.. methods],
            Constructors = [.. _constructors],
        };
    }

    /// <summary>Every type, by TypeId (the checked program lists them in that order).</summary>
    private TypeInfo[] DescribeTypes()
    {
        var types = new TypeInfo[_program.Types.Count];
        foreach (var type in _program.Types)
        {
            if ((uint)type.TypeId >= (uint)types.Length || types[type.TypeId] is not null)
                throw new InvalidOperationException($"register VM compiler: type {type.Name} has TypeId {type.TypeId}, not one of 0..{types.Length - 1} once");
            types[type.TypeId] = DescribeType(type);
        }
        return types;
    }

    private TypeInfo DescribeType(TypeDecl type)
    {
        switch (type)
        {
            case StructDecl s:
                var fields = new string[s.Fields.Count];
                for (int i = 0; i < fields.Length; i++) fields[i] = s.Fields[i].Name;
                return new TypeInfo(s.Name, ReferenceEquals(s, _program.ErrorStruct) ? TypeShape.ErrorStruct : TypeShape.Struct, fields, []);
            case EnumDecl e:
                var variants = new string[e.Variants.Count];
                var payloads = new int[e.Variants.Count];
                for (int i = 0; i < variants.Length; i++)
                {
                    variants[i] = e.Variants[i].Name;
                    payloads[i] = e.Variants[i].Payload.Count;
                }
                return new TypeInfo(e.Name, TypeShape.Enum, variants, payloads);
            default:
                throw new InvalidOperationException($"unknown type declaration {type.GetType().Name}");
        }
    }

    /// <summary>
    /// Module globals that only top-level code uses live in registers of the script's frame instead of
    /// the globals table: nothing else can observe them, and top-level code can only name a global after
    /// its declaration ran, so no "read before declaration" check is lost. A pattern's names move
    /// together or not at all; hoisted functions stay globals. (The resolver marks the globals some function
    /// names: <see cref="Binding.IsNamedInFunction"/>.)
    /// </summary>
    private bool[]? ChooseRegisterGlobals(int userGlobals)
    {
        bool[]? chosen = null;
        int count = 0;
        List<Binding>? names = null;
        foreach (var stmt in _program.Script.Body.Statements)
        {
            if (stmt is not LetStmt let) continue;
            names ??= [];
            names.Clear();
            let.Pattern.AddBindingsTo(names);
            if (names.Count == 0 || !AllCanLiveInARegister(names)) continue;
            if (count + names.Count > MaxRegisterGlobals) break;
            chosen ??= new bool[userGlobals];
            foreach (var b in names)
                if (!chosen[b.Index])
                {
                    chosen[b.Index] = true;
                    count++;
                }
        }
        return chosen;
    }

    private bool AllCanLiveInARegister(List<Binding> names)
    {
        foreach (var b in names)
            if (b.Kind != BindingKind.Global || b.IsNamedInFunction || IsGlobalConstant(b.Index)) return false;
        return true;
    }

    /// <summary>
    /// Immutable module globals (<c>let</c>, <c>const</c>) with a constant initializer, declared before any
    /// top-level statement that could run code, are compiled as their value wherever they are named: no
    /// function can run before their declaration has, so no "read before declaration" error is lost, and
    /// nothing can assign them. (Declarations, imports and constant initializers run no code.)
    /// </summary>
    private void ChooseGlobalConstants()
    {
        foreach (var stmt in _program.Script.Body.Statements)
        {
            switch (stmt)
            {
                case FnDecl or TypeDecl or ImplDecl or ImportStmt:
                    continue;
                case LetStmt let when Folder.TryFold(let.Value, out var value):
                    if (let.Kind is DeclKind.Let or DeclKind.Const && let.Pattern is BindingPattern { Binding: { Kind: BindingKind.Global } b })
                        _globalConstants[b.Index] = value;
                    continue;
                default:
                    return; // this statement may run code: later declarations are ordinary globals
            }
        }
    }

    /// <summary>The compile-time value of global <paramref name="index"/>, if it is a module constant.</summary>
    internal bool IsGlobalConstant(int index) => _globalConstants.ContainsKey(index);

    /// <summary>True if global <paramref name="index"/> lives in a script register (see ChooseRegisterGlobals).</summary>
    internal bool IsRegisterGlobal(int index) => _registerGlobals is { } chosen && (uint)index < (uint)chosen.Length && chosen[index];

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
