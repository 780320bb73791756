using Veld.Language.Syntax;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>
/// Compiles one function (or the script) from the annotated AST into a <see cref="FunctionProto"/>.
/// <para>
/// The central idea, as in Lua's lcode.c: every expression is compiled INTO a destination register
/// chosen by its consumer, so <c>x = a + b * c</c> is a MUL into a temporary and an ADD straight into
/// x. The contract of <see cref="CompileInto"/> is that the destination is written only by the last
/// instruction on each path, so an expression may still read the destination's old value (the
/// right-hand side of <c>x = f(x) + x</c> reads x freely).
/// </para>
/// The partial files split the work: expressions, conditions (jump code), calls and returns,
/// control flow and patterns, statements and assignment.
/// </summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>Destination meaning "evaluate for effect only".</summary>
    private const int Discard = -1;
    /// <summary>Array literal elements evaluated into registers before one NEWARRAY/APPEND.</summary>
    private const int ArrayBatch = 50;
    /// <summary>Map literal entries per NEWMAP/MAPINSERT.</summary>
    private const int MapBatch = 25;

    private readonly ProgramCompiler _program;
    private readonly FunctionCompiler? _parent;
    private readonly FunctionNode _function;
    private readonly string _name;
    /// <summary>Where the tables below come from; given back when the proto is made (see <see cref="Tables"/>).</summary>
    private readonly Tables _tables;
    private readonly RegisterAllocator _regs;
    private readonly List<uint> _code;
    /// <summary>Source position of each instruction: its line and column tables.</summary>
    private readonly List<SourcePos> _positions;
    private readonly ConstantPool _k;
    private readonly List<FunctionProto> _protos;
    private readonly BindingRegisters _registerOf;
    /// <summary>Captured immutable locals whose register holds their value (<see cref="HoldsFinalValue"/>).</summary>
    private readonly HashSet<Binding> _holdingFinalValue;
    private readonly List<LocalVarInfo> _debugLocals;
    private readonly List<Scope> _scopes;
    private readonly List<Loop> _loops;
    private readonly List<ColdStub> _coldStubs;
    /// <summary>Argument lists no call in progress holds (see ArgumentValues).</summary>
    private readonly Stack<List<Expr>> _freeArgumentLists;
    /// <summary>Scratch for <see cref="PatternBindings"/>.</summary>
    private readonly List<Binding> _patternBindings;
    private int _tryDepth;
    /// <summary>The highest instruction index any jump has been patched to (see EndsInJump).</summary>
    private int _lastJumpTarget = -1;

    /// <summary>A lexical scope: where its registers start and the debug entries of its locals.</summary>
    private sealed class Scope(int start)
    {
        public int Start { get; } = start;
        public List<int> DebugLocals { get; } = [];
        public bool HasCaptured { get; set; }
    }

    /// <summary>An enclosing loop: pending break and continue jumps, and what leaving it must undo.</summary>
    private sealed class Loop(int scopeIndex, int bodyLevel, int tryDepth)
    {
        public int ScopeIndex { get; } = scopeIndex;
        public int BodyLevel { get; } = bodyLevel;
        public int TryDepth { get; } = tryDepth;
        public List<int> Breaks { get; } = [];
        public List<int> Continues { get; } = [];
    }

    /// <summary>Rarely executed code (a failed destructuring, a failed assert) placed after the function's
    /// body, so the common path falls through instead of jumping over it.</summary>
    private sealed record ColdStub(List<int> Jumps, List<(uint Instruction, SourcePos Pos)> Code);

    private FunctionCompiler(ProgramCompiler program, FunctionCompiler? parent, FunctionNode function, string name)
    {
        _program = program;
        _parent = parent;
        _function = function;
        _name = name;
        _tables = Tables.Rent();
        _regs = _tables.Registers;
        _code = _tables.Code;
        _positions = _tables.Positions;
        _k = _tables.Constants;
        _protos = _tables.Protos;
        _registerOf = _tables.RegisterOf;
        _holdingFinalValue = _tables.HoldingFinalValue;
        _debugLocals = _tables.DebugLocals;
        _scopes = _tables.Scopes;
        _loops = _tables.Loops;
        _coldStubs = _tables.ColdStubs;
        _freeArgumentLists = _tables.FreeArgumentLists;
        _patternBindings = _tables.PatternBindings;
        Upvalues = new UpvalueLayout(function, parent);
    }

    /// <summary>Where this function's captured variables live in its closures (shared or copied).</summary>
    internal UpvalueLayout Upvalues { get; }

    /// <summary>Compile <paramref name="function"/>; <paramref name="parent"/> is the function whose CLOSURE creates it.</summary>
    public static FunctionProto Compile(ProgramCompiler program, FunctionCompiler? parent, FunctionNode function, string name)
    {
        var compiler = new FunctionCompiler(program, parent, function, name);
        try
        {
            return compiler.CompileBody();
        }
        catch (RegisterLimitException e)
        {
            throw new TierUnsupportedException($"register VM: function '{name}' (line {function.Line}) {e.Message}");
        }
        finally
        {
            compiler._tables.Return();
        }
    }

    private FunctionProto CompileBody()
    {
        EnterScope();
        foreach (var p in _function.Parameters)
            ActivateLocal(p.Binding, _regs.DeclareLocal(p.Binding.Name));

        if (_function.IsProc)
        {
            CompileBlock(_function.Body, Discard);
            Emit(ABC(OpCode.ReturnUnit, 0, 0, 0), LastPos(_function.Body));
        }
        else
        {
            CompileReturnBlock(_function.Body);
        }
        ExitScope(emitClose: false);
        EmitColdStubs();
        return Finish();
    }

    private FunctionProto Finish()
    {
        if (_program.Optimizations.IsOn(OptimizationPasses.Peephole)) Peephole.Run(_code, _positions);
        return new FunctionProto
        {
            Name = _name,
            Line = _function.Line,
            ParamCount = _function.Parameters.Count,
            HasSelf = _function.HasSelf,
            MaxStack = _regs.MaxStack,
            Code = [.. _code],
            Lines = Lines(),
            Columns = Columns(),
            Constants = _k.ToArray(),
            Protos = [.. _protos],
            Upvalues = Upvalues.Shared,
            Captures = Upvalues.Captures,
            Locals = [.. _debugLocals],
        };
    }

    private int[] Lines()
    {
        var lines = new int[_positions.Count];
        for (int i = 0; i < lines.Length; i++) lines[i] = _positions[i].Line;
        return lines;
    }

    private int[] Columns()
    {
        var columns = new int[_positions.Count];
        for (int i = 0; i < columns.Length; i++) columns[i] = _positions[i].Column;
        return columns;
    }

    /// <summary>A nested function, compiled now (its captured locals have registers at this point).</summary>
    private int CompileChild(FunctionNode function)
    {
        var proto = Compile(_program, this, function, function.DisplayName);
        _protos.Add(proto);
        if (_protos.Count - 1 > MaxBx) throw new TierUnsupportedException($"register VM: function '{_name}' defines more than {MaxBx + 1} functions");
        return _protos.Count - 1;
    }

    /// <summary>Add an already compiled proto as a child (hoisted functions and methods of the script).</summary>
    internal int AddChild(FunctionProto proto)
    {
        _protos.Add(proto);
        return _protos.Count - 1;
    }

    /// <summary>The script's compiler: its tables go back when <see cref="CompileScript"/> ends (if a function
    /// compiled before it fails, they are dropped, never handed to another compiler).</summary>
    internal static FunctionCompiler ForScript(ProgramCompiler program, FunctionNode script) => new(program, null, script, "script");

    internal FunctionProto CompileScript()
    {
        try
        {
            return CompileBody();
        }
        catch (RegisterLimitException e)
        {
            throw new TierUnsupportedException($"register VM: the script {e.Message}");
        }
        finally
        {
            _tables.Return();
        }
    }

    // ---- emitting ------------------------------------------------------------------------------

    private int Here => _code.Count;

    private int Emit(uint instruction, SourcePos pos)
    {
        _code.Add(instruction);
        _positions.Add(pos);
        return _code.Count - 1;
    }

    /// <summary>A JMP whose target is patched later.</summary>
    private int EmitJump(SourcePos pos) => Emit(SJ(OpCode.Jmp, 0), pos);

    private void PatchJump(int at, int target)
    {
        int offset = target - (at + 1);
        var op = Op(_code[at]);
        bool fits = op == OpCode.Jmp ? offset is >= MinSJ and <= MaxSJ : FitsSBx(offset);
        if (!fits) throw new TierUnsupportedException($"register VM: function '{_name}' has a jump of {offset} instructions, too far to encode");
        _code[at] = WithJump(_code[at], offset);
        if (target > _lastJumpTarget) _lastJumpTarget = target;
    }

    private void PatchHere(List<int> jumps)
    {
        foreach (var j in jumps) PatchJump(j, Here);
        jumps.Clear();
    }

    /// <summary>A backward JMP to <paramref name="target"/>.</summary>
    private void EmitJumpBack(int target, SourcePos pos) => PatchJump(EmitJump(pos), target);

    /// <summary>An instruction whose constant operand sits in C (B for SETFIELD): indexes above 254 go to an EXTRAARG.</summary>
    private void EmitWithConst(OpCode op, int a, int b, int constIndex, SourcePos pos, bool constInB = false)
    {
        bool extra = constIndex >= MaxShortConst;
        int field = extra ? MaxShortConst : constIndex;
        Emit(constInB ? ABC(op, a, field, b) : ABC(op, a, b, field), pos);
        if (extra) Emit(Ax(OpCode.ExtraArg, constIndex), pos);
    }

    private void EmitLoadConstant(int dest, Value v, SourcePos pos)
    {
        switch (v.Kind)
        {
            case ValueKind.Int when v.AsInt >= MinSBx && v.AsInt <= MaxSBx:
                Emit(AsBx(OpCode.LoadI, dest, (int)v.AsInt), pos);
                return;
            case ValueKind.Float when IsSmallIntegralFloat(v.AsFloat):
                Emit(AsBx(OpCode.LoadF, dest, (int)v.AsFloat), pos);
                return;
            case ValueKind.Bool:
                Emit(ABC(v.AsBool ? OpCode.LoadTrue : OpCode.LoadFalse, dest, 0, 0), pos);
                return;
            case ValueKind.Unit:
                Emit(ABC(OpCode.LoadUnit, dest, 0, 0), pos);
                return;
        }
        EmitLoadK(dest, _k.Of(v), pos);
    }

    private void EmitLoadK(int dest, int index, SourcePos pos)
    {
        if (index <= MaxBx) Emit(ABx(OpCode.LoadK, dest, index), pos);
        else
        {
            Emit(ABC(OpCode.LoadKX, dest, 0, 0), pos);
            Emit(Ax(OpCode.ExtraArg, index), pos);
        }
    }

    private static bool IsSmallIntegralFloat(double d) =>
        d == Math.Floor(d) && d >= MinSBx && d <= MaxSBx && !(d == 0 && double.IsNegative(d));

    private void EmitColdStubs()
    {
        foreach (var stub in _coldStubs)
        {
            PatchHere(stub.Jumps);
            foreach (var (instruction, pos) in stub.Code) Emit(instruction, pos);
        }
        _coldStubs.Clear();
    }

    // ---- scopes and locals -------------------------------------------------------------------------

    private void EnterScope()
    {
        _regs.EnterScope();
        _scopes.Add(new Scope(_regs.Top));
    }

    /// <summary>Leave the innermost scope. <paramref name="emitClose"/>: close its captured locals here
    /// (not needed when the code that follows is a RETURN, which closes everything).</summary>
    private void ExitScope(bool emitClose = true)
    {
        var scope = _scopes[^1];
        if (emitClose && scope.HasCaptured) Emit(ABC(OpCode.Close, scope.Start, 0, 0), LastEmittedPos);
        foreach (int d in scope.DebugLocals) _debugLocals[d] = _debugLocals[d] with { EndPc = Here };
        _regs.ExitScope();
        _scopes.RemoveAt(_scopes.Count - 1);
    }

    /// <summary>Declare a local for <paramref name="binding"/> at the top of the stack; not yet visible in debug info.</summary>
    private int DeclareLocal(Binding binding)
    {
        int r = _regs.DeclareLocal(binding.Name);
        _registerOf.Set(binding, r);
        return r;
    }

    /// <summary>The local now holds its value: start its debug range (the checker protects it from here on).</summary>
    private void ActivateLocal(Binding binding, int register)
    {
        _registerOf.Set(binding, register);
        var scope = _scopes[^1];
        scope.DebugLocals.Add(_debugLocals.Count);
        _debugLocals.Add(new LocalVarInfo(binding.Name, register, Here, int.MaxValue, binding.IsMutable));
        if (binding.IsCaptured) scope.HasCaptured = true;
        if (binding.IsCaptured && !binding.IsMutable) _holdingFinalValue.Add(binding);
    }

    /// <summary>Whether a closure made now may copy <paramref name="binding"/>'s value (capture by value): the local
    /// is not <c>mut</c> and already holds its value (a function that names itself, or a <c>let</c> whose value
    /// makes the closure, is captured before its register is written, so it keeps an open upvalue).</summary>
    internal bool HoldsFinalValue(Binding binding) =>
        _program.Optimizations.IsOn(OptimizationPasses.CaptureByValue) && _holdingFinalValue.Contains(binding);

    /// <summary>Read the captured variable the resolver numbers <paramref name="index"/>: GETCAPT for a value the
    /// closure holds, GETUPVAL for a shared upvalue.</summary>
    private void EmitGetUpvalue(int dest, int index, SourcePos pos)
    {
        var (byValue, slot) = Upvalues.SlotOf(index);
        Emit(ABC(byValue ? OpCode.GetCapt : OpCode.GetUpval, dest, slot, 0), pos);
    }

    /// <summary>Assign the captured variable the resolver numbers <paramref name="index"/>: always a shared upvalue
    /// (only a <c>mut</c> local is assigned, and it is never captured by value).</summary>
    private void EmitSetUpvalue(int source, int index, SourcePos pos)
    {
        var (byValue, slot) = Upvalues.SlotOf(index);
        if (byValue) throw new InvalidOperationException($"register VM compiler: assignment to a value captured by value in '{_name}'");
        Emit(ABC(OpCode.SetUpval, source, slot, 0), pos);
    }

    internal int RegisterOf(Binding binding) =>
        _registerOf.TryGet(binding, out int r) ? r
        : throw new InvalidOperationException($"register VM compiler: local '{binding.Name}' has no register in '{_name}'");

    /// <summary>The binding of a name that lives in one of this function's registers: a local, or (in the
    /// script) a global the program compiler keeps in a register.</summary>
    private Binding? RegisterBinding(NameExpr n) => n.Ref switch
    {
        { Kind: VarKind.Local, Binding: { } b } => b,
        { Kind: VarKind.Global, Binding: { } b } when IsRegisterGlobal(b) => b,
        _ => null,
    };

    private bool IsRegisterGlobal(Binding b) =>
        _parent is null && b.Kind == BindingKind.Global && _program.IsRegisterGlobal(b.Index);

    private bool IsTopTemp(int register) => register >= 0 && register == _regs.Top - 1 && _regs.IsTemp(register);

    /// <summary>True if a captured local lives at or above <paramref name="level"/> in an open scope.</summary>
    private bool HasCapturedAbove(int scopeIndex)
    {
        for (int i = scopeIndex; i < _scopes.Count; i++)
            if (_scopes[i].HasCaptured) return true;
        return false;
    }

    private SourcePos LastEmittedPos => _positions.Count > 0 ? _positions[^1] : _function.Pos;

    private static SourcePos LastPos(Block block) => block.Statements.Count > 0 ? block.Statements[^1].Pos : block.Pos;
}
