using System.Text;
using Veld.Language;
using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.Cli;

/// <summary>
/// Errors as a compiler prints them: <c>FILE:LINE:COL: error[Kind]: message</c>, then the source line and a
/// caret (<see cref="Diagnostic.Render(Source, string, string, SourcePos)"/>). A runtime error's caret marks
/// its column (the line's first non-blank character if it has none), and below it comes the Veld call stack
/// as a traceback, most recent call first, when the error happened inside a call.
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
            return $"{source.FileName}: error[{error.Kind}]: {error.Message}\n" + Traceback(source, error.Stack);
        int column = error.Column > 0 ? error.Column : FirstNonBlankColumn(source.GetLine(error.Line));
        return Diagnostic.Render(source, error.Kind, error.Message, new SourcePos(error.Line, column)) + Traceback(source, error.Stack);
    }

    /// <summary>
    /// <code>
    /// traceback (most recent call first):
    ///   in divide at div.veld:2:14
    ///   in script at div.veld:5:1
    /// </code>
    /// Nothing for an error in top-level code, where the caret says it all.
    /// </summary>
    public static string Traceback(Source source, CallStack? stack)
    {
        if (stack is null || stack.Depth < 2) return "";
        var sb = new StringBuilder("traceback (most recent call first):\n");
        foreach (var frame in stack.Innermost) sb.Append(FrameLine(source, frame));
        if (stack.Omitted > 0) sb.Append($"  ... {stack.Omitted} frame{(stack.Omitted == 1 ? "" : "s")} omitted\n");
        foreach (var frame in stack.Outermost) sb.Append(FrameLine(source, frame));
        return sb.ToString();
    }

    private static string FrameLine(Source source, TraceFrame frame) =>
        $"  in {frame.Function} at {source.FileName}:{frame.Line}:{frame.Column}\n";

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
