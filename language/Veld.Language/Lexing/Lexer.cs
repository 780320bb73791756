using System.Globalization;
using System.Text;
using Veld.Language.Syntax;

namespace Veld.Language.Lexing;

/// <summary>
/// Turns source text into tokens on demand (<see cref="Next"/>), in one left-to-right pass: every
/// character is looked at a constant number of times, so a 50 MB file lexes in linear time and the
/// token stream never has to be held in memory at once.
/// Errors (bad characters, bad escapes, unterminated literals or comments) are reported to the
/// diagnostic bag and lexing goes on, so one file can report several of them.
/// </summary>
public sealed class Lexer
{
    private readonly string _text;
    private readonly int _end;
    private readonly DiagnosticBag _diagnostics;
    private int _offset;
    private int _line;
    private int _column;
    private bool _atStart = true;
    private TokenKind? _previousKind;

    // Identifiers repeat a lot; keeping one string per distinct name saves most of their allocations.
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;

    public Lexer(Source source, DiagnosticBag diagnostics)
        : this(source.Text, 0, source.Text.Length, new SourcePos(1, 1), diagnostics) { }

    /// <summary>Lex <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>), whose first
    /// character is at <paramref name="startPos"/> (used for the expressions inside format strings).</summary>
    internal Lexer(string text, int start, int end, SourcePos startPos, DiagnosticBag diagnostics)
    {
        _text = text;
        _offset = start;
        _end = end;
        _line = startPos.Line;
        _column = startPos.Column;
        _diagnostics = diagnostics;
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Lex a whole source (tests and tools; the parser pulls tokens one at a time).</summary>
    public static List<Token> Tokenize(Source source, DiagnosticBag diagnostics)
    {
        var lexer = new Lexer(source, diagnostics);
        var tokens = new List<Token>();
        Token token;
        do tokens.Add(token = lexer.Next());
        while (token.Kind != TokenKind.EndOfFile);
        return tokens;
    }

    public Token Next()
    {
        bool newline = _atStart;
        _atStart = false;
        while (true)
        {
            newline |= SkipTrivia();
            if (_offset >= _end)
                return new Token(TokenKind.EndOfFile, Here, _offset, _offset, newline);
            var token = LexToken(newline);
            if (token is { } t)
            {
                _previousKind = t.Kind;
                return t;
            }
            // An invalid character was reported and skipped: keep looking, keeping the newline flag.
        }
    }

    private SourcePos Here => new(_line, _column);

    private char Peek(int ahead = 0) => _offset + ahead < _end ? _text[_offset + ahead] : '\0';

    /// <summary>Step over one Unicode scalar value (two UTF-16 units for a surrogate pair). Not for '\n'.</summary>
    private void AdvanceScalar()
    {
        if (char.IsHighSurrogate(_text[_offset]) && _offset + 1 < _end && char.IsLowSurrogate(_text[_offset + 1]))
            _offset += 2;
        else
            _offset++;
        _column++;
    }

    private void AdvanceNewline()
    {
        _offset++;
        _line++;
        _column = 1;
    }

    // ---- trivia -------------------------------------------------------------------------------

    /// <summary>Skips whitespace and comments; true when a line break was crossed.</summary>
    private bool SkipTrivia()
    {
        bool sawNewline = false;
        while (_offset < _end)
        {
            char c = _text[_offset];
            switch (c)
            {
                case '\n':
                    AdvanceNewline();
                    sawNewline = true;
                    break;
                case ' ' or '\t' or '\r' or '\f' or '\v':
                    _offset++;
                    _column++;
                    break;
                case '#' when Peek(1) == '[' && Peek(2) == '[':
                    sawNewline |= SkipBlockComment();
                    break;
                case '#':
                    while (_offset < _end && _text[_offset] != '\n') AdvanceScalar();
                    break;
                default:
                    return sawNewline;
            }
        }
        return sawNewline;
    }

    /// <summary><c>#[[ ... ]]</c>, nesting. True when the comment spans a line break.</summary>
    private bool SkipBlockComment()
    {
        var start = Here;
        bool sawNewline = false;
        int depth = 0;
        while (_offset < _end)
        {
            char c = _text[_offset];
            if (c == '#' && Peek(1) == '[' && Peek(2) == '[')
            {
                depth++;
                _offset += 3;
                _column += 3;
            }
            else if (c == ']' && Peek(1) == ']')
            {
                _offset += 2;
                _column += 2;
                if (--depth == 0) return sawNewline;
            }
            else if (c == '\n')
            {
                AdvanceNewline();
                sawNewline = true;
            }
            else AdvanceScalar();
        }
        _diagnostics.Report(start, "unterminated block comment (missing ']]')");
        return sawNewline;
    }

    // ---- tokens -------------------------------------------------------------------------------

    private Token? LexToken(bool newline)
    {
        var pos = Here;
        int start = _offset;
        char c = _text[_offset];

        if (char.IsAsciiLetter(c) || c == '_') return LexWord(pos, start, newline);
        if (char.IsAsciiDigit(c)) return LexNumber(pos, start, newline);
        if (c == '"') return LexQuoted(pos, start, newline, '"');
        if (c == '\'') return LexQuoted(pos, start, newline, '\'');

        var kind = LexOperator(c);
        if (kind is { } k) return new Token(k, pos, start, _offset, newline);

        _diagnostics.Report(pos, $"unexpected character {DescribeChar(_text, _offset)}");
        AdvanceScalar();
        return null;
    }

    private Token LexWord(SourcePos pos, int start, bool newline)
    {
        while (_offset < _end && (char.IsAsciiLetterOrDigit(_text[_offset]) || _text[_offset] == '_'))
        {
            _offset++;
            _column++;
        }
        var span = _text.AsSpan(start, _offset - start);
        if (TokenFacts.Keywords.TryGetValue(span, out var keyword))
            return new Token(keyword, pos, start, _offset, newline);
        if (span is "_")
            return new Token(TokenKind.Underscore, pos, start, _offset, newline);
        if (!_nameLookup.TryGetValue(span, out var name))
        {
            name = span.ToString();
            _names.Add(name);
        }
        return new Token(TokenKind.Identifier, pos, start, _offset, newline) { Text = name };
    }

    private TokenKind? LexOperator(char c)
    {
        char next = Peek(1);
        (TokenKind kind, int length) = c switch
        {
            '(' => (TokenKind.LParen, 1),
            ')' => (TokenKind.RParen, 1),
            '[' => (TokenKind.LBracket, 1),
            ']' => (TokenKind.RBracket, 1),
            '{' => (TokenKind.LBrace, 1),
            '}' => (TokenKind.RBrace, 1),
            ',' => (TokenKind.Comma, 1),
            ':' => (TokenKind.Colon, 1),
            ';' => (TokenKind.Semicolon, 1),
            '~' => (TokenKind.Tilde, 1),
            '&' => (TokenKind.Amp, 1),
            '^' => (TokenKind.Caret, 1),
            '.' when next == '.' && Peek(2) == '=' => (TokenKind.DotDotEq, 3),
            '.' when next == '.' => (TokenKind.DotDot, 2),
            '.' => (TokenKind.Dot, 1),
            '+' when next == '=' => (TokenKind.PlusAssign, 2),
            '+' => (TokenKind.Plus, 1),
            '-' when next == '=' => (TokenKind.MinusAssign, 2),
            '-' when next == '>' => (TokenKind.Arrow, 2),
            '-' => (TokenKind.Minus, 1),
            '*' when next == '^' => (TokenKind.StarCaret, 2),
            '*' when next == '=' => (TokenKind.StarAssign, 2),
            '*' => (TokenKind.Star, 1),
            '/' when next == '=' => (TokenKind.SlashAssign, 2),
            '/' => (TokenKind.Slash, 1),
            '%' when next == '=' => (TokenKind.PercentAssign, 2),
            '%' => (TokenKind.Percent, 1),
            '=' when next == '=' => (TokenKind.Eq, 2),
            '=' when next == '>' => (TokenKind.FatArrow, 2),
            '=' => (TokenKind.Assign, 1),
            '!' when next == '=' => (TokenKind.Ne, 2),
            '!' => (TokenKind.Bang, 1),
            '<' when next == '=' => (TokenKind.Le, 2),
            '<' when next == '<' => (TokenKind.Shl, 2),
            '<' => (TokenKind.Lt, 1),
            '>' when next == '=' => (TokenKind.Ge, 2),
            '>' when next == '>' => (TokenKind.Shr, 2),
            '>' => (TokenKind.Gt, 1),
            '|' when next == '>' => (TokenKind.PipeGreater, 2),
            '|' => (TokenKind.Pipe, 1),
            _ => (TokenKind.EndOfFile, 0),
        };
        if (length == 0) return null;
        _offset += length;
        _column += length;
        return kind;
    }

    // ---- numbers ------------------------------------------------------------------------------

    private Token LexNumber(SourcePos pos, int start, bool newline)
    {
        // After a '.', a number is a tuple index: `t.0.1` is t . 0 . 1, never t . 0.1
        bool tupleIndex = _previousKind == TokenKind.Dot;
        char second = Peek(1);
        if (!tupleIndex && _text[_offset] == '0' && second is 'x' or 'X' or 'b' or 'B')
            return LexRadixInteger(pos, start, newline, second is 'x' or 'X' ? 16 : 2);

        ulong value = 0;
        bool tooLarge = false;
        ScanDigits(10, ref value, ref tooLarge);
        bool isFloat = false;
        if (!tupleIndex && Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            isFloat = true;
            _offset++;
            _column++;
            SkipDecimalDigits();
        }
        if (!tupleIndex && Peek() is 'e' or 'E'
            && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            isFloat = true;
            _offset += 2;
            _column += 2;
            SkipDecimalDigits();
        }
        int numberEnd = _offset;
        RejectTrailingWordCharacters("number literal");

        if (isFloat)
        {
            var digits = _text.AsSpan(start, numberEnd - start).ToString().Replace("_", "");
            double parsed = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
            return new Token(TokenKind.FloatLiteral, pos, start, _offset, newline) { FloatValue = parsed };
        }
        return new Token(TokenKind.IntLiteral, pos, start, _offset, newline) { IntValue = value, IntTooLarge = tooLarge };
    }

    private Token LexRadixInteger(SourcePos pos, int start, bool newline, int radix)
    {
        _offset += 2;
        _column += 2;
        ulong value = 0;
        bool tooLarge = false;
        int digits = ScanDigits(radix, ref value, ref tooLarge);
        string name = radix == 16 ? "hexadecimal" : "binary";
        if (digits == 0)
            _diagnostics.Report(pos, $"{name} literal has no digits");
        RejectTrailingWordCharacters($"{name} literal");
        return new Token(TokenKind.IntLiteral, pos, start, _offset, newline) { IntValue = value, IntTooLarge = tooLarge };
    }

    /// <summary>Digits of <paramref name="radix"/> and '_' separators; returns the number of digits.</summary>
    private int ScanDigits(int radix, ref ulong value, ref bool tooLarge)
    {
        int count = 0;
        while (_offset < _end)
        {
            char c = _text[_offset];
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                '_' => -1,
                _ => int.MaxValue,
            };
            if (digit == int.MaxValue || digit >= radix) break;
            _offset++;
            _column++;
            if (digit < 0) continue;
            count++;
            if (value > (ulong.MaxValue - (ulong)digit) / (ulong)radix) tooLarge = true;
            else value = value * (ulong)radix + (ulong)digit;
        }
        return count;
    }

