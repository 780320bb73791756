namespace Veld.Differential;

/// <summary>Runs work on a thread with a large stack, the room the front end's recursion bounds assume.</summary>
internal static class LargeStack
{
    public const int StackBytes = 64 * 1024 * 1024;

    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = e; }
        }, StackBytes) { IsBackground = true, Name = "veld-front-end" };
        thread.Start();
        thread.Join();
        if (failure is not null) throw new FrontEndCrashException(failure);
        return result;
    }
}

/// <summary>The front end threw instead of returning diagnostics: a bug, reported as an internal error on every tier.</summary>
public sealed class FrontEndCrashException(Exception inner) : Exception($"front end crashed: {inner}", inner);

/// <summary>The front end as the tools call it: on a large-stack thread, with a crash turned into <see cref="FrontEndCrashException"/>.</summary>
public static class FrontEnd
{
    /// <param name="compile">The front end to call; <see cref="Veld.Language.VeldCompiler.Compile"/> by default.</param>
    public static Veld.Language.CompileResult Compile(Veld.Language.Source source, Func<Veld.Language.Source, Veld.Language.CompileResult>? compile = null) =>
        LargeStack.Run(() => (compile ?? Veld.Language.VeldCompiler.Compile)(source));
}
