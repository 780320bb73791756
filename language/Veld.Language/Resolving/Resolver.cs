using System.Runtime.CompilerServices;
using Veld.Language.Syntax;

namespace Veld.Language.Resolving;

/// <summary>
/// Fills the "Set by the resolver" annotations of a parsed program and finds the compile errors the
/// parser cannot: names, scopes and slots, upvalue capture, globals and hoisting, struct/enum/impl
/// lookups, assignability, loop/method context, limits, and tail positions.
///
/// Passes: (1) declare types, attach impl methods, and declare every top-level global (so hoisted
/// functions and globals declared later are known); (2) walk the script in source order, resolving
/// each function body where it appears. The walk recurses along the tree, whose depth the parser
/// has bounded.
/// </summary>
internal sealed partial class Resolver
{
    private readonly Source _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly TypeTable _types = new();
    private readonly GlobalTable _globals = new();
    /// <summary>Sizes of tuples bound by an immutable <c>let x = (a, b)</c>, for static <c>x.5</c> checks.</summary>
    private readonly Dictionary<Binding, int> _tupleSizes = new(ReferenceEqualityComparer.Instance);
    private FunctionScope _current = null!;
    /// <summary>Index of the top-level statement being resolved (for the top-level global rule).</summary>
    private int _statementIndex;

    private Resolver(Source source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
    }

    public static CheckedProgram Resolve(ProgramNode program, Source source, DiagnosticBag diagnostics) =>
        new Resolver(source, diagnostics).ResolveProgram(program);

    private CheckedProgram ResolveProgram(ProgramNode program)
    {
        DeclareTopLevel(program.Statements);

        var script = new FunctionNode
        {
            Name = "<script>",
            Parameters = [],
            Body = new Block { Statements = program.Statements, Pos = program.Pos },
            IsScript = true,
            Pos = program.Pos,
        };
        _current = new FunctionScope(script, parent: null);
        _current.BeginScope(script.Body.Locals);
        for (int i = 0; i < program.Statements.Count; i++)
        {
            _statementIndex = i;
            ResolveTopLevelStatement(program.Statements[i]);
        }
        _current.EndScope();
        script.LocalCount = _current.MaxSlots;

        return new CheckedProgram
        {
            FileName = _source.FileName,
            Source = _source,
            Syntax = program,
            Script = script,
            Globals = _globals.All,
            Types = _types.All,
            ErrorStruct = _types.ErrorStruct,
        };
    }

    private void Error(SourcePos pos, string message) => _diagnostics.Report(pos, message);

    // ---- pass 1: declarations -----------------------------------------------------------------

    private void DeclareTopLevel(List<Stmt> statements)
    {
        foreach (var stmt in statements)
            if (stmt is TypeDecl type) DeclareType(type);

        foreach (var stmt in statements)
            if (stmt is ImplDecl impl) AttachImpl(impl);

        for (int i = 0; i < statements.Count; i++)
        {
            switch (statements[i])
            {
                case LetStmt let:
                    foreach (var binding in PatternBindings(let.Pattern))
                        _globals.Add(binding, i, hoistedFunction: null);
                    break;
                case FnDecl fn:
                    var name = fn.Function.Name!;
                    if (_globals.HasHoistedFunction(name))
                        Error(fn.Pos, $"duplicate function '{name}'");
                    else if (_types.Find(name) is { } clash && clash != _types.ErrorStruct)
                        Error(fn.Pos, $"'{name}' is already declared as a type");
                    fn.Binding = new Binding { Name = name, Pos = fn.Pos };
                    _globals.Add(fn.Binding, i, hoistedFunction: fn);
                    break;
            }
        }
    }

    private void DeclareType(TypeDecl type)
    {
        if (!_types.Add(type))
        {
            Error(type.Pos, $"duplicate type '{type.Name}'");
            return;
        }
        switch (type)
        {
            case StructDecl s:
                ReportDuplicates(s.Fields.Select(f => (f.Name, f.Pos)), name => $"duplicate field '{name}' in struct '{s.Name}'");
                break;
            case EnumDecl e:
                ReportDuplicates(e.Variants.Select(v => (v.Name, v.Pos)), name => $"duplicate variant '{name}' in enum '{e.Name}'");
                break;
        }
    }

