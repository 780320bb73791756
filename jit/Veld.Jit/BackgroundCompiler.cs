using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>
/// One function's compilation handed to the <see cref="BackgroundCompiler"/>: everything it reads was taken on the
/// VM's thread before (the plan, the callees and their direct entries), and what it makes (code, direct entry,
/// statistics) is published by <see cref="Done"/> and read by the VM's thread only after it is true.
/// </summary>
internal sealed class BackgroundCompilation(FunctionProto proto, int generation, TypePlan plan, Func<JitStatistics, (CompiledFunction? Code, DirectEntry? Self)> work)
{
    private volatile bool _done;
    /// <summary>0 while queued; 1 once a thread took it (<see cref="TryStart"/>): the background thread, or the VM's when it
    /// takes a compilation still queued back (<see cref="JitCompiler"/>).</summary>
    private int _taken;

    public FunctionProto Proto { get; } = proto;
    /// <summary>The <see cref="TierUp.Generation"/> it was started for: installed only while that is still current.</summary>
    public int Generation { get; } = generation;
    public TypePlan Plan { get; } = plan;
    /// <summary>When it was queued (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>): the latency to its installation.</summary>
    public long Queued { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
    /// <summary>Heat reports of its function while it waited (the VM's thread only: <see cref="JitCompiler"/> looks at the
    /// clock every so many).</summary>
    public int ReportsWaited { get; set; }
    /// <summary>The timestamp after which the VM's thread takes it back if it is still queued (<see cref="JitCompiler"/>;
    /// <see cref="long.MaxValue"/>: never).</summary>
    public long TakeBackAfter { get; init; } = long.MaxValue;
    public CompiledFunction? Code { get; private set; }
    public DirectEntry? Self { get; private set; }
    public JitStatistics Stats { get; } = new();
    /// <summary>What the compiler threw, rethrown on the VM's thread at installation, as a foreground compilation would have.</summary>
    public ExceptionDispatchInfo? Error { get; private set; }

    /// <summary>Finished: the other properties are final (the volatile write comes after them).</summary>
    public bool Done => _done;

    /// <summary>Whether a thread has taken it (it runs or ran): false while it waits in the queue.</summary>
    public bool Taken => Volatile.Read(ref _taken) != 0;

    /// <summary>Take it to run on this thread: true for exactly one caller (the background thread, or the VM's taking it back).</summary>
    public bool TryStart() => Interlocked.Exchange(ref _taken, 1) == 0;

    /// <summary>Run it on this thread (after <see cref="TryStart"/> returned true).</summary>
    public void Run()
    {
        try
        {
            (Code, Self) = work(Stats);
        }
        catch (Exception e)
        {
            Error = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _done = true;
        }
    }
}

/// <summary>
/// The thread that compiles for one run when <see cref="Veld.Runtime.RunOptions.JitBackground"/> is on: started at
/// the first compilation queued, taking them in order; one the VM's thread took
/// back (<see cref="BackgroundCompilation.TryStart"/>) is skipped. Disposing it (the run ended, normally, by an error, a limit or
/// cancellation) skips what is still queued and waits for the one under way, which .NET cannot interrupt; nothing it
/// throws escapes (<see cref="BackgroundCompilation.Error"/>), and no thread outlives the run.
/// </summary>
/// <param name="startsThread">false (tests): no thread is ever started, so what is queued stays queued.</param>
internal sealed class BackgroundCompiler(bool startsThread = true) : IDisposable
{
    private readonly BlockingCollection<BackgroundCompilation> _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;

    /// <summary>Whether the thread is running (false before the first compilation and after <see cref="Dispose"/>).</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Queue <paramref name="compilation"/>, starting the thread at the first. A run that queues nothing makes no
    /// thread: started with every run, it cost <c>auto</c> 1.51 against 1.66 geomean on a quiet machine, though 14 of the 15
    /// benchmarks queue nothing (section 32 of docs/PERFORMANCE.md).</summary>
    public void Enqueue(BackgroundCompilation compilation)
    {
        Start();
        _queue.Add(compilation);
    }

    private void Start()
    {
        if (_thread is not null || !startsThread) return;
        _thread = new Thread(Work) { IsBackground = true, Name = "veld-jit" };
        _thread.Start();
    }

    private void Work()
    {
        try
        {
            foreach (var compilation in _queue.GetConsumingEnumerable(_stop.Token))
            {
                // Taking an item that is already there does not look at the token: the run may have ended meanwhile.
                if (_stop.IsCancellationRequested) break;
                if (compilation.TryStart()) compilation.Run();
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended: what is still queued is dropped.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _queue.CompleteAdding();
        _thread?.Join();
        _stop.Dispose();
        _queue.Dispose();
    }
}
