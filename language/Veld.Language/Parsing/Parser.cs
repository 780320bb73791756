using System.Runtime.CompilerServices;
using Veld.Language.Lexing;
using Veld.Language.Syntax;

namespace Veld.Language.Parsing;

/// <summary>
/// Recursive-descent parser from tokens to the syntax tree of <c>Syntax/*.cs</c>.
///
/// Error handling: a syntax error is reported and thrown as <see cref="ParseError"/>, which unwinds to
/// the innermost statement list; that list skips to the next plausible statement start (a token that
/// begins a line, or a block terminator) and goes on, so one file reports several errors. Every
/// iteration of a statement loop consumes at least one token, so the parser cannot hang.
///
/// Depth: every recursive entry, and every link of a left-associative chain (which deepens the tree
/// without recursing here), counts against <see cref="LanguageLimits.MaxNestingDepth"/>. Exceeding it
/// is the compile error "nesting too deep" and ends the parse (<see cref="ParseAbort"/>), so the tree
/// handed to the resolver and the tiers is never deeper than that bound.
/// </summary>
internal sealed partial class Parser
{
    private readonly Source _source;
    private readonly TokenStream _tokens;
    private readonly DiagnosticBag _diagnostics;
    private int _depth;
    /// <summary>Parsing a match guard outside any bracket: <c>where x == y =&gt; ..</c> must not read
    /// <c>y =&gt; ..</c> as a lambda. Brackets and blocks clear it again (<see cref="EnterBrackets"/>).</summary>
    private bool _inGuard;
    /// <summary>This parser reads one <c>{expr}</c> of a format string: its end of input is the <c>}</c>.</summary>
    private readonly bool _isInterpolation;

    /// <summary>A reported syntax error unwinding to the nearest statement list.</summary>
    private sealed class ParseError : Exception;

    /// <summary>Parsing stops: nesting too deep, or the diagnostic limit is reached.</summary>
    internal sealed class ParseAbort : Exception;

    public Parser(Source source, DiagnosticBag diagnostics)
        : this(source, new Lexer(source, diagnostics), diagnostics, depth: 0) { }

    private Parser(Source source, Lexer lexer, DiagnosticBag diagnostics, int depth, bool isInterpolation = false)
    {
        _isInterpolation = isInterpolation;
        _source = source;
        _tokens = new TokenStream(lexer);
        _diagnostics = diagnostics;
        _depth = depth;
    }

    public ProgramNode ParseProgram()
    {
        var statements = new List<Stmt>();
        try
        {
            ParseStatements(statements, topLevel: true);
        }
        catch (ParseAbort)
        {
            // already reported; keep what was parsed
        }
        return new ProgramNode { Statements = statements, Pos = new SourcePos(1, 1) };
    }

    // ---- token access -------------------------------------------------------------------------

    private Token Current => _tokens.Peek();
    private Token PeekAt(int ahead) => _tokens.Peek(ahead);
    private bool Check(TokenKind kind) => Current.Kind == kind;
    private Token Advance() => _tokens.Advance();

    private bool Match(TokenKind kind)
    {
        if (!Check(kind)) return false;
        Advance();
        return true;
    }

    private Token Expect(TokenKind kind)
    {
        if (Check(kind))
        {
            Closed(kind);
            return Advance();
        }
        throw Error(Current.Pos, $"expected '{TokenFacts.Spelling(kind)}' but found {Describe(Current)}");
    }

    private string ExpectIdentifier(string what)
    {
        if (Check(TokenKind.Identifier)) return Advance().Text!;
        throw Error(Current.Pos, $"expected {what} but found {Describe(Current)}");
    }

