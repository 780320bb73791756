namespace Veld.Language.Syntax;

/// <summary>A whole source file as parsed: its top-level statements, run in order.</summary>
public sealed class ProgramNode : Node
{
    public required List<Stmt> Statements { get; init; }
}

/// <summary>
/// The resolver's output, the input of every tier. <see cref="Script"/> is the top-level code as a
/// function with no parameters (its locals are those of top-level blocks such as loop bodies; top-level
/// declarations themselves are globals). Run order: create every hoisted global function
/// (<see cref="GlobalInfo.HoistedFunction"/>) and attach methods to types, then run the script body.
/// A global whose declaration has not run yet holds "uninitialized": reading it is runtime error Value.
/// </summary>
public sealed class CheckedProgram
{
    public required string FileName { get; init; }
    public required Source Source { get; init; }
    public required ProgramNode Syntax { get; init; }
    public required FunctionNode Script { get; init; }
    public required List<GlobalInfo> Globals { get; init; }
    /// <summary>Every struct and enum (the built-in <c>Error</c> struct is <see cref="ErrorStruct"/>), indexed by TypeId.</summary>
    public required List<TypeDecl> Types { get; init; }
    public required StructDecl ErrorStruct { get; init; }
}
