using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>A Veld function value of this tier: a function and the cells it captured.</summary>
internal sealed class Closure(FunctionInfo info, Cell[] upvalues) : FunctionObject
{
    public FunctionInfo Info { get; } = info;
    public Cell[] Upvalues { get; } = upvalues;
    public override string DisplayName => $"<fn {Info.Name}>";
    public override bool TakesSelf => Info.Node.HasSelf;
}