    /// <summary>A token for an error message: <c>'end'</c>, <c>'x'</c>, <c>string literal</c>, <c>end of file</c>.</summary>
    internal string Describe(Token token) => token.Kind switch
    {
        TokenKind.EndOfFile => _isInterpolation ? "'}'" : "end of file",
        TokenKind.Identifier => $"'{token.Text}'",
        TokenKind.StringLiteral => "string literal",
        TokenKind.CharLiteral => "character literal",
        TokenKind.IntLiteral or TokenKind.FloatLiteral => $"'{RawText(token, 24)}'",
        _ => $"'{TokenFacts.Spelling(token.Kind)}'",
    };

    private string RawText(Token token, int maxLength)
    {
        int length = Math.Min(token.End - token.Start, maxLength);
        return _source.Text.Substring(token.Start, length) + (token.End - token.Start > maxLength ? "..." : "");
    }

    // ---- errors and limits --------------------------------------------------------------------

    /// <summary>Reports an error and returns the exception that unwinds to the statement list.</summary>
    private ParseError Error(SourcePos pos, string message)
    {
        if (AtOpenConstruct(pos, message) is { } located) Report(located.Pos, located.Message);
        return new ParseError();
    }

    /// <summary>Reports an error without unwinding (the parse can go on normally).</summary>
    private void Report(SourcePos pos, string message)
    {
        _diagnostics.Report(pos, message);
        if (_diagnostics.IsFull) throw new ParseAbort();
    }

    /// <summary>One level deeper in the tree. Paired with <see cref="Exit"/>; an unwinding error
    /// restores the depth saved by the statement loop instead.</summary>
    private void Enter(SourcePos pos)
    {
        if (++_depth > LanguageLimits.MaxNestingDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _diagnostics.Report(pos, "nesting too deep");
            throw new ParseAbort();
        }
    }

    private void Exit() => _depth--;

    /// <summary>Entering brackets or a block, where a lambda is always allowed: clears the guard flag
    /// and returns its old value for <see cref="LeaveBrackets"/>. (An unwinding error skips the
    /// restore; the statement loop restores the flag it saved.)</summary>
    private bool EnterBrackets()
    {
        bool saved = _inGuard;
        _inGuard = false;
        return saved;
    }

    private void LeaveBrackets(bool saved) => _inGuard = saved;

    // ---- statement lists ----------------------------------------------------------------------

    private static bool IsBlockTerminator(TokenKind kind) =>
        kind is TokenKind.End or TokenKind.Else or TokenKind.Catch or TokenKind.EndOfFile;

    /// <summary>A block's statements, up to (not including) <c>end</c>, <c>else</c>, <c>catch</c> or end of file.</summary>
    private Block ParseBlock(SourcePos pos)
    {
        Enter(pos);
        var statements = new List<Stmt>();
        bool guard = EnterBrackets();
        ParseStatements(statements, topLevel: false);
        LeaveBrackets(guard);
        Exit();
        return new Block { Statements = statements, Pos = pos };
    }

    private void ParseStatements(List<Stmt> into, bool topLevel)
    {
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.EndOfFile) return;
            if (token.Kind == TokenKind.Semicolon)
            {
                Advance();
                continue;
            }
            if (IsBlockTerminator(token.Kind))
            {
                if (!topLevel) return;
                Report(token.Pos, $"unexpected {Describe(token)}");
                Advance();
                continue;
            }

            long consumedBefore = _tokens.Consumed;
            int depthBefore = _depth;
            bool guardBefore = _inGuard;
            int openBefore = _open.Count;
            try
            {
                into.Add(ParseStatement());
            }
            catch (ParseError)
            {
                _depth = depthBefore;
                _inGuard = guardBefore;
                _open.RemoveRange(openBefore, _open.Count - openBefore);
                Synchronize(consumedBefore);
            }
        }
    }

    /// <summary>
    /// After an error: skip to a token that starts a line or ends a block. If the failed statement
    /// consumed nothing, skip at least its first token so the loop always makes progress.
    /// </summary>
    private void Synchronize(long consumedAtStatementStart)
    {
        if (_tokens.Consumed == consumedAtStatementStart) Advance();
        while (!IsBlockTerminator(Current.Kind) && !Current.NewlineBefore)
            Advance();
    }
}
