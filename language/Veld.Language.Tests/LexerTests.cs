using Veld.Language.Lexing;
using Veld.Language.Syntax;

namespace Veld.Language.Tests;

public class LexerTests
{
    private static List<Token> Lex(string code, out List<string> errors)
    {
        var bag = new DiagnosticBag();
        var tokens = Lexer.Tokenize(V.Src(code), bag);
        errors = V.Format(bag.ToSortedList());
        return tokens;
    }

    private static List<Token> Lex(string code)
    {
        var tokens = Lex(code, out var errors);
        Assert.Empty(errors);
        return tokens;
    }

    private static List<TokenKind> Kinds(string code) => Lex(code).Select(t => t.Kind).SkipLast(1).ToList();

    [Fact]
    public void Every_keyword_is_its_own_token()
    {
        const string words = "fn proc let mut var const if then else while for in do end return break continue match where " +
                             "struct enum impl self true false and or as import pub try catch throw";
        var tokens = Lex(words).SkipLast(1).ToList();
        Assert.Equal(33, tokens.Count);
        Assert.All(tokens, t => Assert.True(TokenFacts.IsKeyword(t.Kind), t.Kind.ToString()));
        Assert.Equal(words.Split(' '), tokens.Select(t => TokenFacts.Spelling(t.Kind)));
    }

    [Fact]
    public void Identifiers_and_the_wildcard()
    {
        var tokens = Lex("abc _ _x x_1 Fn ends");
        Assert.Equal([TokenKind.Identifier, TokenKind.Underscore, TokenKind.Identifier, TokenKind.Identifier, TokenKind.Identifier, TokenKind.Identifier, TokenKind.EndOfFile],
            tokens.Select(t => t.Kind));
        Assert.Equal(["abc", null, "_x", "x_1", "Fn", "ends"], tokens.Take(6).Select(t => t.Text));
    }

    [Theory]
    [InlineData("42", 42UL)]
    [InlineData("0", 0UL)]
    [InlineData("1_000_000", 1_000_000UL)]
    [InlineData("0x1F", 31UL)]
    [InlineData("0xff_ff", 65535UL)]
    [InlineData("0b1011", 11UL)]
    [InlineData("0B1_0", 2UL)]
    [InlineData("9223372036854775808", 9223372036854775808UL)]
    [InlineData("0xFFFFFFFFFFFFFFFF", ulong.MaxValue)]
    public void Integer_literals(string text, ulong value)
    {
        var token = Assert.Single(Lex(text).SkipLast(1));
        Assert.Equal(TokenKind.IntLiteral, token.Kind);
        Assert.Equal(value, token.IntValue);
        Assert.False(token.IntTooLarge);
    }

    [Fact]
    public void Integer_literal_beyond_64_bits_is_flagged_not_wrapped()
    {
        var token = Lex("18446744073709551616")[0];
        Assert.True(token.IntTooLarge);
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("2.0e10", 2.0e10)]
    [InlineData("1e-3", 1e-3)]
    [InlineData("1E+5", 1e5)]
    [InlineData("3.25e2", 325.0)]
    [InlineData("1_000.5", 1000.5)]
    public void Float_literals(string text, double value)
    {
        var token = Assert.Single(Lex(text).SkipLast(1));
        Assert.Equal(TokenKind.FloatLiteral, token.Kind);
        Assert.Equal(value, token.FloatValue);
    }

    [Fact]
    public void A_dot_needs_digits_on_both_sides_to_make_a_float()
    {
        Assert.Equal([TokenKind.IntLiteral, TokenKind.DotDot, TokenKind.IntLiteral], Kinds("1..5"));
        Assert.Equal([TokenKind.IntLiteral, TokenKind.DotDotEq, TokenKind.IntLiteral], Kinds("1..=5"));
        Assert.Equal([TokenKind.IntLiteral, TokenKind.Dot, TokenKind.Identifier, TokenKind.LParen, TokenKind.RParen], Kinds("1.to_str()"));
        Assert.Equal([TokenKind.IntLiteral, TokenKind.Dot, TokenKind.Identifier], Kinds("1.e5"));
    }

    [Fact]
    public void Tuple_index_after_a_dot_is_never_a_float()
    {
        var tokens = Lex("t.0.1");
        Assert.Equal([TokenKind.Identifier, TokenKind.Dot, TokenKind.IntLiteral, TokenKind.Dot, TokenKind.IntLiteral, TokenKind.EndOfFile],
            tokens.Select(t => t.Kind));
        Assert.Equal(0UL, tokens[2].IntValue);
        Assert.Equal(1UL, tokens[4].IntValue);
    }

    [Theory]
    [InlineData("0x", "1:1: hexadecimal literal has no digits")]
    [InlineData("0b", "1:1: binary literal has no digits")]
    [InlineData("123abc", "1:4: invalid character 'a' in number literal")]
    [InlineData("0b102", "1:5: invalid character '2' in binary literal")]
    [InlineData("1.5mut", "1:4: invalid character 'm' in number literal")] // regression: the float must not include the junk
    [InlineData("2e5x", "1:4: invalid character 'x' in number literal")]
    public void Malformed_numbers_are_errors(string code, string error)
    {
        Lex(code, out var errors);
        Assert.Equal([error], errors);
    }

    [Fact]
    public void String_escapes_are_decoded()
    {
        var token = Lex("\"a\\nb\\tc\\rd\\\\e\\\"f\\'g\\0h\\u{1F600}i\\u{e9}\"")[0];
        Assert.Equal(TokenKind.StringLiteral, token.Kind);
        Assert.Equal("a\nb\tc\rd\\e\"f'g\0h\U0001F600i\u00e9", token.Text);
    }

