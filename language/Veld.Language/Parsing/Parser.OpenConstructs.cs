using Veld.Language.Lexing;
using Veld.Language.Syntax;

namespace Veld.Language.Parsing;

/// <summary>
/// The constructs the parser is inside of and that wait for a closing token: brackets and the blocks an
/// <c>end</c> closes. A syntax error at the end of the file is reported at the innermost one, naming it:
/// "expected 'end' but found end of file" alone says neither what is unclosed nor where it began.
/// </summary>
internal sealed partial class Parser
{
    private readonly record struct OpenConstruct(string Opener, SourcePos Pos, TokenKind Closer);

    private readonly List<OpenConstruct> _open = [];

    /// <summary>The end of the file has been reported once; each enclosing construct would report it again.</summary>
    private bool _endOfFileReported;

    /// <summary>Records <paramref name="opener"/> as open until <see cref="Expect"/> takes <paramref name="closer"/>.</summary>
    private Token Opened(Token opener, TokenKind closer)
    {
        _open.Add(new OpenConstruct(TokenFacts.Spelling(opener.Kind) ?? opener.Text ?? "?", opener.Pos, closer));
        return opener;
    }

    /// <summary>The closer the innermost construct waits for has been taken.</summary>
    private void Closed(TokenKind closer)
    {
        if (_open.Count > 0 && _open[^1].Closer == closer) _open.RemoveAt(_open.Count - 1);
    }

    /// <summary>An error at the end of the file moves to the innermost open construct, so its caret shows
    /// where that construct began; other errors stay where they are. Null for a repeat of the end of file.</summary>
    private (SourcePos Pos, string Message)? AtOpenConstruct(SourcePos pos, string message)
    {
        if (_isInterpolation || !Check(TokenKind.EndOfFile)) return (pos, message);
        if (_endOfFileReported) return null;
        _endOfFileReported = true;
        if (_open.Count == 0) return (pos, message);
        var open = _open[^1];
        return (open.Pos, $"'{open.Opener}' is never closed: {message}");
    }
}
