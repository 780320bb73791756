namespace Veld.Language;

/// <summary>A source file's text and name, with its lines for error display.</summary>
public sealed class Source
{
    public string FileName { get; }
    public string Text { get; }
    private string[]? _lines;

    public Source(string fileName, string text)
    {
        FileName = fileName;
        Text = text;
    }

    /// <summary>The text of 1-based <paramref name="line"/>, without its line break; empty when out of range.</summary>
    public string GetLine(int line)
    {
        _lines ??= Text.Split('\n');
        if (line < 1 || line > _lines.Length) return "";
        return _lines[line - 1].TrimEnd('\r');
    }
}
