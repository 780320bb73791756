namespace Veld.Testing;

/// <summary>
/// Counts the .NET exceptions thrown on the calling thread while some work runs (first-chance: caught or
/// not). A deterministic stand-in for "this path is cheap": a Veld <c>throw</c> caught by a Veld <c>catch</c>
/// should cost no .NET exception, which takes microseconds and, in a catch handler that recurses, is paid at
/// every level. Other tests running at the same time throw on their own threads and are not counted.
/// Compiled into every test project (Directory.Build.props).
/// </summary>
internal static class DotNetExceptions
{
    public static int ThrownWhile(Action work)
    {
        int thread = Environment.CurrentManagedThreadId;
        int count = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread) Interlocked.Increment(ref count);
        }
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            work();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }
        return count;
    }
}
