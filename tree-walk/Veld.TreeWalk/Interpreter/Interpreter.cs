using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>
/// Evaluates a checked program's annotated syntax tree directly: the reference semantics every other
/// tier is compared against, so clarity wins over speed wherever they conflict.
///
/// Conventions that hold in every file of this class:
/// <list type="bullet">
/// <item>Semantics live in the runtime (<see cref="Operators"/>, <see cref="Display"/>, builtins); this
/// class only decides what to evaluate, in which order, and where values go.</item>
/// <item>Names are never looked up by string at run time: the resolver's <see cref="VarRef"/> says where
/// every variable lives.</item>
/// <item>Break, continue, return and tail calls are not exceptions: they set <see cref="Frame.Flow"/>,
/// and every node checks <see cref="Frame.IsAbrupt"/> after evaluating a child, handing the signal up
/// (returning <c>default</c>, which nobody reads) until the owning loop or call consumes it.</item>
/// <item>Runtime errors are thrown by the runtime with line 0. The innermost <see cref="Eval"/> or
/// <see cref="Execute"/> catches one, stamps its node's position and turns it into
/// <see cref="Flow.Error"/> (<see cref="Raise"/>), which travels up like a return: each call stamps its
/// call node and <see cref="RunFunction"/> adds the frame the error leaves to its Veld call stack. A
/// .NET exception unwinding a million nested calls takes seconds (every frame is visited twice, by a
/// runtime stack walker); a flow takes a return per frame (issue 14).</item>
/// </list>
/// One interpreter serves one run; nothing in it outlives the run.
/// </summary>
internal sealed partial class Interpreter
{
    private readonly ProgramAnalysis _program;
    private readonly ExecutionContext _context;
    private readonly Value[] _globals;
    private readonly RuntimeTypes _types;

    /// <summary>The error whose <see cref="Flow.Error"/> is unwinding, or null.</summary>
    private VeldRuntimeException? _raised;

    public Interpreter(ProgramAnalysis program, ExecutionContext context)
    {
        _program = program;
        _context = context;
        _types = new RuntimeTypes(program.Program);
        int globalCount = program.Program.Globals.Count == 0 ? 0 : program.Program.Globals.Max(g => g.Index) + 1;
        _globals = new Value[globalCount];
        Array.Fill(_globals, Value.Uninitialized);
    }

    /// <summary>Runs the program: hoisting first, then the top-level code. Returns the program result.</summary>
    public Value Run()
    {
        _context.Invoker = this;
        CreateHoistedFunctions();
        AttachMethods();
        var script = new Closure(_program.Script, NoUpvalues);
        // The top level is not a call: it does not count against the call depth.
        var result = RunFunction(script, new Value[_program.Script.FrameSize]);
        if (TakeRaised() is { } error) throw error;
        return result;
    }

    private void CreateHoistedFunctions()
    {
        foreach (var global in _program.Program.Globals)
            if (global.HoistedFunction is { } decl)
                _globals[global.Index] = Value.FromObject(TopLevelClosure(decl.Function));
    }

    private void AttachMethods()
    {
        foreach (var decl in _program.Program.Types)
        {
            if (decl.Methods.Count == 0) continue;
            var type = _types[decl];
            if (ReferenceEquals(type, StructType.Error))
                throw new TierUnsupportedException("methods on the built-in Error struct");
            foreach (var method in decl.Methods)
                type.Methods[method.Name!] = Value.FromObject(TopLevelClosure(method));
        }
    }

    /// <summary>Top-level functions and methods see only globals, so they capture nothing.</summary>
    private Closure TopLevelClosure(FunctionNode fn)
    {
        var info = _program.FunctionOf(fn);
        if (info.Upvalues.Length != 0)
            throw new InvalidOperationException($"tree-walk: top-level function {info.Name} has upvalues");
        return new Closure(info, NoUpvalues);
    }

    // ---- expressions ----------------------------------------------------------------------------

