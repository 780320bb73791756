using Veld.Language;
using Veld.Language.Syntax;

namespace Veld.Fuzzing.Generation;

/// <summary>
/// Hand-shaped fragments written as Veld text and parsed into syntax. The shapes that hunt for VM bugs
/// (edge values, polymorphic sites, big functions, closure/control combinations) are easier to read as
/// the Veld they produce than as trees of factory calls; the random parts are spliced into the text.
/// </summary>
internal static class TemplateText
{
    /// <summary>The top-level statements of <paramref name="text"/>; a template that does not parse is a generator bug.</summary>
    public static List<Stmt> Parse(string text)
    {
        var (syntax, diagnostics) = VeldCompiler.Parse(new Source("template.veld", text));
        if (diagnostics.Count > 0)
            throw new InvalidOperationException($"generator template does not parse ({diagnostics[0].Pos}: {diagnostics[0].Message}):\n{text}");
        return syntax.Statements;
    }

    /// <summary><c>try e catch e e.message end</c>: an operation that may raise shows its error's message instead.</summary>
    public static string Guarded(string expr) => $"try {expr} catch err err.message end";
}
