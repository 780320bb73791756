using Veld.Language;
using Veld.Runtime;

namespace Veld.Differential;

/// <summary>The front end as the tools call it: on a <see cref="LargeStack"/> thread, with a crash turned into <see cref="FrontEndCrashException"/>.</summary>
public static class FrontEnd
{
    /// <param name="compile">The front end to call; <see cref="VeldCompiler.Compile"/> by default.</param>
    public static CompileResult Compile(Source source, Func<Source, CompileResult>? compile = null) =>
        LargeStack.Run("veld-front-end", () =>
        {
            try { return (compile ?? VeldCompiler.Compile)(source); }
            catch (Exception e) { throw new FrontEndCrashException(e); }
        });
}
