using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// Per-run state shared by a tier and the runtime: output, limits, counters. One per run, never
/// shared between runs, so runs can go in parallel.
/// </summary>
public sealed class ExecutionContext
{
    public TextWriter Output { get; }
    public IReadOnlyList<string> Args { get; }
    public int MaxCallDepth { get; }
    /// <summary>The options of this run, for what only one tier reads (the JIT's threshold and stress seed).</summary>
    public RunOptions Options { get; }
    /// <summary>Set by the tier before it runs code that may call back (map, filter, ...).</summary>
    public IInvoker Invoker { get; set; } = NoInvoker.Instance;
    /// <summary>Current nesting of non-tail calls; tiers maintain it with <see cref="EnterCall"/>/<see cref="ExitCall"/>.</summary>
    public int CallDepth;
    /// <summary>VM instructions executed; bytecode tiers add to it, others leave it null.</summary>
    public long? Instructions;

    // One countdown for fuel and the clock, so that a step is one decrement and one branch: it runs out at the next
    // step that has work (the step that exhausts the fuel, or the CheckInterval-th since the last look at the clock),
    // and the steps it counted are then charged to both (CountdownExpired).
    private int _countdown;
    /// <summary>What <see cref="_countdown"/> was last set to: the steps it counts.</summary>
    private int _chunk;
    /// <summary>Fuel left before the steps the countdown is counting; long.MaxValue without a limit (never spent).</summary>
    private long _fuel;
    private readonly bool _hasFuel;
    /// <summary>Steps left before the clock is looked at, before those the countdown is counting.</summary>
    private int _clockLeft = CheckInterval;
    private readonly long _deadlineTicks;
    private readonly CancellationToken _cancellation;
    private const int CheckInterval = 4096;
    private readonly Stopwatch _clock;
    private readonly long _maxMemory;

    public ExecutionContext(RunOptions options, TextWriter output, Stopwatch clock)
    {
        Output = output;
        Options = options;
        Args = options.Args;
        MaxCallDepth = options.MaxCallDepth;
        _hasFuel = options.Fuel.HasValue;
        _fuel = options.Fuel ?? long.MaxValue;
        _clock = clock;
        _deadlineTicks = options.Timeout is { } t ? clock.ElapsedTicks + (long)(t.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        _cancellation = options.Cancellation;
        _maxMemory = options.MaxMemory;
        Rewind();
    }

    /// <summary>The message of the error raised when fuel runs out (the outcome the harness compares).</summary>
    public const string FuelExhaustedMessage = "fuel exhausted";

    /// <summary>Seconds since the run started, for <c>clock()</c>.</summary>
    public double ElapsedSeconds => _clock.Elapsed.TotalSeconds;

    /// <summary>One step of work (a loop iteration or a call). Spends fuel; now and then checks time and cancellation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tick()
    {
        if (--_countdown <= 0) CountdownExpired();
    }

    /// <summary><see cref="Tick"/> for compiled loops: true when the step has work to do (fuel or the clock), and the caller
    /// then calls <see cref="CheckClockNow"/> out of line, which does it (and raises the fuel error of this step), so that
    /// no call sits in the loop's own path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TickClockDue() => --_countdown <= 0;

    /// <summary>Check time and cancellation now (for work that does not tick, such as unwinding an error); after a
    /// <see cref="TickClockDue"/> that returned true, that step's work (its fuel first).</summary>
    public void CheckClockNow()
    {
        if (_countdown <= 0) CountdownExpired();
        else CheckClock();
    }

    /// <summary>The countdown ran out: its steps are charged to the fuel (the step that takes it below zero raises) and
    /// the clock (the CheckInterval-th looks at it), and it starts again towards whichever comes first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountdownExpired()
    {
        int steps = _chunk;
        if (_hasFuel)
        {
            _fuel -= steps;
            if (_fuel < 0)
            {
                // Every later step raises again, as each step past the end did with a fuel counter of its own.
                _chunk = _countdown = 1;
                throw FuelExhausted();
            }
        }
        _clockLeft -= steps;
        if (_clockLeft <= 0)
        {
            _clockLeft = CheckInterval;
            Rewind();
            CheckClock();
            return;
        }
        Rewind();
    }

    /// <summary>The countdown towards the next step with work: the clock's, or the one that runs out of fuel.</summary>
    private void Rewind() => _chunk = _countdown = (int)Math.Max(1, Math.Min(_clockLeft - 1L, _fuel) + 1);

    /// <summary>Before a container allocates <paramref name="bytes"/> to grow (<see cref="RunBudget.BeforeGrowth"/>).</summary>
    public void BeforeGrowth(long bytes) => CheckClock(bytes);

    /// <summary>Time, cancellation, and that the heap (plus <paramref name="growingBy"/> bytes about to be
    /// allocated) stays under the memory limit.</summary>
    private void CheckClock(long growingBy = 0)
    {
        if (_clock.ElapsedTicks > _deadlineTicks) throw new VeldRuntimeException(ErrorKind.LimitExceeded, "time limit exceeded");
        if (_cancellation.IsCancellationRequested) throw new VeldRuntimeException(ErrorKind.LimitExceeded, "run cancelled");
        MemoryLimit.CheckRoom(_maxMemory, growingBy);
    }

    /// <summary>Enter a non-tail call: StackOverflow past the depth limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnterCall()
    {
        if (++CallDepth > MaxCallDepth) throw DepthExceeded();
        Tick();
    }

    // The errors are built out of line: inlined into every call site, the depth error's interpolated message alone
    // gave each caller (the VMs' call helpers) a 40-byte zeroed local and AVX stores in its prologue (PERFORMANCE.md,
    // register section 1, session 11).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static VeldRuntimeException FuelExhausted() => new(ErrorKind.LimitExceeded, FuelExhaustedMessage);

    /// <summary>The call that went past the limit is not entered: its depth is taken back.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private VeldRuntimeException DepthExceeded()
    {
        CallDepth--;
        return new(ErrorKind.StackOverflow, $"call depth limit of {MaxCallDepth} exceeded");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ExitCall() => CallDepth--;

    private int _callbackNesting;

    /// <summary>A tier runs a Veld function for a builtin (a nested dispatch loop or interpreter call): the
    /// native-stack guard and the nesting bound (<see cref="NativeStack"/>). Pair with <see cref="ExitCallback"/>
    /// in a finally.</summary>
    public void EnterCallback()
    {
        NativeStack.Ensure();
        if (++_callbackNesting > NativeStack.MaxCallbackNesting && MaxCallDepth > NativeStack.MaxCallbackNesting)
        {
            _callbackNesting--;
            throw NativeStack.CallbacksTooNested();
        }
    }

    public void ExitCallback() => _callbackNesting--;

    private sealed class NoInvoker : IInvoker
    {
        public static readonly NoInvoker Instance = new();
        public Value Call(Value function, ReadOnlySpan<Value> args) =>
            throw new InvalidOperationException("this tier did not set ExecutionContext.Invoker");
    }
}