    [Fact]
    public void Strings_may_span_lines_and_positions_continue_after_them()
    {
        var tokens = Lex("\"one\ntwo\" x");
        Assert.Equal("one\ntwo", tokens[0].Text);
        Assert.Equal(new SourcePos(2, 6), tokens[1].Pos);
        Assert.False(tokens[1].NewlineBefore);
    }

    [Theory]
    [InlineData("\"a\\qb\"", "1:3: unknown escape sequence '\\q'")]
    [InlineData("\"\\u{110000}\"", "1:2: invalid unicode escape: U+110000 is not a Unicode scalar value")]
    [InlineData("\"\\u{D800}\"", "1:2: invalid unicode escape: U+D800 is not a Unicode scalar value")]
    [InlineData("\"\\u{}\"", "1:2: invalid unicode escape: expected 1 to 6 hex digits and '}'")]
    [InlineData("\"\\u41\"", "1:2: invalid unicode escape: expected '{' after '\\u'")]
    [InlineData("x = \"abc", "1:5: unterminated string literal")]
    [InlineData("'ab'", "1:1: a character literal must hold exactly one character")]
    [InlineData("''", "1:1: a character literal must hold exactly one character")]
    [InlineData("'a", "1:1: unterminated character literal")]
    public void Bad_literals_are_errors_with_positions(string code, string error)
    {
        Lex(code, out var errors);
        Assert.Equal([error], errors);
    }

    [Fact]
    public void Char_literals_hold_one_scalar_value()
    {
        var tokens = Lex("'a' '\\n' '😀'");
        Assert.All(tokens.SkipLast(1), t => Assert.Equal(TokenKind.CharLiteral, t.Kind));
        Assert.Equal(["a", "\n", "😀"], tokens.SkipLast(1).Select(t => t.Text));
    }

    [Fact]
    public void Comments_are_skipped_and_block_comments_nest()
    {
        Assert.Equal([TokenKind.Identifier, TokenKind.Identifier], Kinds("a # comment ( [\nb"));
        var tokens = Lex("a #[[ outer #[[ inner ]] still comment ]] b");
        Assert.Equal(["a", "b"], tokens.SkipLast(1).Select(t => t.Text));
        Assert.False(tokens[1].NewlineBefore);
    }

    [Fact]
    public void A_block_comment_spanning_lines_counts_as_a_newline()
    {
        var tokens = Lex("a #[[ one\ntwo ]] b");
        Assert.True(tokens[1].NewlineBefore);
        Assert.Equal(new SourcePos(2, 8), tokens[1].Pos);
    }

    [Fact]
    public void Unterminated_block_comment_is_an_error_at_its_start()
    {
        Lex("x\n  #[[ a #[[ b ]]\n", out var errors);
        Assert.Equal(["2:3: unterminated block comment (missing ']]')"], errors);
    }

    [Fact]
    public void Every_operator_and_punctuation()
    {
        const string code = "*^ |> .. ..= => -> ~ += -= *= /= %= == != <= >= << >> + - * / % & | ^ ! = < > ( ) [ ] { } , : ; .";
        var spelled = Lex(code).SkipLast(1).Select(t => TokenFacts.Spelling(t.Kind)).ToList();
        Assert.Equal(code.Split(' '), spelled);
    }

    [Fact]
    public void Operators_are_lexed_longest_first_without_spaces()
    {
        Assert.Equal([TokenKind.Identifier, TokenKind.StarCaret, TokenKind.Minus, TokenKind.IntLiteral], Kinds("a*^-2"));
        Assert.Equal([TokenKind.Identifier, TokenKind.Shr, TokenKind.Ge, TokenKind.Identifier], Kinds("a>>>=b"));
        Assert.Equal([TokenKind.Identifier, TokenKind.PipeGreater, TokenKind.Identifier, TokenKind.Pipe, TokenKind.Identifier], Kinds("x|>f|g"));
    }

    [Fact]
    public void Columns_count_unicode_scalar_values()
    {
        var tokens = Lex("\"😀é\" x\n\tyy");
        Assert.Equal(new SourcePos(1, 1), tokens[0].Pos);
        Assert.Equal(new SourcePos(1, 6), tokens[1].Pos); // quote, emoji (one scalar, two UTF-16 units), é, quote, space
        Assert.Equal(new SourcePos(2, 2), tokens[2].Pos);   // a tab is one column
    }

    [Fact]
    public void Newline_flag_marks_tokens_that_start_a_line()
    {
        var tokens = Lex("a b\n  c # x\n\nd");
        Assert.Equal([true, false, true, true, false], tokens.Select(t => t.NewlineBefore));
    }

    [Fact]
    public void Unexpected_characters_are_reported_and_skipped()
    {
        var tokens = Lex("a $ b\n@c", out var errors);
        Assert.Equal(["a", "b", "c"], tokens.Where(t => t.Kind == TokenKind.Identifier).Select(t => t.Text));
        Assert.Equal(["1:3: unexpected character '$'", "2:1: unexpected character '@'"], errors);
    }

    [Fact]
    public void Non_ascii_letters_are_not_identifiers()
    {
        Lex("é = 1", out var errors);
        Assert.Equal(["1:1: unexpected character 'é'"], errors);
    }

    [Fact]
    public void A_lone_surrogate_is_reported_not_crashed_on()
    {
        Lex("x \uD800 \"a\uDC00\"", out var errors);
        Assert.Equal(["1:3: unexpected character U+D800", "1:7: invalid character U+DC00 in literal"], errors);
    }

    [Fact]
    public void Token_offsets_cover_the_raw_text()
    {
        const string code = "let s = \"a\\n\"";
        var token = Lex(code)[3];
        Assert.Equal("\"a\\n\"", code[token.Start..token.End]);
    }
}
