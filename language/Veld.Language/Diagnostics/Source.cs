using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Veld.Language.Syntax;

namespace Veld.Language;

/// <summary>A source file's text and name, with its lines for error display.</summary>
public sealed class Source
{
    public string FileName { get; }
    public string Text { get; }
    /// <summary>Set when the file's bytes were not valid UTF-8 (<see cref="FromBytes"/>): the compiler
    /// reports it instead of compiling. <see cref="Text"/> then holds the bytes decoded with U+FFFD.</summary>
    public Diagnostic? EncodingError { get; }
    private string[]? _lines;

    public Source(string fileName, string text)
    {
        FileName = fileName;
        Text = text;
    }

    private Source(string fileName, string text, Diagnostic? encodingError)
        : this(fileName, text)
    {
        EncodingError = encodingError;
    }

    /// <summary>
    /// A source from raw file bytes. A UTF-8 byte order mark is skipped. Invalid UTF-8 does not throw:
    /// it becomes <see cref="EncodingError"/>, a diagnostic at the line and column of the first bad byte.
    /// </summary>
    public static Source FromBytes(string fileName, byte[] bytes)
    {
        ReadOnlySpan<byte> data = bytes;
        if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) data = data[3..];

        var chars = new char[data.Length];
        var status = Utf8.ToUtf16(data, chars, out int bytesRead, out int charsWritten, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
            return new Source(fileName, new string(chars, 0, charsWritten));

        var error = new Diagnostic($"invalid UTF-8 byte 0x{data[bytesRead]:X2} in source file", PositionOfByte(data, bytesRead));
        return new Source(fileName, Encoding.UTF8.GetString(data), error);
    }

    /// <summary>Reads a file with <see cref="FromBytes"/>.</summary>
    public static Source FromFile(string path) => FromBytes(path, File.ReadAllBytes(path));

    /// <summary>Line and scalar-value column of byte <paramref name="index"/>, whose prefix is valid UTF-8.</summary>
    private static SourcePos PositionOfByte(ReadOnlySpan<byte> data, int index)
    {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index; i++)
        {
            byte b = data[i];
            if (b == (byte)'\n')
            {
                line++;
                column = 1;
            }
            else if ((b & 0xC0) != 0x80) column++; // count lead bytes only: one per scalar value
        }
        return new SourcePos(line, column);
    }

    /// <summary>The text of 1-based <paramref name="line"/>, without its line break; empty when out of range.</summary>
    public string GetLine(int line)
    {
        _lines ??= Text.Split('\n');
        if (line < 1 || line > _lines.Length) return "";
        return _lines[line - 1].TrimEnd('\r');
    }
}
