using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>A Veld function value of this tier: a chunk and the upvalues it captured.</summary>
internal sealed class Closure(Chunk chunk, Upvalue[] upvalues) : FunctionObject
{
    public Chunk Chunk { get; } = chunk;
    public Upvalue[] Upvalues { get; } = upvalues;
    public override string DisplayName => $"<fn {Chunk.Name}>";
    public override bool TakesSelf => Chunk.HasSelf;
}
