using Veld.Runtime;
using ExecutionContext = Veld.Runtime.ExecutionContext;

namespace Veld.StackVm;

/// <summary>
/// The state of one run: one value stack, a frame stack and a try-handler stack on the heap, the
/// run's globals, runtime types and open upvalues. Veld calls never recurse in C#; the only re-entry
/// is a native method calling back into Veld through <see cref="IInvoker"/>, which runs a nested
/// dispatch loop on the same stacks (and counts against the depth limit like any call).
/// The dispatch loop itself is in StackMachine.Dispatch.cs.
/// </summary>
internal sealed partial class StackMachine : IInvoker
{
    private readonly StackProgram _program;
    private readonly ExecutionContext _context;
    private readonly Value[] _globals;
    private readonly VeldType[] _types;
    /// <summary>Per enum type, its unit variant values, made on first use (enum values are immutable).</summary>
    private readonly UnitVariantCache _unitVariants;

    private Value[] _stack = new Value[1024];
    /// <summary>Stack top, valid whenever the dispatch loop hands control to other code.</summary>
    private int _sp;
    private CallFrame[] _frames = new CallFrame[64];
    private int _frameCount;
    private TryHandler[] _handlers = new TryHandler[16];
    private int _handlerCount;
    /// <summary>Open upvalues, highest slot first.</summary>
    private Upvalue? _openUpvalues;
    /// <summary>Instructions executed by finished dispatch loops (each adds its count when it exits).</summary>
    private long _instructions;

    public StackMachine(StackProgram program, ExecutionContext context)
    {
        _program = program;
        _context = context;
        _globals = new Value[program.GlobalNames.Length];
        Array.Fill(_globals, Value.Uninitialized);
        _types = new VeldType[program.Types.Count];
        _unitVariants = new UnitVariantCache(program.Types.Count);
        foreach (var type in program.Types) _types[type.TypeId] = CreateType(type);
        // Hoisting: methods and top-level functions exist before the first statement runs.
        foreach (var type in program.Types)
            foreach (var method in type.Methods)
                _types[type.TypeId].Methods[method.Name] = Value.FromObject(new Closure(method, []));
        foreach (var fn in program.Hoisted)
            _globals[fn.GlobalIndex] = Value.FromObject(new Closure(fn.Chunk, []));
    }

    private static VeldType CreateType(TypeInfo type) => type switch
    {
        { IsError: true } => StructType.Error,
        { Fields: { } fields } => new StructType(type.Name, fields),
        _ => new EnumType(type.Name, type.Variants!, type.PayloadCounts!),
    };

    /// <summary>Run the script to completion; its result, or the uncaught error escapes.</summary>
    public Value RunScript()
    {
        _context.Invoker = this;
        var script = new Closure(_program.Script, []);
        _stack[0] = Value.FromObject(script);
        _sp = 1;
        // The top level is not a call: frame 0 does not count against the call depth.
        PushFrame(script, argsStart: 1, argc: 0, resultSlot: 0, isCall: false);
        try
        {
            return Run(stopFrame: 0);
        }
        finally
        {
            _context.Instructions = (_context.Instructions ?? 0) + _instructions;
        }
    }

    /// <summary>A native method (map, filter, sort ...) calling a Veld function: a nested dispatch loop.</summary>
    public Value Call(Value function, ReadOnlySpan<Value> args)
    {
        if (function.AsObject is Closure closure)
        {
            // The one C# recursion of the VM: its depth is bounded by the call-depth limit (PushFrame), the
            // callback nesting bound and the native stack, each a clean StackOverflow.
            NativeStack.Ensure();
            CheckArity(closure, args.Length);
            int calleeSlot = _sp;
            EnsureStack(calleeSlot + 1 + args.Length);
            _stack[calleeSlot] = function;
            args.CopyTo(_stack.AsSpan(calleeSlot + 1));
            _sp = calleeSlot + 1 + args.Length;
            PushFrame(closure, calleeSlot + 1, args.Length, calleeSlot);
            _context.EnterCallback();
            try
            {
                return Run(stopFrame: _frameCount - 1);
            }
            finally
            {
                _context.ExitCallback();
            }
        }
        return CallNative(function, args);
    }
}
