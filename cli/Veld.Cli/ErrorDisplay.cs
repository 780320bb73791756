using System.Text;
using Veld.Language;
using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.Cli;

/// <summary>
/// Errors as a compiler prints them: <c>FILE:LINE:COL: error[Kind]: message</c>, then the source line and a
/// caret (<see cref="Diagnostic.Render(Source, string, string, SourcePos)"/>). Runtime errors carry only a
/// line, so their caret points at the line's first non-blank character.
/// </summary>
public static class ErrorDisplay
{
    public static string Compile(Source source, IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        var sb = new StringBuilder();
        foreach (var diagnostic in list) sb.Append(diagnostic.Render(source)).Append('\n');
        sb.Append($"{list.Count} compile error{(list.Count == 1 ? "" : "s")}\n");
        return sb.ToString();
    }

    public static string Runtime(Source source, RunError error)
    {
        // Line 0: the error has no position (a limit, a native-stack guard); say so rather than print 0:0.
        if (error.Line < 1 || error.Line > LineCount(source))
            return $"{source.FileName}: error[{error.Kind}]: {error.Message}\n";
        int column = error.Column > 0 ? error.Column : FirstNonBlankColumn(source.GetLine(error.Line));
        return Diagnostic.Render(source, error.Kind, error.Message, new SourcePos(error.Line, column));
    }

    /// <summary>1-based column, in Unicode scalar values, of the first non-blank character (1 for a blank line).</summary>
    private static int FirstNonBlankColumn(string line)
    {
        int column = 1;
        foreach (var rune in line.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune)) return column;
            column++;
        }
        return 1;
    }

    private static int LineCount(Source source) => source.Text.Split('\n').Length;
}