    /// <summary>Evaluates an expression. Cases are ordered roughly by how often they run.</summary>
    public Value Eval(Expr expr, Frame f)
    {
        try
        {
            switch (expr)
            {
                case NameExpr name: return ReadName(name, f);
                case IntLiteral lit: return Value.FromInt(lit.Value);
                case BinaryExpr binary: return EvalBinary(binary, f);
                case CallExpr call: return EvalCall(call, f);
                case MethodCallExpr call: return EvalMethodCall(call, f);
                case AssignExpr assign: return EvalAssign(assign, f);
                case IfExpr ifExpr: return EvalIf(ifExpr, f);
                case LogicalExpr logical: return EvalLogical(logical, f);
                case MemberExpr member: return EvalMember(member, f);
                case IndexExpr index: return EvalIndex(index, f);
                case StringLiteral lit: return Value.FromString(lit.Value);
                case FloatLiteral lit: return Value.FromFloat(lit.Value);
                case BoolLiteral lit: return Value.FromBool(lit.Value);
                case UnitLiteral: return Value.Unit;
                case UnaryExpr unary: return EvalUnary(unary, f);
                case ReturnExpr ret: return EvalReturn(ret, f);
                case MatchExpr match: return EvalMatch(match, f);
                case WhileExpr loop: return EvalWhile(loop, f);
                case ForExpr loop: return EvalFor(loop, f);
                case BlockExpr block: return EvalBlock(block.Block, f);
                case TupleIndexExpr tupleIndex: return EvalTupleIndex(tupleIndex, f);
                case FunctionExpr function: return Value.FromObject(MakeClosure(function.Function, f));
                case ArrayExpr array: return EvalArray(array, f);
                case TupleExpr tuple: return EvalTuple(tuple, f);
                case MapExpr map: return EvalMap(map, f);
                case RangeExpr range: return EvalRange(range, f);
                case CastExpr cast: return EvalCast(cast, f);
                case LetInExpr letIn: return EvalLetIn(letIn, f);
                case MacroExpr macro: return EvalMacro(macro, f);
                case TryExpr tryExpr: return EvalTry(tryExpr, f);
                case ThrowExpr throwExpr: return EvalThrow(throwExpr, f);
                case BreakExpr: return Signal(f, Flow.Break);
                case ContinueExpr: return Signal(f, Flow.Continue);
                default: throw new InvalidOperationException($"tree-walk: unknown expression {expr.GetType().Name}");
            }
        }
        catch (VeldRuntimeException error)
        {
            return Raise(f, error, expr);
        }
    }

    /// <summary>Exception filter: give the error this node's position unless an inner node already did.</summary>
    private static bool Stamp(VeldRuntimeException error, Node at)
    {
        error.At(at.Pos.Line, at.Pos.Column);
        return false;
    }

    /// <summary>Starts <paramref name="error"/> unwinding from node <paramref name="at"/> as <see cref="Flow.Error"/>.</summary>
    private Value Raise(Frame f, VeldRuntimeException error, Node at)
    {
        error.At(at.Pos.Line, at.Pos.Column);
        _raised = error;
        f.Flow = Flow.Error;
        return default;
    }

    /// <summary>Ends the unwinding: the error for whoever handles it (a try, a builtin's caller, the run).</summary>
    private VeldRuntimeException? TakeRaised()
    {
        var error = _raised;
        _raised = null;
        return error;
    }

    private static Value Signal(Frame f, Flow flow)
    {
        f.Flow = flow;
        return default;
    }

    private Value EvalUnary(UnaryExpr e, Frame f)
    {
        var operand = Eval(e.Operand, f);
        if (f.IsAbrupt) return default;
        return e.Op == UnaryOp.Negate ? Operators.Negate(operand) : Operators.Not(operand);
    }

    private Value EvalBinary(BinaryExpr e, Frame f)
    {
        var left = Eval(e.Left, f);
        if (f.IsAbrupt) return default;
        var right = Eval(e.Right, f);
        if (f.IsAbrupt) return default;
        return Operators.Binary(e.Op, left, right);
    }

