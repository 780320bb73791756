namespace Veld.Language.Syntax;

public abstract class Stmt : Node;

/// <summary>
/// A sequence of statements with its own scope. Its value is the value of its last statement when
/// that is an <see cref="ExprStmt"/>, else unit.
/// </summary>
public sealed class Block : Node
{
    public required List<Stmt> Statements { get; init; }
    /// <summary>Set by the resolver: every local declared directly in this scope, in declaration
    /// order (for a loop body this includes the loop pattern's bindings). A VM that keeps captured
    /// locals in open upvalues closes those with <see cref="Binding.IsCaptured"/> on scope exit.</summary>
    public List<Binding> Locals { get; set; } = [];
}

public sealed class ExprStmt : Stmt { public required Expr Expr { get; init; } }

public enum DeclKind { Let, LetMut, Var, Const }

/// <summary><c>let p = e</c>, <c>let mut x = e</c>, <c>var x = e</c>, <c>const X = e</c>.</summary>
public sealed class LetStmt : Stmt
{
    public required DeclKind Kind { get; init; }
    public required Pattern Pattern { get; init; }
    public TypeRef? Type { get; init; }
    public required Expr Value { get; init; }
}

/// <summary><c>fn name(..) .. end</c> / <c>proc name(..) .. end</c> as a statement.
/// Top level: a hoisted global. Nested: a local declared here, visible in its own body.</summary>
public sealed class FnDecl : Stmt
{
    public required FunctionNode Function { get; init; }
    /// <summary>Set by the resolver: the binding (global or local) that holds the function.</summary>
    public Binding? Binding { get; set; }
}

/// <summary>Common base of struct and enum declarations (both may have an impl).</summary>
public abstract class TypeDecl : Stmt
{
    public required string Name { get; init; }
    public List<string> Generics { get; init; } = [];
    /// <summary>Set by the resolver: methods from every <c>impl</c> of this type, in source order.</summary>
    public List<FunctionNode> Methods { get; } = [];
    /// <summary>Set by the resolver: dense id among all types of the program (struct and enum ids share one space).</summary>
    public int TypeId { get; set; }
}

public sealed record FieldDecl(string Name, TypeRef? Type, SourcePos Pos);

/// <summary><c>struct Point x: f64, y: f64 end</c> or <c>struct Pair(a: i64, b: i64);</c></summary>
public sealed class StructDecl : TypeDecl
{
    public required List<FieldDecl> Fields { get; init; }
}

public sealed record VariantDecl(string Name, List<TypeRef> Payload, SourcePos Pos);

/// <summary><c>enum Shape Circle(f64), Empty end</c> or <c>enum Color(Red, Green)</c></summary>
public sealed class EnumDecl : TypeDecl
{
    public required List<VariantDecl> Variants { get; init; }
}

/// <summary><c>impl Name fn .. end end</c>. The resolver attaches the methods to the type.</summary>
public sealed class ImplDecl : Stmt
{
    public required string TypeName { get; init; }
    public required List<FunctionNode> Methods { get; init; }
}

/// <summary><c>import std.io</c>, <c>import std.io.{print, println}</c>: accepted, no run-time effect.</summary>
public sealed class ImportStmt : Stmt
{
    public required List<string> Path { get; init; }
    public List<string> Names { get; init; } = [];
}
