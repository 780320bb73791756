using System.Text;
using Veld.Language;
using Veld.Language.Syntax;

namespace Veld.Differential;

/// <summary>
/// Turns a file's bytes into a <see cref="Source"/>. Source is UTF-8 (VELD_CORE.md section 1): the
/// bytes are decoded strictly, and invalid UTF-8 becomes a compile error at the offending byte rather
/// than a silently replaced character. A leading byte-order mark is dropped.
/// </summary>
public static class SourceText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The decoded source, and the error when the bytes are not valid UTF-8 (the source then holds
    /// the text with replacement characters, good enough to show the line).</summary>
    public static (Source Source, Diagnostic? Error) Decode(string fileName, byte[] bytes)
    {
        int start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var body = bytes.AsSpan(start);
        try
        {
            return (new Source(fileName, Strict.GetString(body)), null);
        }
        catch (DecoderFallbackException e)
        {
            var lenient = new Source(fileName, Encoding.UTF8.GetString(body));
            int badOffset = e.Index >= 0 ? e.Index : 0;
            return (lenient, new Diagnostic($"invalid UTF-8 (byte 0x{body[badOffset]:X2} at offset {start + badOffset})", PositionOf(body[..badOffset])));
        }
    }

    /// <summary>Line and column (in scalar values) just after the valid UTF-8 <paramref name="prefix"/>.</summary>
    private static SourcePos PositionOf(ReadOnlySpan<byte> prefix)
    {
        var text = Encoding.UTF8.GetString(prefix);
        int lineStart = text.LastIndexOf('\n') + 1;
        int line = 1 + text.AsSpan().Count('\n');
        int column = 1;
        foreach (var _ in text.AsSpan(lineStart).EnumerateRunes()) column++;
        return new SourcePos(line, column);
    }
}
