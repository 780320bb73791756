using Veld.Language.Lexing;

namespace Veld.Language.Parsing;

/// <summary>
/// The lexer's tokens with arbitrary lookahead. Tokens are lexed only when the parser looks at them
/// and dropped once consumed, so memory holds just the lookahead window.
/// </summary>
internal sealed class TokenStream(Lexer lexer)
{
    private readonly List<Token> _buffer = [];
    private int _head;

    /// <summary>How many tokens have been consumed; the parser uses it to prove it made progress.</summary>
    public long Consumed { get; private set; }

    public Token Peek(int ahead = 0)
    {
        while (_head + ahead >= _buffer.Count)
        {
            if (_buffer.Count > _head && _buffer[^1].Kind == TokenKind.EndOfFile)
                return _buffer[^1];
            _buffer.Add(lexer.Next());
        }
        return _buffer[_head + ahead];
    }

    public Token Advance()
    {
        var token = Peek();
        if (token.Kind == TokenKind.EndOfFile) return token;
        _head++;
        Consumed++;
        if (_head == _buffer.Count)
        {
            _buffer.Clear();
            _head = 0;
        }
        else if (_head > 1024 && _head * 2 > _buffer.Count)
        {
            _buffer.RemoveRange(0, _head);
            _head = 0;
        }
        return token;
    }

    /// <summary>Replaces the current token (splitting <c>&gt;&gt;</c> into two <c>&gt;</c> in generic types).</summary>
    public void ReplaceCurrent(Token token)
    {
        Peek();
        _buffer[_head] = token;
    }
}