    private void SkipDecimalDigits()
    {
        while (_offset < _end && (char.IsAsciiDigit(_text[_offset]) || _text[_offset] == '_'))
        {
            _offset++;
            _column++;
        }
    }

    /// <summary><c>123abc</c>, <c>0b102</c>: report the first stray character and skip the rest of the word.</summary>
    private void RejectTrailingWordCharacters(string what)
    {
        if (_offset >= _end || !(char.IsAsciiLetterOrDigit(_text[_offset]) || _text[_offset] == '_')) return;
        _diagnostics.Report(Here, $"invalid character '{_text[_offset]}' in {what}");
        while (_offset < _end && (char.IsAsciiLetterOrDigit(_text[_offset]) || _text[_offset] == '_'))
        {
            _offset++;
            _column++;
        }
    }

    // ---- strings and chars --------------------------------------------------------------------

    private Token LexQuoted(SourcePos pos, int start, bool newline, char quote)
    {
        bool isChar = quote == '\'';
        _offset++;
        _column++;
        var value = new StringBuilder();
        bool terminated = false;
        while (_offset < _end)
        {
            char c = _text[_offset];
            if (c == quote)
            {
                _offset++;
                _column++;
                terminated = true;
                break;
            }
            if (c == '\\')
            {
                var escapePos = Here;
                int escapeStart = _offset;
                var error = Escapes.Decode(_text, _offset, _end, value, out int next);
                if (error is not null) _diagnostics.Report(escapePos, error);
                _column += Escapes.CountScalars(_text, escapeStart, next);
                _offset = next;
                continue;
            }
            if (c == '\n')
            {
                if (isChar) break; // a character literal never spans lines
                value.Append('\n');
                AdvanceNewline();
                continue;
            }
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && _offset + 1 < _end && char.IsLowSurrogate(_text[_offset + 1])))
            {
                _diagnostics.Report(Here, $"invalid character {DescribeChar(_text, _offset)} in literal");
                AdvanceScalar();
                continue;
            }
            int from = _offset;
            AdvanceScalar();
            value.Append(_text, from, _offset - from);
        }

        string text = value.ToString();
        if (!terminated)
            _diagnostics.Report(pos, isChar ? "unterminated character literal" : "unterminated string literal");
        else if (isChar && Escapes.CountScalars(text, 0, text.Length) != 1)
            _diagnostics.Report(pos, "a character literal must hold exactly one character");
        return new Token(isChar ? TokenKind.CharLiteral : TokenKind.StringLiteral, pos, start, _offset, newline)
        {
            Text = text,
        };
    }

    /// <summary>A character for an error message: <c>'$'</c>, or <c>U+0007</c> when it would not print.</summary>
    internal static string DescribeChar(string text, int offset)
    {
        char c = text[offset];
        if (char.IsHighSurrogate(c) && offset + 1 < text.Length && char.IsLowSurrogate(text[offset + 1]))
            return $"'{text.Substring(offset, 2)}'";
        if (char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c))
            return $"U+{(int)c:X4}";
        return $"'{c}'";
    }
}
