using System.Text;
using Veld.Language.Lexing;
using Veld.Language.Syntax;

namespace Veld.Language.Parsing;

// Type annotations: parsed and kept as text, never checked (docs/SPEC.md section 2).
//   type := atom ('|' atom)*
//   atom := Name ['<' type, ... '>'] | '[' type ']' | '(' [type, ...] ')' | 'fn' '(' [type, ...] ')' ['->' type]
internal sealed partial class Parser
{
    private TypeRef ParseType()
    {
        var pos = Current.Pos;
        Enter(pos);
        var first = ParseTypeAtom();
        if (!Check(TokenKind.Pipe))
        {
            Exit();
            return first;
        }
        var text = new StringBuilder(first.Text);
        while (Match(TokenKind.Pipe))
            text.Append(" | ").Append(ParseTypeAtom().Text);
        Exit();
        return new TypeRef { Text = text.ToString(), Pos = pos };
    }

    private TypeRef ParseTypeAtom()
    {
        var token = Current;
        var text = new StringBuilder();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                Advance();
                text.Append(token.Text);
                if (Check(TokenKind.Lt) && !Current.NewlineBefore) ParseTypeArguments(text);
                return new TypeRef { Text = text.ToString(), Name = token.Text, Pos = token.Pos };
            case TokenKind.LBracket:
                Advance();
                text.Append('[').Append(ParseType().Text).Append(']');
                Expect(TokenKind.RBracket);
                break;
            case TokenKind.LParen:
                Advance();
                text.Append('(');
                ParseTypeList(text, TokenKind.RParen);
                text.Append(')');
                break;
            case TokenKind.Fn:
                Advance();
                Expect(TokenKind.LParen);
                text.Append("fn(");
                ParseTypeList(text, TokenKind.RParen);
                text.Append(')');
                if (Match(TokenKind.Arrow)) text.Append(" -> ").Append(ParseType().Text);
                break;
            default:
                throw Error(token.Pos, $"expected a type but found {Describe(token)}");
        }
        return new TypeRef { Text = text.ToString(), Pos = token.Pos };
    }

    /// <summary>Types separated by commas up to and including <paramref name="closer"/>.</summary>
    private void ParseTypeList(StringBuilder text, TokenKind closer)
    {
        bool first = true;
        while (!Check(closer))
        {
            if (!first) text.Append(", ");
            text.Append(ParseType().Text);
            first = false;
            if (!Match(TokenKind.Comma)) break;
        }
        Expect(closer);
    }

    /// <summary><c>&lt;A, B&gt;</c> after a type name, appended to <paramref name="text"/>.</summary>
    private void ParseTypeArguments(StringBuilder text)
    {
        Expect(TokenKind.Lt);
        text.Append('<');
        bool first = true;
        while (!CheckClosingAngle())
        {
            if (!first) text.Append(", ");
            text.Append(ParseType().Text);
            first = false;
            if (!Match(TokenKind.Comma)) break;
        }
        ExpectClosingAngle();
        text.Append('>');
    }

    private bool CheckClosingAngle() => Check(TokenKind.Gt) || Check(TokenKind.Shr);

    /// <summary>Consumes one <c>&gt;</c>; a <c>&gt;&gt;</c> (as in <c>Option&lt;Option&lt;T&gt;&gt;</c>) is split in two.</summary>
    private void ExpectClosingAngle()
    {
        var token = Current;
        if (token.Kind == TokenKind.Shr)
        {
            var pos = new SourcePos(token.Pos.Line, token.Pos.Column + 1);
            _tokens.ReplaceCurrent(new Token(TokenKind.Gt, pos, token.Start + 1, token.End, NewlineBefore: false));
            return;
        }
        if (token.Kind == TokenKind.Gt)
        {
            Advance();
            return;
        }
        throw Error(token.Pos, $"expected '>' but found {Describe(token)}");
    }

    /// <summary>The target of <c>as</c>: a single type name (<c>x as int &lt; y</c> must not read generics).</summary>
    private TypeRef ParseCastType()
    {
        var token = Current;
        var name = ExpectIdentifier("a type name after 'as'");
        return new TypeRef { Text = name, Name = name, Pos = token.Pos };
    }
}
