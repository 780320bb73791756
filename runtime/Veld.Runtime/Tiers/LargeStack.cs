using System.Runtime.ExceptionServices;

namespace Veld.Runtime;

/// <summary>
/// The one way the tools get a thread with a large stack: the front end, the tiers' compilers and
/// every run, whether from <c>veld run</c>, <c>veld diff</c>, <c>veld fuzz</c> or a benchmark.
/// </summary>
public static class LargeStack
{
    /// <summary>
    /// Stack of every such thread. Each recursive path (parser nesting, resolver, compilers, the
    /// tree-walk interpreter's calls) is bounded by a counter rather than by the stack, and this is the
    /// room those bounds were sized for; one size everywhere means a bound that holds in a test holds
    /// in every tool. The memory is reserved, not committed, so an idle deep stack costs nothing.
    /// </summary>
    public const int StackBytes = 512 * 1024 * 1024;

    /// <summary>Runs <paramref name="work"/> on a new large-stack thread and waits for it; its exception is rethrown here.</summary>
    public static T Run<T>(string threadName, Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = Start(threadName, () =>
        {
            try { result = work(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        });
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Starts a background large-stack thread running <paramref name="body"/> (for long-lived workers).</summary>
    public static Thread Start(string threadName, ThreadStart body)
    {
        var thread = new Thread(body, StackBytes) { IsBackground = true, Name = threadName };
        thread.Start();
        return thread;
    }
}
