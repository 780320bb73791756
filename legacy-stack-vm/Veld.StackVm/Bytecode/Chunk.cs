using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>
/// One compiled function: its bytecode, constant pool and line table, plus what a call needs
/// (arity, size of the fixed local area, operand stack high-water mark) and what a closure needs
/// (its upvalue descriptors). Immutable after compilation; every run shares it.
/// </summary>
public sealed class Chunk
{
    /// <summary>Display name: the declared name or <c>lambda@LINE</c> (the script is <c>script</c>).</summary>
    public required string Name { get; init; }
    public required int Line { get; init; }
    public required int Arity { get; init; }
    /// <summary>A method whose first parameter is <c>self</c>: a dynamic call passes the target there.</summary>
    public required bool HasSelf { get; init; }
    /// <summary>Slots of the fixed local area at the frame base (parameters first).</summary>
    public required int LocalCount { get; init; }
    /// <summary>Most values the operand stack above the locals ever holds.</summary>
    public required int MaxStack { get; init; }
    public required byte[] Code { get; init; }
    public required Value[] Constants { get; init; }
    public required LineTable Lines { get; init; }
    /// <summary>Nested functions, by the operand f of CLOSURE.</summary>
    public required Chunk[] Functions { get; init; }
    /// <summary>How a closure of this function captures each upvalue (also inline after CLOSURE).</summary>
    public required UpvalueCapture[] Upvalues { get; init; }
    /// <summary>Struct constructions, by the operand p of NEW_STRUCT.</summary>
    public required StructShape[] Shapes { get; init; }
    /// <summary>Debug information for the disassembler: the variable named by the local-slot instruction
    /// at each offset (slots are reused, so the name belongs to the instruction, not the slot).</summary>
    public required IReadOnlyDictionary<int, string> LocalNames { get; init; }

    /// <summary>Slots a frame of this function needs: locals and operand stack.</summary>
    public int FrameSize => LocalCount + MaxStack;
}

/// <summary>An upvalue descriptor: the enclosing frame's local slot (<see cref="IsLocal"/>) or its upvalue;
/// <see cref="Name"/> is the captured variable's, for the disassembler.</summary>
public readonly record struct UpvalueCapture(bool IsLocal, int Index, string Name);

/// <summary>
/// One struct construction site: the type and, for each argument in the order it is pushed (source
/// order, which is evaluation order), the field it initialises.
/// </summary>
public sealed record StructShape(int TypeId, string TypeName, int[] FieldOfArgument);
