using System.Text;
using Veld.Language.Lexing;
using Veld.Language.Syntax;

namespace Veld.Language.Parsing;

// Macros: println~ print~ format~ (format strings) and assert~ (docs/SPEC.md section 10).
internal sealed partial class Parser
{
    private MacroExpr ParseMacro()
    {
        var nameToken = Advance();
        Advance(); // '~'
        string name = nameToken.Text!;
        var kind = name switch
        {
            "println" => MacroKind.Println,
            "print" => MacroKind.Print,
            "format" => MacroKind.Format,
            "assert" => MacroKind.Assert,
            _ => throw Error(nameToken.Pos, $"unknown macro '{name}~'"),
        };
        if (!Check(TokenKind.LParen))
            throw Error(Current.Pos, $"expected '(' after '{name}~' but found {Describe(Current)}");
        Advance();

        if (kind == MacroKind.Assert) return FinishAssert(nameToken.Pos);

        if (Match(TokenKind.RParen)) return new MacroExpr { Kind = kind, Pos = nameToken.Pos };
        var format = Current;
        if (format.Kind != TokenKind.StringLiteral)
            throw Error(format.Pos, $"the first argument of '{name}~' must be a string literal");
        Advance();
        var args = new List<Expr>();
        while (Match(TokenKind.Comma))
        {
            if (Check(TokenKind.RParen)) break;
            args.Add(ParseExpression());
        }
        Expect(TokenKind.RParen);
        return new MacroExpr { Kind = kind, Parts = ParseFormatString(format, args), Pos = nameToken.Pos };
    }

    /// <summary><c>assert~(cond)</c> or <c>assert~(cond, message)</c>, after the <c>(</c>.</summary>
    private MacroExpr FinishAssert(SourcePos pos)
    {
        if (Check(TokenKind.RParen)) throw Error(Current.Pos, "'assert~' needs a condition");
        var condition = ParseExpression();
        Expr? message = null;
        if (Match(TokenKind.Comma) && !Check(TokenKind.RParen))
        {
            message = ParseExpression();
            Match(TokenKind.Comma);
        }
        Expect(TokenKind.RParen);
        return new MacroExpr { Kind = MacroKind.Assert, Condition = condition, Message = message, Pos = pos };
    }

    /// <summary>
    /// Splits a format string into parts: literal text (escapes decoded, <c>{{</c>/<c>}}</c> made single),
    /// <c>{expr}</c> interpolations (lexed and parsed in place, so their positions are exact), and
    /// <c>{}</c> placeholders filled from <paramref name="args"/> in order.
    /// </summary>
    private List<FormatPart> ParseFormatString(Token literal, List<Expr> args)
    {
        string src = _source.Text;
        int end = literal.End;
        if (end - literal.Start >= 2 && src[end - 1] == '"') end--; // drop the closing quote
        var parts = new List<FormatPart>();
        var text = new StringBuilder();
        int placeholders = 0;
        int line = literal.Pos.Line;
        int column = literal.Pos.Column + 1;
        int i = literal.Start + 1;

        void FlushText()
        {
            if (text.Length == 0) return;
            parts.Add(new FormatPart(text.ToString(), null));
            text.Clear();
        }

        while (i < end)
        {
            char c = src[i];
            if (c == '\\')
            {
                int from = i;
                Escapes.Decode(src, i, end, text, out i); // a bad escape was already reported by the lexer
                column += Escapes.CountScalars(src, from, i);
            }
            else if (c == '{' && i + 1 < end && src[i + 1] == '{')
            {
                text.Append('{');
                i += 2;
                column += 2;
            }
            else if (c == '}' && i + 1 < end && src[i + 1] == '}')
            {
                text.Append('}');
                i += 2;
                column += 2;
            }
            else if (c == '{' && i + 1 < end && src[i + 1] == '}')
            {
                FlushText();
                if (placeholders < args.Count) parts.Add(new FormatPart(null, args[placeholders]));
                placeholders++;
                i += 2;
                column += 2;
            }
            else if (c == '{')
            {
                int close = FindInterpolationEnd(src, i + 1, end);
                if (close < 0)
                {
                    Report(new SourcePos(line, column), "unclosed '{' in format string (write '{{' for a literal brace)");
                    break;
                }
                FlushText();
                var expr = ParseInterpolation(i + 1, close, new SourcePos(line, column + 1));
                if (expr is not null) parts.Add(new FormatPart(null, expr));
                for (; i <= close; i++)
                {
                    if (src[i] == '\n') { line++; column = 1; }
                    else if (!char.IsLowSurrogate(src[i])) column++;
                }
            }
            else if (c == '}')
            {
                Report(new SourcePos(line, column), "unmatched '}' in format string (write '}}' for a literal brace)");
                i++;
                column++;
            }
            else if (c == '\n')
            {
                text.Append('\n');
                i++;
                line++;
                column = 1;
            }
            else
            {
                int from = i;
                i += char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(src[i + 1]) ? 2 : 1;
                text.Append(src, from, i - from);
                column++;
            }
        }
        FlushText();
        if (placeholders != args.Count)
            Report(literal.Pos, $"format string has {placeholders} placeholder(s) '{{}}' but {args.Count} argument(s) were given");
        return parts;
    }

    /// <summary>Index of the <c>}</c> closing an interpolation that starts at <paramref name="from"/>, or -1.
    /// Braces nest (a map literal inside); a char literal may hold a brace.</summary>
    private static int FindInterpolationEnd(string src, int from, int end)
    {
        int depth = 1;
        for (int j = from; j < end; j++)
        {
            switch (src[j])
            {
                case '{':
                    depth++;
                    break;
                case '}':
                    if (--depth == 0) return j;
                    break;
                case '\'':
                    int quote = src.IndexOf('\'', j + 1, end - j - 1);
                    if (quote < 0) return -1;
                    j = quote;
                    break;
            }
        }
        return -1;
    }

    /// <summary>Parses <c>src[start..end)</c> as one expression with a nested parser that shares this
    /// parser's diagnostics and nesting depth. Returns null after reporting an error.</summary>
    private Expr? ParseInterpolation(int start, int end, SourcePos pos)
    {
        if (_source.Text.AsSpan(start, end - start).Contains('\\'))
        {
            Report(pos, "escape sequences are not allowed inside '{...}' in a format string");
            return null;
        }
        var lexer = new Lexer(_source.Text, start, end, pos, _diagnostics);
        var nested = new Parser(_source, lexer, _diagnostics, _depth, isInterpolation: true);
        if (nested.Check(TokenKind.EndOfFile))
        {
            Report(pos, "empty interpolation '{ }' in format string");
            return null;
        }
        try
        {
            var expr = nested.ParseExpression();
            if (!nested.Check(TokenKind.EndOfFile))
                throw nested.Error(nested.Current.Pos, $"unexpected {nested.Describe(nested.Current)} in interpolation");
            return expr;
        }
        catch (ParseError)
        {
            return null;
        }
    }
}
