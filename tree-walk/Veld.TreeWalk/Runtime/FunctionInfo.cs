using Veld.Language.Syntax;

namespace Veld.TreeWalk;

/// <summary>
/// What a call needs to know about a function, computed once at compile time so the call path
/// does no list walking: arity, frame size, which parameters live in cells, how to capture upvalues.
/// </summary>
internal sealed class FunctionInfo
{
    public FunctionNode Node { get; }
    public int Arity { get; }
    /// <summary>Slots the frame needs (parameters included).</summary>
    public int FrameSize { get; }
    public bool IsProc { get; }
    /// <summary>Name used in Arity errors: <c>name</c> or <c>lambda@LINE</c>.</summary>
    public string Name { get; }
    /// <summary>Name in a call stack: <see cref="Name"/>, or <c>script</c> for top-level code.</summary>
    public string TraceName { get; }
    /// <summary>Parameter slots that some closure captures; the call moves them into cells.</summary>
    public int[] CapturedParameters { get; }
    public UpvalueDesc[] Upvalues { get; }

    public FunctionInfo(FunctionNode node)
    {
        Node = node;
        Arity = node.Parameters.Count;
        FrameSize = Math.Max(node.LocalCount, Arity);
        IsProc = node.IsProc;
        Name = node.DisplayName;
        TraceName = node.IsScript ? "script" : node.DisplayName;
        CapturedParameters = [.. node.Parameters
            .Select((p, slot) => (p, slot))
            .Where(x => x.p.Binding.IsCaptured)
            .Select(x => x.p.Binding.Index)];
        Upvalues = [.. node.Upvalues];
    }
}
