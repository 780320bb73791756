using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>
/// Compiles a checked program: the script, every hoisted top-level function and every method, each
/// into its own <see cref="Chunk"/> (nested functions hang off their parent's chunk). Also interns what
/// chunks share: string constants and builtin function values (both immutable, so runs can share them).
/// </summary>
internal sealed class ProgramCompiler
{
    private readonly CheckedProgram _program;
    private readonly HashSet<int> _hoistedGlobals;
    private readonly Dictionary<string, Value> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Value> _builtins = new(StringComparer.Ordinal);

    private ProgramCompiler(CheckedProgram program)
    {
        _program = program;
        _hoistedGlobals = [.. program.Globals.Where(g => g.HoistedFunction is not null).Select(g => g.Index)];
    }

    public static StackProgram Compile(CheckedProgram program) => new ProgramCompiler(program).CompileProgram();

    private StackProgram CompileProgram()
    {
        var hoisted = new List<HoistedFunction>();
        foreach (var global in _program.Globals)
        {
            if (global.HoistedFunction is not { } decl) continue;
            var chunk = CompileTopLevel(decl.Function, "function");
            hoisted.Add(new HoistedFunction(global.Index, chunk));
        }

        var types = new List<TypeInfo>();
        foreach (var decl in _program.Types.OrderBy(t => t.TypeId))
        {
            bool isError = ReferenceEquals(decl, _program.ErrorStruct);
            if (isError && decl.Methods.Count > 0)
                throw new TierUnsupportedException("stack VM: methods on the built-in Error struct");
            var methods = decl.Methods.Select(m => CompileTopLevel(m, "method")).ToArray();
            types.Add(decl switch
            {
                _ when isError => new TypeInfo(decl.TypeId, decl.Name, true, null, null, null, methods),
                StructDecl s => new TypeInfo(decl.TypeId, s.Name, false, [.. s.Fields.Select(f => f.Name)], null, null, methods),
                EnumDecl e => new TypeInfo(decl.TypeId, e.Name, false, null,
                    [.. e.Variants.Select(v => v.Name)], [.. e.Variants.Select(v => v.Payload.Count)], methods),
                _ => throw new InvalidOperationException($"stack compiler: unknown type declaration {decl.GetType().Name}"),
            });
        }

        var globalNames = new string[_program.Globals.Count == 0 ? 0 : _program.Globals.Max(g => g.Index) + 1];
        foreach (var global in _program.Globals) globalNames[global.Index] = global.Binding.Name;

        var script = FunctionCompiler.Compile(this, _program.Script);
        return new StackProgram(script, hoisted, types, globalNames);
    }

    /// <summary>Hoisted functions and methods are created before the script runs, so they cannot capture locals.</summary>
    private Chunk CompileTopLevel(FunctionNode function, string what)
    {
        var chunk = FunctionCompiler.Compile(this, function);
        if (chunk.Upvalues.Length > 0)
            throw new TierUnsupportedException($"stack VM: {what} '{chunk.Name}' captures local variables but is created before the script runs");
        return chunk;
    }

    public bool IsHoisted(int globalIndex) => _hoistedGlobals.Contains(globalIndex);

    public Value StringConstant(string text)
    {
        if (!_strings.TryGetValue(text, out var value)) _strings[text] = value = Value.FromString(text);
        return value;
    }

    public Value Builtin(string name)
    {
        if (!_builtins.TryGetValue(name, out var value)) _builtins[name] = value = Value.FromObject(Builtins.Get(name));
        return value;
    }
}
