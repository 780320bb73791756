using Veld.Language.Syntax;

namespace Veld.Language.Lexing;

/// <summary>
/// One token. <see cref="Start"/>/<see cref="End"/> are UTF-16 offsets into the source text (the
/// format-string macros re-read a string literal's raw text from them). <see cref="NewlineBefore"/> is
/// true when a line break separates this token from the previous one: a <c>(</c> or <c>[</c> that starts
/// a line does not continue a call or index, and a <c>-</c> that starts a line does not continue a
/// subtraction.
/// </summary>
public readonly record struct Token(TokenKind Kind, SourcePos Pos, int Start, int End, bool NewlineBefore)
{
    /// <summary>Identifier name, or the decoded value of a string/char literal.</summary>
    public string? Text { get; init; }
    /// <summary>Magnitude of an integer literal (the sign is a separate <c>-</c> token).</summary>
    public ulong IntValue { get; init; }
    /// <summary>The integer literal does not even fit in 64 unsigned bits.</summary>
    public bool IntTooLarge { get; init; }
    public double FloatValue { get; init; }

    public bool Is(TokenKind kind) => Kind == kind;
}
