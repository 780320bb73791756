using System.Runtime.CompilerServices;
using Veld.Language.Syntax;

namespace Veld.StackVm;

/// <summary>
/// Compiles one function (or the script) into a <see cref="Chunk"/>. The resolver has already decided
/// every slot, upvalue, global and tail position; this class only lays out code. It is split by concern:
/// expressions, statements and control flow, patterns, and functions/calls, one partial file each.
///
/// Two bookkeeping duties run through all of it: the scopes that hold captured locals (each one's
/// open upvalue is closed when its scope ends, on every path out of the scope), and the operand stack
/// depth (so break/continue can drop what an enclosing expression had pushed).
/// </summary>
internal sealed partial class FunctionCompiler
{
    private readonly ProgramCompiler _program;
    private readonly FunctionNode _function;
    private readonly ChunkBuilder _b = new();
    /// <summary>Open scopes, innermost last; each lists its captured locals.</summary>
    private readonly List<List<Binding>> _scopes = [];
    private readonly List<LoopContext> _loops = [];
    /// <summary>try bodies open at this point (each one a handler pushed by TRY_BEGIN).</summary>
    private int _openTries;

    private FunctionCompiler(ProgramCompiler program, FunctionNode function)
    {
        _program = program;
        _function = function;
    }

    /// <summary>Compile <paramref name="function"/> and, recursively, the functions nested in it.</summary>
    public static Chunk Compile(ProgramCompiler program, FunctionNode function)
    {
        var compiler = new FunctionCompiler(program, function);
        return compiler.CompileBody();
    }

    private Chunk CompileBody()
    {
        var body = _function.Body;
        // The frame's RETURN closes every upvalue of the frame, so the body scope needs no CLOSE.
        _scopes.Add([]);
        if (_function.IsProc)
        {
            CompileStatementsForEffect(body.Statements);
            _b.Emit(EndPos(body), OpCode.Unit);
        }
        else
        {
            CompileStatementsForValue(body.Statements, EndPos(body));
        }
        _b.Emit(EndPos(body), OpCode.Return);
        _scopes.RemoveAt(_scopes.Count - 1);

        var captures = _function.Upvalues.Select(u => new UpvalueCapture(u.FromParentLocal, u.Index, u.Binding.Name)).ToArray();
        return _b.Build(ChunkName(_function), _function.Line, _function.Parameters.Count, _function.HasSelf,
            Math.Max(_function.LocalCount, _function.Parameters.Count), captures);
    }

    internal static string ChunkName(FunctionNode function) => function.IsScript ? "script" : function.DisplayName;

    /// <summary>The position charged to a block's implicit result and return: its last statement's.</summary>
    private SourcePos EndPos(Block block) =>
        block.Statements.Count > 0 ? block.Statements[^1].Pos : block.Line >= _function.Line ? block.Pos : _function.Pos;

    /// <summary>Every recursive compile step passes here: the parser bounds nesting, this bounds the rest.</summary>
    private static void GuardDepth() => RuntimeHelpers.EnsureSufficientExecutionStack();

    // ---- scopes ------------------------------------------------------------------------------

    /// <summary>Open a scope declaring <paramref name="locals"/> (only the captured ones matter here).</summary>
    private void BeginScope(IEnumerable<Binding> locals)
    {
        List<Binding> captured = [.. locals.Where(l => l.IsCaptured && l.Kind == BindingKind.Local)];
        _scopes.Add(captured);
        foreach (var tryBody in _tryBodyCaptures) tryBody.AddRange(captured);
    }

    /// <summary>Close the innermost scope: its captured locals stop being shared with the stack slot.</summary>
    private void EndScope(SourcePos pos)
    {
        EmitCloses(_scopes[^1], pos);
        _scopes.RemoveAt(_scopes.Count - 1);
    }

    /// <summary>Close the captured locals of every scope from <paramref name="firstScope"/> inward
    /// (leaving them by a jump: break, continue, a failed match arm).</summary>
    private void CloseScopesFrom(int firstScope, SourcePos pos)
    {
        for (int i = _scopes.Count - 1; i >= firstScope; i--) EmitCloses(_scopes[i], pos);
    }

    private void EmitCloses(List<Binding> captured, SourcePos pos)
    {
        foreach (var binding in captured) _b.EmitLocal(pos, OpCode.CloseUpvalue, binding.Index, binding.Name);
    }

    // ---- loops -------------------------------------------------------------------------------

    /// <summary>What break and continue inside a loop body need to know.</summary>
    private sealed class LoopContext(int scopeCount, int depth, int openTries)
    {
        /// <summary>Scopes open outside the loop body; the body's scope has this index.</summary>
        public int ScopeCount { get; } = scopeCount;
        /// <summary>Operand stack depth of the loop itself (a for loop's iterator included).</summary>
        public int Depth { get; } = depth;
        public int OpenTries { get; } = openTries;
        public List<int> Breaks { get; } = [];
        public List<int> Continues { get; } = [];
    }

    /// <summary>Emit the exit from the loop body to a break/continue target: close the scopes being
    /// left, drop the handlers of try bodies being left, drop the operands pushed inside the loop.</summary>
    private int EmitLoopExit(LoopContext loop, int firstScopeToClose, SourcePos pos)
    {
        CloseScopesFrom(firstScopeToClose, pos);
        for (int i = loop.OpenTries; i < _openTries; i++) _b.Emit(pos, OpCode.TryEnd);
        int depth = _b.Depth;
        int extra = depth - loop.Depth;
        if (extra > 0) _b.Emit(pos, OpCode.PopN, extra);
        int jump = _b.EmitJump(pos, OpCode.Jump);
        _b.Depth = depth; // the code after a jump is unreachable; keep the enclosing expression's count
        return jump;
    }

    private LoopContext CurrentLoop(Node node) =>
        _loops.Count > 0 ? _loops[^1]
        : throw new InvalidOperationException($"stack compiler: break/continue outside a loop at {node.Pos}");
}
