using Veld.Runtime;

namespace Veld.Benchmarks;

/// <summary>
/// One long-lived thread with <see cref="LargeStack.StackBytes"/> of stack that runs whatever it is
/// handed, one item at a time. Runs must execute on such a thread (every recursive path is bounded on the
/// assumption that it does), and a persistent thread keeps thread creation out of the measured time.
/// </summary>
public sealed class LargeStackWorker : IDisposable
{
    private readonly Thread _thread;
    private readonly SemaphoreSlim _work = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private Func<object?>? _item;
    private object? _result;
    private Exception? _failure;
    private volatile bool _stopping;

    public LargeStackWorker()
    {
        _thread = LargeStack.Start("veld-bdn-run", Loop);
    }

    /// <summary>Runs <paramref name="work"/> on the worker thread and waits for it; its exception is rethrown here.</summary>
    public T Run<T>(Func<T> work)
    {
        _item = () => work();
        _work.Release();
        _done.Wait();
        if (_failure is { } failure)
        {
            _failure = null;
            throw new InvalidOperationException("the benchmarked run failed", failure);
        }
        return (T)_result!;
    }

    private void Loop()
    {
        while (true)
        {
            _work.Wait();
            if (_stopping) return;
            try { _result = _item!(); }
            catch (Exception e) { _failure = e; }
            _done.Release();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _work.Release();
        _thread.Join();
        _work.Dispose();
        _done.Dispose();
    }
}
