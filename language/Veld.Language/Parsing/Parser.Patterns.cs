using Veld.Language.Lexing;
using Veld.Language.Syntax;

namespace Veld.Language.Parsing;

// Patterns of match arms, let destructuring and for loops (docs/SPEC.md section 8).
internal sealed partial class Parser
{
    /// <summary>A pattern. <paramref name="mutableBindings"/> marks the names it binds assignable
    /// (<c>let mut</c>, <c>var</c>).</summary>
    private Pattern ParsePattern(bool mutableBindings)
    {
        var token = Current;
        Enter(token.Pos);
        var pattern = ParsePatternCore(token, mutableBindings);
        Exit();
        return pattern;
    }

    private Pattern ParsePatternCore(Token token, bool mutableBindings)
    {
        switch (token.Kind)
        {
            case TokenKind.Underscore:
                Advance();
                return new WildcardPattern { Pos = token.Pos };
            case TokenKind.Mut:
                Advance();
                var mutName = Current;
                ExpectIdentifier("a name after 'mut'");
                return new BindingPattern { Binding = new Binding { Name = mutName.Text!, Pos = mutName.Pos, IsMutable = true }, Pos = mutName.Pos };
            case TokenKind.Identifier:
                return ParseNamePattern(token, mutableBindings);
            case TokenKind.IntLiteral or TokenKind.FloatLiteral or TokenKind.Minus:
                return ParseNumberPattern();
            case TokenKind.StringLiteral or TokenKind.CharLiteral:
                Advance();
                return new LiteralPattern { Value = token.Text!, Pos = token.Pos };
            case TokenKind.True or TokenKind.False:
                Advance();
                return new LiteralPattern { Value = token.Kind == TokenKind.True, Pos = token.Pos };
            case TokenKind.LParen:
                return ParseParenthesizedPattern(mutableBindings);
            default:
                throw Error(token.Pos, $"expected a pattern but found {Describe(token)}");
        }
    }

    /// <summary><c>x</c> binds; <c>Enum.Variant</c>, <c>Enum.Variant(..)</c> and <c>Variant(..)</c> are variants.</summary>
    private Pattern ParseNamePattern(Token name, bool mutableBindings)
    {
        Advance();
        if (Check(TokenKind.Dot))
        {
            Advance();
            var variant = ExpectIdentifier("a variant name");
            var payload = Check(TokenKind.LParen) && !Current.NewlineBefore ? ParsePatternList(mutableBindings) : null;
            return new VariantPattern { EnumName = name.Text, VariantName = variant, Payload = payload, Pos = name.Pos };
        }
        if (Check(TokenKind.LParen) && !Current.NewlineBefore)
            return new VariantPattern { VariantName = name.Text!, Payload = ParsePatternList(mutableBindings), Pos = name.Pos };
        return new BindingPattern { Binding = new Binding { Name = name.Text!, Pos = name.Pos, IsMutable = mutableBindings }, Pos = name.Pos };
    }

    /// <summary><c>(p, q, ...)</c> of a variant's payload.</summary>
    private List<Pattern> ParsePatternList(bool mutableBindings)
    {
        Expect(TokenKind.LParen);
        var patterns = new List<Pattern>();
        while (!Check(TokenKind.RParen))
        {
            patterns.Add(ParsePattern(mutableBindings));
            if (!Match(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RParen);
        return patterns;
    }

    /// <summary><c>(p)</c> is <c>p</c>; <c>(p,)</c> and <c>(p, q)</c> are tuple patterns.</summary>
    private Pattern ParseParenthesizedPattern(bool mutableBindings)
    {
        var open = Advance();
        if (Check(TokenKind.RParen))
            throw Error(Current.Pos, "expected a pattern but found ')' (the unit value cannot be matched)");
        var first = ParsePattern(mutableBindings);
        if (!Check(TokenKind.Comma))
        {
            Expect(TokenKind.RParen);
            return first;
        }
        var elements = new List<Pattern> { first };
        while (Match(TokenKind.Comma))
        {
            if (Check(TokenKind.RParen)) break;
            elements.Add(ParsePattern(mutableBindings));
        }
        Expect(TokenKind.RParen);
        return new TuplePattern { Elements = elements, Pos = open.Pos };
    }

    /// <summary><c>42</c>, <c>-1</c>, <c>2.5</c>, <c>-0.5</c>, and integer ranges <c>1..9</c>, <c>-5..=5</c>.</summary>
    private Pattern ParseNumberPattern()
    {
        var start = Current;
        bool negative = Match(TokenKind.Minus);
        var number = Current;
        if (number.Kind == TokenKind.FloatLiteral)
        {
            Advance();
            if (Check(TokenKind.DotDot) || Check(TokenKind.DotDotEq))
                throw Error(Current.Pos, "range patterns must use integers");
            return new LiteralPattern { Value = negative ? -number.FloatValue : number.FloatValue, Pos = start.Pos };
        }
        if (number.Kind != TokenKind.IntLiteral)
            throw Error(number.Pos, $"expected a number after '-' in a pattern but found {Describe(number)}");
        Advance();
        long low = SignedInt(number, negative);
        if (!Check(TokenKind.DotDot) && !Check(TokenKind.DotDotEq))
            return new LiteralPattern { Value = low, Pos = start.Pos };

        bool inclusive = Advance().Kind == TokenKind.DotDotEq;
        bool highNegative = Match(TokenKind.Minus);
        var high = Current;
        if (high.Kind != TokenKind.IntLiteral)
            throw Error(high.Pos, high.Kind == TokenKind.FloatLiteral
                ? "range patterns must use integers"
                : $"expected an integer to end the range pattern but found {Describe(high)}");
        Advance();
        return new RangePattern { Low = low, High = SignedInt(high, highNegative), Inclusive = inclusive, Pos = start.Pos };
    }
}
