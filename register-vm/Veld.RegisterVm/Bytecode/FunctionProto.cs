using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// One compiled function (Lua's Proto): its code, constants, nested functions, how its closures
/// capture upvalues, and debug information. Immutable after compilation and shared by every run.
/// </summary>
public sealed class FunctionProto
{
    /// <summary>Display name: the declared name, or <c>lambda@LINE</c>; the script is <c>script</c>.</summary>
    public required string Name { get; init; }
    /// <summary>Source line where the function starts.</summary>
    public required int Line { get; init; }
    public required int ParamCount { get; init; }
    /// <summary>A method whose parameter 0 is <c>self</c>: only these are found by dynamic dispatch.</summary>
    public bool HasSelf { get; init; }
    /// <summary>Registers the frame needs (parameters included); at most <see cref="RegisterAllocator.MaxRegisters"/>.</summary>
    public required int MaxStack { get; init; }
    public required uint[] Code { get; init; }
    /// <summary>Source line of each instruction (same length as <see cref="Code"/>).</summary>
    public required int[] Lines { get; init; }
    /// <summary>Source column of each instruction (same length as <see cref="Code"/>, or empty when unknown):
    /// debug information beside the line table, not part of the code size.</summary>
    public int[] Columns { get; init; } = [];
    /// <summary>Ints, floats, bools, strings, ranges (for range patterns), builtin functions and string
    /// tuples (format templates): immutable values only, so runs may share them.</summary>
    public required Value[] Constants { get; init; }
    /// <summary>Functions defined inside this one, indexed by CLOSURE's Bx.</summary>
    public required FunctionProto[] Protos { get; init; }
    /// <summary>The variables a closure of this function shares (an <see cref="Upvalue"/> each, GETUPVAL and SETUPVAL),
    /// and where CLOSURE finds them.</summary>
    public required UpvalueInfo[] Upvalues { get; init; }
    /// <summary>The locals a closure of this function captures by value (GETCAPT): CLOSURE copies each value into the
    /// closure itself, from a register of the enclosing frame or the enclosing closure's own capture
    /// (<see cref="UpvalueInfo.InStack"/> false). Nothing assigns such a local once it holds its value.</summary>
    public required UpvalueInfo[] Captures { get; init; }
    /// <summary>Debug information: which register holds which named local over which instructions.</summary>
    public required LocalVarInfo[] Locals { get; init; }

    /// <summary>Where the instruction at <paramref name="pc"/> comes from, for an error raised there.</summary>
    public TraceFrame PositionAt(int pc) =>
        new(Name, pc < Lines.Length ? Lines[pc] : Line, pc < Columns.Length ? Columns[pc] : 0);

    /// <summary>This proto and every nested one, depth first.</summary>
    public IEnumerable<FunctionProto> SelfAndDescendants()
    {
        var pending = new Stack<FunctionProto>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var p = pending.Pop();
            yield return p;
            for (int i = p.Protos.Length - 1; i >= 0; i--) pending.Push(p.Protos[i]);
        }
    }

    /// <summary>Position of this proto in its program's depth-first order, set when the program is loaded
    /// for running; the VM indexes its per-run inline caches with it.</summary>
    internal int Id { get; set; } = -1;

    public override string ToString() => $"<proto {Name}:{Line}>";
}

/// <summary>
/// How a closure gets one upvalue (or captured value) when CLOSURE runs: from register <see cref="Index"/> of the
/// enclosing frame (<see cref="InStack"/>) or from the enclosing closure's upvalue (captured value) <see cref="Index"/>.
/// </summary>
public readonly record struct UpvalueInfo(bool InStack, int Index, string Name);

/// <summary>A named local in register <see cref="Register"/>, live for instructions [StartPc, EndPc).</summary>
public readonly record struct LocalVarInfo(string Name, int Register, int StartPc, int EndPc, bool IsMutable);
