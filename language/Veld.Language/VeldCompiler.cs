using Veld.Language.Parsing;
using Veld.Language.Resolving;
using Veld.Language.Syntax;

namespace Veld.Language;

/// <summary>The front end's single entry point: source text to a checked program or diagnostics.</summary>
public static class VeldCompiler
{
    /// <summary>
    /// Lex, parse and resolve <paramref name="source"/>. Never throws: every problem with the input is a
    /// diagnostic (sorted by position; the first is the one the harness compares). Resolution runs only
    /// on a tree that parsed cleanly, so resolver errors are never cascades of syntax errors.
    /// </summary>
    public static CompileResult Compile(Source source)
    {
        if (source.EncodingError is { } encodingError)
            return new CompileResult(null, [encodingError]);
        var diagnostics = new DiagnosticBag();
        try
        {
            var syntax = new Parser(source, diagnostics).ParseProgram();
            if (diagnostics.Count > 0) return new CompileResult(null, diagnostics.ToSortedList());
            var program = Resolver.Resolve(syntax, source, diagnostics);
            if (diagnostics.Count > 0) return new CompileResult(null, diagnostics.ToSortedList());
            return new CompileResult(program, []);
        }
        catch (InsufficientExecutionStackException)
        {
            diagnostics.Report(new SourcePos(1, 1), "nesting too deep");
            return new CompileResult(null, diagnostics.ToSortedList());
        }
        catch (Exception e)
        {
            // A bug in the front end, not in the program: still a diagnostic, never a crash.
            return new CompileResult(null, [new Diagnostic($"internal compiler error: {e.GetType().Name}: {e.Message}", new SourcePos(1, 1))]);
        }
    }

    /// <summary>Parse only (no resolution): the syntax tree and the syntax diagnostics. For tools and tests.</summary>
    public static (ProgramNode Syntax, IReadOnlyList<Diagnostic> Diagnostics) Parse(Source source)
    {
        var diagnostics = new DiagnosticBag();
        if (source.EncodingError is { } encodingError) diagnostics.Report(encodingError.Pos, encodingError.Message);
        var syntax = new Parser(source, diagnostics).ParseProgram();
        return (syntax, diagnostics.ToSortedList());
    }
}