    /// <summary><c>and</c> / <c>or</c>: the right operand runs only when the left does not decide.</summary>
    private Value EvalLogical(LogicalExpr e, Frame f)
    {
        var context = e.IsAnd ? BoolContext.And : BoolContext.Or;
        var left = Eval(e.Left, f);
        if (f.IsAbrupt) return default;
        if (BoolContexts.Check(left, context) != e.IsAnd) return left;
        var right = Eval(e.Right, f);
        if (f.IsAbrupt) return default;
        return Value.FromBool(BoolContexts.Check(right, context));
    }

    private Value EvalRange(RangeExpr e, Frame f)
    {
        var start = Eval(e.Start, f);
        if (f.IsAbrupt) return default;
        var end = Eval(e.End, f);
        if (f.IsAbrupt) return default;
        return Operators.MakeRange(start, end, e.Inclusive);
    }

    private Value EvalCast(CastExpr e, Frame f)
    {
        var value = Eval(e.Value, f);
        if (f.IsAbrupt) return default;
        return Operators.Cast(value, e.Target, e.Type.Text);
    }

    private Value EvalIndex(IndexExpr e, Frame f)
    {
        var target = Eval(e.Target, f);
        if (f.IsAbrupt) return default;
        var index = Eval(e.Index, f);
        if (f.IsAbrupt) return default;
        return Operators.GetIndex(target, index);
    }

    private Value EvalTupleIndex(TupleIndexExpr e, Frame f)
    {
        var target = Eval(e.Target, f);
        if (f.IsAbrupt) return default;
        return Operators.TupleIndex(target, e.Index);
    }

    private Value EvalArray(ArrayExpr e, Frame f)
    {
        var items = new List<Value>(e.Elements.Count);
        foreach (var element in e.Elements)
        {
            items.Add(Eval(element, f));
            if (f.IsAbrupt) return default;
        }
        return Value.FromObject(new VeldArray(items));
    }

    private Value EvalTuple(TupleExpr e, Frame f)
    {
        var items = new Value[e.Elements.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = Eval(e.Elements[i], f);
            if (f.IsAbrupt) return default;
        }
        return Value.FromObject(new VeldTuple(items));
    }

    /// <summary>Entries are inserted in order through <see cref="Operators.SetIndex"/>, which checks that
    /// each key is hashable; a repeated key keeps its first position and takes the last value.</summary>
    private Value EvalMap(MapExpr e, Frame f)
    {
        var map = Value.FromObject(new VeldMap());
        foreach (var entry in e.Entries)
        {
            var key = Eval(entry.Key, f);
            if (f.IsAbrupt) return default;
            var value = Eval(entry.Value, f);
            if (f.IsAbrupt) return default;
            Operators.SetIndex(map, key, value);
        }
        return map;
    }

    // ---- blocks and statements ------------------------------------------------------------------

    /// <summary>The value of a block is that of its last statement if it is an expression, else unit.</summary>
    private Value EvalBlock(Block block, Frame f)
    {
        var statements = block.Statements;
        var value = Value.Unit;
        for (int i = 0; i < statements.Count; i++)
        {
            value = Execute(statements[i], f);
            if (f.IsAbrupt) return default;
        }
        return value;
    }

    /// <summary>Runs one statement; returns its value (unit for declarations).</summary>
    private Value Execute(Stmt stmt, Frame f)
    {
        try
        {
            switch (stmt)
            {
                case ExprStmt s:
                    return Eval(s.Expr, f);
                case LetStmt let:
                    DeclarePattern(let.Pattern, let.Value, f);
                    return Value.Unit;
                case FnDecl decl:
                    DeclareNestedFunction(decl, f);
                    return Value.Unit;
                case TypeDecl or ImplDecl or ImportStmt:
                    return Value.Unit; // types and methods were set up before the program started
                default:
                    throw new InvalidOperationException($"tree-walk: unknown statement {stmt.GetType().Name}");
            }
        }
        catch (VeldRuntimeException error)
        {
            return Raise(f, error, stmt);
        }
    }
}