    private void ReportDuplicates(IEnumerable<(string Name, SourcePos Pos)> items, Func<string, string> message)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, pos) in items)
            if (!seen.Add(name)) Error(pos, message(name));
    }

    private void AttachImpl(ImplDecl impl)
    {
        var type = _types.Find(impl.TypeName);
        if (type is null)
        {
            Error(impl.Pos, $"impl of unknown type '{impl.TypeName}'");
            return;
        }
        foreach (var method in impl.Methods)
        {
            if (TypeTable.FindMethod(type, method.Name!) is not null)
            {
                Error(method.Pos, $"duplicate method '{method.Name}' for type '{type.Name}'");
                continue;
            }
            method.Owner = type;
            type.Methods.Add(method);
        }
    }

    /// <summary>The bindings a pattern declares, left to right.</summary>
    private static List<Binding> PatternBindings(Pattern pattern)
    {
        var bindings = new List<Binding>();
        pattern.AddBindingsTo(bindings);
        return bindings;
    }

    // ---- functions ----------------------------------------------------------------------------

    /// <summary>Resolves a function nested in the current one: parameters take slots 0..n-1 in a scope
    /// of their own, the body is a block inside it. Then marks the body's tail calls.</summary>
    private void ResolveFunction(FunctionNode function)
    {
        var scope = new FunctionScope(function, _current);
        _current = scope;
        var parameterScope = new List<Binding>();
        scope.BeginScope(parameterScope);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in function.Parameters)
        {
            var binding = parameter.Binding;
            if (binding.Name != "_" && !seen.Add(binding.Name))
                Error(binding.Pos, $"duplicate parameter '{binding.Name}'");
            DeclareLocal(binding);
        }
        ResolveBlock(function.Body);
        scope.EndScope();
        function.LocalCount = scope.MaxSlots;
        _current = scope.Parent!;

        if (!function.IsProc && !function.IsScript) MarkTailBlock(function.Body);
    }

    private void DeclareLocal(Binding binding)
    {
        if (!_current.Declare(binding) && !_current.ReportedTooManyLocals)
        {
            _current.ReportedTooManyLocals = true;
            Error(binding.Pos, $"too many local variables in function '{_current.Function.DisplayName}' (limit {LanguageLimits.MaxLocalsPerFunction})");
        }
    }

    // ---- names --------------------------------------------------------------------------------

    /// <summary>A variable visible at <paramref name="pos"/>: local, upvalue, or global. Null if none.</summary>
    private VarRef? LookupVariable(string name, SourcePos pos)
    {
        if (_current.FindLocal(name) is { } local)
            return new VarRef(VarKind.Local, local.Index, local);
        var upvalue = ResolveUpvalue(_current, name, pos);
        if (upvalue is not null) return upvalue;
        var global = _current.Function.IsScript
            ? _globals.FindFromTopLevel(name, _statementIndex)
            : _globals.FindFromFunction(name, pos);
        if (global is null) return null;
        if (!_current.Function.IsScript) global.Binding.IsNamedInFunction = true;
        return new VarRef(VarKind.Global, global.Index, global.Binding);
    }

    /// <summary>clox's resolveUpvalue: a local of an enclosing function becomes an upvalue of every
    /// function between it and <paramref name="scope"/>.</summary>
    private VarRef? ResolveUpvalue(FunctionScope scope, string name, SourcePos pos)
    {
        if (scope.Parent is not { } parent) return null;
        if (parent.FindLocal(name) is { } local)
        {
            local.IsCaptured = true;
            return AddUpvalue(scope, fromParentLocal: true, local.Index, local, pos);
        }
        var outer = ResolveUpvalue(parent, name, pos);
        if (outer is null || outer.Index < 0) return outer;
        return AddUpvalue(scope, fromParentLocal: false, outer.Index, outer.Binding!, pos);
    }

    private VarRef AddUpvalue(FunctionScope scope, bool fromParentLocal, int index, Binding binding, SourcePos pos)
    {
        int upvalue = scope.AddUpvalue(fromParentLocal, index, binding);
        if (upvalue < 0 && !scope.ReportedTooManyUpvalues)
        {
            scope.ReportedTooManyUpvalues = true;
            Error(pos, $"too many captured variables in function '{scope.Function.DisplayName}' (limit {LanguageLimits.MaxUpvaluesPerFunction})");
        }
        return new VarRef(VarKind.Upvalue, upvalue, binding);
    }

    /// <summary>A name read as a value.</summary>
    private void ResolveName(NameExpr name)
    {
        if (LookupVariable(name.Name, name.Pos) is { } variable)
        {
            name.Ref = variable;
            return;
        }
        if (name.Name == "self")
            Error(name.Pos, "'self' can only be used inside a method that takes self");
        else if (BuiltinNames.Functions.Contains(name.Name))
            name.Ref = new VarRef(VarKind.Builtin, -1, null, name.Name);
        else if (_types.Find(name.Name) is { } type)
            Error(name.Pos, $"{(type is EnumDecl ? "enum" : "struct")} '{type.Name}' is a type, not a value");
        else
            Error(name.Pos, $"undeclared name '{name.Name}'");
    }

    /// <summary>A bare name that is not a variable: the candidate for a type or module reference.</summary>
    private bool IsUnboundName(Expr expr, string name) =>
        expr is NameExpr n && n.Name == name && name != "self" && LookupVariable(name, n.Pos) is null;

    private TypeDecl? TypeNamedBy(Expr expr) =>
        expr is NameExpr n && n.Name != "self" && _types.Find(n.Name) is { } type && LookupVariable(n.Name, n.Pos) is null
            ? type
            : null;

    /// <summary><c>io</c> or <c>std.io</c> (when no variable of that name hides the module).</summary>
    private bool IsIoModule(Expr expr) =>
        IsUnboundName(expr, "io")
        || (expr is MemberExpr { Name: "io" } member && IsUnboundName(member.Target, "std"));

    private static string ModulePath(Expr expr) => expr is MemberExpr ? "std.io" : "io";

    // ---- limits -------------------------------------------------------------------------------

    /// <summary>The parser bounds the tree's depth; this guards the resolver's own recursion on top.</summary>
    private static void EnsureStack() => RuntimeHelpers.EnsureSufficientExecutionStack();
}
