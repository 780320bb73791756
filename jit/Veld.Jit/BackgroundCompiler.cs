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

    public FunctionProto Proto { get; } = proto;
    /// <summary>The <see cref="TierUp.Generation"/> it was started for: installed only while that is still current.</summary>
    public int Generation { get; } = generation;
    public TypePlan Plan { get; } = plan;
    /// <summary>When it was queued (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>): the latency to its installation.</summary>
    public long Queued { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
    public CompiledFunction? Code { get; private set; }
    public DirectEntry? Self { get; private set; }
    public JitStatistics Stats { get; } = new();
    /// <summary>What the compiler threw, rethrown on the VM's thread at installation, as a foreground compilation would have.</summary>
    public ExceptionDispatchInfo? Error { get; private set; }

    /// <summary>Finished: the other properties are final (the volatile write comes after them).</summary>
    public bool Done => _done;

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
/// the first compilation, taking them in order. Disposing it (the run ended, normally, by an error, a limit or
/// cancellation) skips what is still queued and waits for the one under way, which .NET cannot interrupt; nothing it
/// throws escapes (<see cref="BackgroundCompilation.Error"/>), and no thread outlives the run.
/// </summary>
internal sealed class BackgroundCompiler : IDisposable
{
    private readonly BlockingCollection<BackgroundCompilation> _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;

    /// <summary>Whether the thread is running (false before the first compilation and after <see cref="Dispose"/>).</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    public void Enqueue(BackgroundCompilation compilation)
    {
        _thread ??= Start();
        _queue.Add(compilation);
    }

    private Thread Start()
    {
        var thread = new Thread(Work) { IsBackground = true, Name = "veld-jit" };
        thread.Start();
        return thread;
    }

    private void Work()
    {
        try
        {
            foreach (var compilation in _queue.GetConsumingEnumerable(_stop.Token))
            {
                // Taking an item that is already there does not look at the token: the run may have ended meanwhile.
                if (_stop.IsCancellationRequested) break;
                compilation.Run();
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
