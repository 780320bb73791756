using Veld.Language.Syntax;

namespace Veld.Language.Resolving;

/// <summary>
/// The resolver's state for one function being resolved, clox style: a stack of live locals (a local's
/// slot is its index in that stack, so slots of ended scopes are reused), the function's upvalues, and
/// the loop/try nesting that decides whether <c>break</c> is legal and whether a call can be a tail call.
/// </summary>
internal sealed class FunctionScope(FunctionNode function, FunctionScope? parent)
{
    private readonly List<(Binding Binding, int Depth)> _locals = [];
    private readonly Stack<List<Binding>> _scopeLists = new();
    private int _scopeDepth;

    public FunctionNode Function { get; } = function;
    public FunctionScope? Parent { get; } = parent;
    public int LoopDepth { get; set; }
    public int TryDepth { get; set; }
    public int MaxSlots { get; private set; }
    public bool ReportedTooManyLocals { get; set; }
    public bool ReportedTooManyUpvalues { get; set; }

    /// <summary>Starts a scope whose declarations are recorded in <paramref name="locals"/>
    /// (a block's, arm's or let-in's <c>Locals</c> list).</summary>
    public void BeginScope(List<Binding> locals)
    {
        _scopeDepth++;
        _scopeLists.Push(locals);
    }

    public void EndScope()
    {
        while (_locals.Count > 0 && _locals[^1].Depth == _scopeDepth)
            _locals.RemoveAt(_locals.Count - 1);
        _scopeDepth--;
        _scopeLists.Pop();
    }

    /// <summary>Gives <paramref name="binding"/> the next free slot; false when that exceeds the limit.</summary>
    public bool Declare(Binding binding)
    {
        binding.Kind = BindingKind.Local;
        binding.Index = _locals.Count;
        _locals.Add((binding, _scopeDepth));
        _scopeLists.Peek().Add(binding);
        MaxSlots = Math.Max(MaxSlots, _locals.Count);
        return _locals.Count <= LanguageLimits.MaxLocalsPerFunction;
    }

    /// <summary>The innermost live local named <paramref name="name"/>.</summary>
    public Binding? FindLocal(string name)
    {
        for (int i = _locals.Count - 1; i >= 0; i--)
            if (_locals[i].Binding.Name == name)
                return _locals[i].Binding;
        return null;
    }

    /// <summary>Index of the upvalue capturing (<paramref name="fromParentLocal"/>, <paramref name="index"/>),
    /// added if new; -1 when adding it exceeds the limit.</summary>
    public int AddUpvalue(bool fromParentLocal, int index, Binding binding)
    {
        var upvalues = Function.Upvalues;
        for (int i = 0; i < upvalues.Count; i++)
            if (upvalues[i].FromParentLocal == fromParentLocal && upvalues[i].Index == index)
                return i;
        if (upvalues.Count >= LanguageLimits.MaxUpvaluesPerFunction) return -1;
        upvalues.Add(new UpvalueDesc(fromParentLocal, index, binding));
        return upvalues.Count - 1;
    }
}
