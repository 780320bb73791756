namespace Veld.Language.Syntax;

public enum BindingKind { Local, Global }

/// <summary>A declared variable: let/var/const, parameter, pattern name, loop variable, catch
/// variable, nested fn. Created by the parser; the resolver fills in where it lives.</summary>
public sealed class Binding
{
    public required string Name { get; init; }
    public SourcePos Pos { get; init; }
    /// <summary>Assignable (<c>let mut</c>, <c>var</c>).</summary>
    public bool IsMutable { get; init; }

    /// <summary>Set by the resolver.</summary>
    public BindingKind Kind { get; set; }
    /// <summary>Set by the resolver: local slot in its function, or index in the globals table.</summary>
    public int Index { get; set; }
    /// <summary>Set by the resolver: some nested function captures this local.</summary>
    public bool IsCaptured { get; set; }
    /// <summary>Set by the resolver: this global is named inside some function or method body, not only in
    /// top-level code (the register compiler keeps globals that only top-level code names in registers).</summary>
    public bool IsNamedInFunction { get; set; }
    public override string ToString() => $"{Name}@{Kind}{Index}";
}

public enum VarKind { Unresolved, Local, Upvalue, Global, Builtin }

/// <summary>Where a <see cref="NameExpr"/> reads or writes: a local slot, an upvalue index of the
/// current function, a global index, or a builtin function (by <see cref="BuiltinName"/>).</summary>
public sealed record VarRef(VarKind Kind, int Index, Binding? Binding, string? BuiltinName = null)
{
    public static readonly VarRef Unresolved = new(VarKind.Unresolved, -1, null);
}

/// <summary>One module global: a top-level let/var/const or a top-level fn/proc (hoisted).</summary>
public sealed record GlobalInfo(int Index, Binding Binding, FnDecl? HoistedFunction);
