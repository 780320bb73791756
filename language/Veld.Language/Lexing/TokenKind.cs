namespace Veld.Language.Lexing;

/// <summary>Every kind of token of Veld Core (docs/SPEC.md section 1).</summary>
public enum TokenKind
{
    EndOfFile,
    Identifier,
    /// <summary><c>_</c> alone: the wildcard.</summary>
    Underscore,
    IntLiteral,
    FloatLiteral,
    StringLiteral,
    /// <summary><c>'a'</c>: evaluates to a one-character string.</summary>
    CharLiteral,

    // keywords
    Fn, Proc, Let, Mut, Var, Const, If, Then, Else, While, For, In, Do, End, Return, Break,
    Continue, Match, Where, Struct, Enum, Impl, Self, True, False, And, Or, As, Import, Pub,
    Try, Catch, Throw,

    // punctuation
    LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Colon, Semicolon,
    Dot, DotDot, DotDotEq, Tilde, FatArrow, Arrow, PipeGreater,

    // operators
    Plus, Minus, Star, Slash, Percent, StarCaret, Amp, Pipe, Caret, Shl, Shr, Bang,
    Eq, Ne, Lt, Le, Gt, Ge,
    Assign, PlusAssign, MinusAssign, StarAssign, SlashAssign, PercentAssign,
}

/// <summary>Fixed spellings of keywords and punctuation, for the lexer and for error messages.</summary>
public static class TokenFacts
{
    private static readonly Dictionary<string, TokenKind> KeywordTable = new(StringComparer.Ordinal)
    {
        ["fn"] = TokenKind.Fn, ["proc"] = TokenKind.Proc, ["let"] = TokenKind.Let, ["mut"] = TokenKind.Mut,
        ["var"] = TokenKind.Var, ["const"] = TokenKind.Const, ["if"] = TokenKind.If, ["then"] = TokenKind.Then,
        ["else"] = TokenKind.Else, ["while"] = TokenKind.While, ["for"] = TokenKind.For, ["in"] = TokenKind.In,
        ["do"] = TokenKind.Do, ["end"] = TokenKind.End, ["return"] = TokenKind.Return, ["break"] = TokenKind.Break,
        ["continue"] = TokenKind.Continue, ["match"] = TokenKind.Match, ["where"] = TokenKind.Where,
        ["struct"] = TokenKind.Struct, ["enum"] = TokenKind.Enum, ["impl"] = TokenKind.Impl, ["self"] = TokenKind.Self,
        ["true"] = TokenKind.True, ["false"] = TokenKind.False, ["and"] = TokenKind.And, ["or"] = TokenKind.Or,
        ["as"] = TokenKind.As, ["import"] = TokenKind.Import, ["pub"] = TokenKind.Pub, ["try"] = TokenKind.Try,
        ["catch"] = TokenKind.Catch, ["throw"] = TokenKind.Throw,
    };

    /// <summary>Span-keyed view of the keyword table, so the lexer looks words up without allocating.</summary>
    internal static readonly Dictionary<string, TokenKind>.AlternateLookup<ReadOnlySpan<char>> Keywords =
        KeywordTable.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<TokenKind, string> SpellingTable = BuildSpellings();

    private static Dictionary<TokenKind, string> BuildSpellings()
    {
        var table = new Dictionary<TokenKind, string>();
        foreach (var (word, kind) in KeywordTable) table[kind] = word;
        (TokenKind, string)[] punctuation =
        [
            (TokenKind.LParen, "("), (TokenKind.RParen, ")"), (TokenKind.LBracket, "["), (TokenKind.RBracket, "]"),
            (TokenKind.LBrace, "{"), (TokenKind.RBrace, "}"), (TokenKind.Comma, ","), (TokenKind.Colon, ":"),
            (TokenKind.Semicolon, ";"), (TokenKind.Dot, "."), (TokenKind.DotDot, ".."), (TokenKind.DotDotEq, "..="),
            (TokenKind.Tilde, "~"), (TokenKind.FatArrow, "=>"), (TokenKind.Arrow, "->"), (TokenKind.PipeGreater, "|>"),
            (TokenKind.Plus, "+"), (TokenKind.Minus, "-"), (TokenKind.Star, "*"), (TokenKind.Slash, "/"),
            (TokenKind.Percent, "%"), (TokenKind.StarCaret, "*^"), (TokenKind.Amp, "&"), (TokenKind.Pipe, "|"),
            (TokenKind.Caret, "^"), (TokenKind.Shl, "<<"), (TokenKind.Shr, ">>"), (TokenKind.Bang, "!"),
            (TokenKind.Eq, "=="), (TokenKind.Ne, "!="), (TokenKind.Lt, "<"), (TokenKind.Le, "<="),
            (TokenKind.Gt, ">"), (TokenKind.Ge, ">="), (TokenKind.Assign, "="), (TokenKind.PlusAssign, "+="),
            (TokenKind.MinusAssign, "-="), (TokenKind.StarAssign, "*="), (TokenKind.SlashAssign, "/="),
            (TokenKind.PercentAssign, "%="), (TokenKind.Underscore, "_"),
        ];
        foreach (var (kind, text) in punctuation) table[kind] = text;
        return table;
    }

    /// <summary>The fixed text of a keyword or punctuation token; null for names, literals and end of file.</summary>
    public static string? Spelling(TokenKind kind) => SpellingTable.GetValueOrDefault(kind);

    public static bool IsKeyword(TokenKind kind) => kind >= TokenKind.Fn && kind <= TokenKind.Throw;
}
