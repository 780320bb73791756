using Veld.Language.Syntax;

namespace Veld.TreeWalk;

/// <summary>
/// Everything the interpreter precomputes from a checked program, once per compile: per-function
/// metadata and the field slot of each struct-construction argument. It also checks the resolver's
/// annotations the interpreter relies on, so a front-end slip is a clear compile-time failure
/// rather than a wrong answer at run time. Read-only afterwards: runs share it in parallel.
/// </summary>
internal sealed class ProgramAnalysis
{
    private readonly Dictionary<FunctionNode, FunctionInfo> _functions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<CallExpr, int[]> _structArgumentFields = new(ReferenceEqualityComparer.Instance);

    public CheckedProgram Program { get; }
    public FunctionInfo Script { get; }

    public ProgramAnalysis(CheckedProgram program)
    {
        Program = program;
        // Every function is nested somewhere in the script: top-level fns and impl blocks are its statements.
        Visit(program.Script);
        Script = FunctionOf(program.Script);
        CheckTypes(program);
    }

    public FunctionInfo FunctionOf(FunctionNode node) => _functions[node];

    /// <summary>For <c>Point(y: 1, x: 2)</c>: the field index of each argument in source order, so the
    /// arguments are evaluated in the order they are written.</summary>
    public int[] StructArgumentFields(CallExpr call) => _structArgumentFields[call];

    private void Visit(Node root)
    {
        var pending = new Stack<Node>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            switch (node)
            {
                case FunctionNode fn:
                    if (_functions.ContainsKey(fn)) continue;
                    _functions[fn] = new FunctionInfo(fn);
                    break;
                case NameExpr name:
                    CheckName(name);
                    break;
                case CallExpr { Kind: CallKind.StructConstruct } call:
                    _structArgumentFields[call] = FieldSlots(call);
                    break;
            }
            foreach (var child in SyntaxChildren.Of(node)) pending.Push(child);
        }
    }

    private static void CheckName(NameExpr name)
    {
        var r = name.Ref;
        bool ok = r.Kind switch
        {
            VarKind.Local => r.Binding is not null && r.Index >= 0,
            VarKind.Upvalue => r.Index >= 0,
            VarKind.Global => r.Index >= 0,
            VarKind.Builtin => r.BuiltinName is not null,
            _ => false,
        };
        if (!ok) throw new InvalidOperationException($"tree-walk: name '{name.Name}' at {name.Pos} is not resolved ({r})");
    }

    private static int[] FieldSlots(CallExpr call)
    {
        var order = call.FieldOrderArgs
            ?? throw new InvalidOperationException($"tree-walk: struct construction at {call.Pos} has no FieldOrderArgs");
        var slots = new int[call.Args.Count];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = order.FindIndex(e => ReferenceEquals(e, call.Args[i].Value));
            if (slots[i] < 0)
                throw new InvalidOperationException($"tree-walk: struct argument {i} at {call.Pos} is missing from FieldOrderArgs");
        }
        return slots;
    }

    private static void CheckTypes(CheckedProgram program)
    {
        for (int id = 0; id < program.Types.Count; id++)
            if (program.Types[id].TypeId != id)
                throw new InvalidOperationException($"tree-walk: type '{program.Types[id].Name}' has TypeId {program.Types[id].TypeId} but index {id}");
    }
}
