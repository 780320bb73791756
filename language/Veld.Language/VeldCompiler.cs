namespace Veld.Language;

/// <summary>The front end's single entry point: source text to a checked program or diagnostics.</summary>
public static class VeldCompiler
{
    public static CompileResult Compile(Source source) => throw new System.NotSupportedException("front end not built yet");
}
