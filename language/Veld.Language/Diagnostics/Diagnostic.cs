using System.Text;
using Veld.Language.Syntax;

namespace Veld.Language;

/// <summary>A compile error with its position. Every tier reports the same ones: they all come from
/// the lexer, parser and resolver.</summary>
public sealed record Diagnostic(string Message, SourcePos Pos)
{
    /// <summary>
    /// <c>FILE:LINE:COL: error[Kind]: message</c>, then the source line and a caret under the column.
    /// </summary>
    public static string Render(Source source, string kind, string message, SourcePos pos)
    {
        var sb = new StringBuilder();
        sb.Append(source.FileName).Append(':').Append(pos.Line).Append(':').Append(pos.Column)
          .Append(": error[").Append(kind).Append("]: ").Append(message).Append('\n');
        var text = source.GetLine(pos.Line);
        if (text.Length > 0 && text.Length <= 500)
        {
            var gutter = pos.Line.ToString();
            sb.Append(' ', gutter.Length).Append(" |\n");
            sb.Append(gutter).Append(" | ").Append(text.Replace('\t', ' ')).Append('\n');
            sb.Append(' ', gutter.Length).Append(" | ").Append(' ', CaretOffset(text, pos.Column)).Append("^\n");
        }
        return sb.ToString();
    }

    public string Render(Source source) => Render(source, "Compile", Message, Pos);

    /// <summary>UTF-16 offset of a 1-based scalar-value column, clamped to the line.</summary>
    private static int CaretOffset(string line, int column)
    {
        int offset = 0;
        for (int scalar = 1; scalar < column && offset < line.Length; scalar++)
            offset += char.IsHighSurrogate(line[offset]) && offset + 1 < line.Length ? 2 : 1;
        return offset;
    }
}

/// <summary>Result of compiling a source file: a checked program, or at least one diagnostic.</summary>
public sealed record CompileResult(CheckedProgram? Program, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Success => Program is not null && Diagnostics.Count == 0;
}
