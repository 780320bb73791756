namespace Veld.RegisterVm;

/// <summary>
/// A whole compiled program: the script's prototype (whose nested protos include every top-level
/// function and method) plus the program-wide tables the instructions index. This is what a
/// <c>.veldc</c> file holds. Everything here is immutable; per-run state (globals, struct and enum
/// types with their method tables) is built from it at the start of every run.
/// </summary>
public sealed class RegisterProgram
{
    public required FunctionProto Script { get; init; }
    /// <summary>Names of the global slots (GETGLOBAL/SETGLOBAL Bx). The first <see cref="UserGlobalCount"/>
    /// are the program's globals; the rest hold methods for static calls (<c>Point.new</c>).</summary>
    public required string[] GlobalNames { get; init; }
    public required int UserGlobalCount { get; init; }
    /// <summary>Top-level functions created before the script runs.</summary>
    public required HoistedFunction[] Hoisted { get; init; }
    /// <summary>Struct and enum declarations, indexed by type id.</summary>
    public required TypeInfo[] Types { get; init; }
    /// <summary>Methods attached to types before the script runs.</summary>
    public required MethodInfo[] Methods { get; init; }
    /// <summary>Construction sites (NEWSTRUCT/NEWENUM/TESTVARIANT operands).</summary>
    public required ConstructorInfo[] Constructors { get; init; }

    /// <summary>Total instructions over all protos.</summary>
    public long InstructionCount => Script.SelfAndDescendants().Sum(p => (long)p.Code.Length);
    /// <summary>Code size in bytes: four per instruction.</summary>
    public long CodeBytes => 4 * InstructionCount;
}

/// <summary>Global <see cref="GlobalIndex"/> holds a closure of the script's nested proto <see cref="ProtoIndex"/> from the start.</summary>
public readonly record struct HoistedFunction(int GlobalIndex, int ProtoIndex);

public enum TypeShape : byte { Struct, Enum, ErrorStruct }

/// <summary>A struct (field names) or enum (variant names and payload sizes); <see cref="TypeShape.ErrorStruct"/>
/// is the built-in <c>Error</c> struct, shared with the runtime's <c>StructType.Error</c>.</summary>
public sealed record TypeInfo(string Name, TypeShape Shape, string[] Members, int[] PayloadArity);

/// <summary>Method <see cref="Name"/> of type <see cref="TypeId"/> is a closure of the script's nested proto
/// <see cref="ProtoIndex"/>; it also lives in global slot <see cref="GlobalIndex"/> for static calls.</summary>
public readonly record struct MethodInfo(int TypeId, string Name, int ProtoIndex, int GlobalIndex);

/// <summary>A construction site: struct <see cref="TypeId"/> (<see cref="Variant"/> = -1) or enum variant,
/// built from <see cref="ArgCount"/> consecutive registers.</summary>
public readonly record struct ConstructorInfo(int TypeId, int Variant, int ArgCount)
{
    public bool IsStruct => Variant < 0;
}
