using Veld.Language.Lexing;
using Veld.Language.Syntax;

namespace Veld.Language.Parsing;

// Primary expressions: literals, names, lambdas, constructors and the block-shaped control flow.
internal sealed partial class Parser
{
    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.IntLiteral:
                Advance();
                return new IntLiteral { Value = SignedInt(token, negative: false), Pos = token.Pos };
            case TokenKind.FloatLiteral:
                Advance();
                return new FloatLiteral { Value = token.FloatValue, Pos = token.Pos };
            case TokenKind.StringLiteral or TokenKind.CharLiteral:
                Advance();
                return new StringLiteral { Value = token.Text!, Pos = token.Pos };
            case TokenKind.True or TokenKind.False:
                Advance();
                return new BoolLiteral { Value = token.Kind == TokenKind.True, Pos = token.Pos };
            case TokenKind.Identifier:
                if (PeekAt(1).Kind == TokenKind.FatArrow && !_inGuard) return ParseSingleParameterLambda();
                if (PeekAt(1).Kind == TokenKind.Tilde) return ParseMacro();
                Advance();
                return new NameExpr { Name = token.Text!, Pos = token.Pos };
            case TokenKind.Underscore:
                if (PeekAt(1).Kind == TokenKind.FatArrow && !_inGuard) return ParseSingleParameterLambda();
                throw Error(token.Pos, "'_' can only be used in patterns and as a parameter name");
            case TokenKind.Self:
                Advance();
                return new NameExpr { Name = "self", Pos = token.Pos };
            case TokenKind.LParen:
                if (!_inGuard && LooksLikeLambdaParameters()) return ParseParenthesizedLambda();
                return ParseParenthesized();
            case TokenKind.LBracket:
                return ParseArray();
            case TokenKind.LBrace:
                return ParseMap();
            case TokenKind.Fn:
                if (PeekAt(1).Kind != TokenKind.LParen)
                    throw Error(PeekAt(1).Pos, $"expected '(' after 'fn' in a function expression but found {Describe(PeekAt(1))}");
                Advance();
                return new FunctionExpr
                {
                    Function = ParseFunctionRest(token.Pos, null, [], isProc: false, isLambda: true, allowSelf: false),
                    Pos = token.Pos,
                };
            case TokenKind.If: return ParseIf();
            case TokenKind.While: return ParseWhile();
            case TokenKind.For: return ParseFor();
            case TokenKind.Match: return ParseMatch();
            case TokenKind.Do: return ParseDo();
            case TokenKind.Try: return ParseTry();
            case TokenKind.Let: return ParseLetInExpression();
            case TokenKind.Return: return ParseReturn();
            case TokenKind.Break:
                Advance();
                return new BreakExpr { Pos = token.Pos };
            case TokenKind.Continue:
                Advance();
                return new ContinueExpr { Pos = token.Pos };
            case TokenKind.Throw:
                Advance();
                return new ThrowExpr { Value = ParseExpression(), Pos = token.Pos };
            default:
                throw Error(token.Pos, $"expected expression but found {Describe(token)}");
        }
    }

    /// <summary>An integer literal's value; out of i64 range is reported (and parsed as 0).</summary>
    private long SignedInt(Token token, bool negative)
    {
        if (negative && IsMinIntMagnitude(token)) return long.MinValue;
        if (token.IntTooLarge || token.IntValue > long.MaxValue)
        {
            Report(token.Pos, "integer literal is too large for a 64-bit integer");
            return 0;
        }
        return negative ? -(long)token.IntValue : (long)token.IntValue;
    }

    private static bool CanStartExpression(TokenKind kind) => kind is
        TokenKind.IntLiteral or TokenKind.FloatLiteral or TokenKind.StringLiteral or TokenKind.CharLiteral
        or TokenKind.True or TokenKind.False or TokenKind.Identifier or TokenKind.Underscore or TokenKind.Self
        or TokenKind.LParen or TokenKind.LBracket or TokenKind.LBrace or TokenKind.Minus or TokenKind.Bang
        or TokenKind.Fn or TokenKind.If or TokenKind.While or TokenKind.For or TokenKind.Match or TokenKind.Do
        or TokenKind.Try or TokenKind.Let or TokenKind.Return or TokenKind.Break or TokenKind.Continue or TokenKind.Throw;

    // ---- lambdas ------------------------------------------------------------------------------

    /// <summary><c>x =&gt; body</c></summary>
    private FunctionExpr ParseSingleParameterLambda()
    {
        var token = Current;
        var parameter = ParseParameter();
        Expect(TokenKind.FatArrow);
        return MakeLambda(token.Pos, [parameter], returnType: null, ParseExpression());
    }

    /// <summary><c>(a, b: i64) [-&gt; T] =&gt; body</c>, <c>() =&gt; body</c></summary>
    private FunctionExpr ParseParenthesizedLambda()
    {
        var open = Advance();
        var parameters = new List<Parameter>();
        while (!Check(TokenKind.RParen))
        {
            if (Check(TokenKind.Self)) throw Error(Current.Pos, "'self' parameter outside an impl");
            parameters.Add(ParseParameter());
            if (!Match(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RParen);
        var returnType = Match(TokenKind.Arrow) ? ParseType() : null;
        Expect(TokenKind.FatArrow);
        return MakeLambda(open.Pos, parameters, returnType, ParseExpression());
    }

    private static FunctionExpr MakeLambda(SourcePos pos, List<Parameter> parameters, TypeRef? returnType, Expr body) => new()
    {
        Function = new FunctionNode
        {
            Parameters = parameters,
            ReturnType = returnType,
            Body = ExpressionBody(body),
            IsLambda = true,
            Pos = pos,
        },
        Pos = pos,
    };

    /// <summary>
    /// At <c>(</c>: is this a lambda's parameter list? Scans to the matching <c>)</c> over tokens that can
    /// appear in a parameter list (names, <c>_</c>, <c>:</c>, <c>,</c>, type syntax) and checks for a
    /// following <c>=&gt;</c> or <c>-&gt;</c>. Stops at the first other token, so the scan is short.
    /// </summary>
    private bool LooksLikeLambdaParameters()
    {
        int depth = 0;
        for (int ahead = 0; ; ahead++)
        {
            var token = PeekAt(ahead);
            switch (token.Kind)
            {
                case TokenKind.LParen or TokenKind.LBracket:
                    depth++;
                    break;
                case TokenKind.RParen or TokenKind.RBracket:
                    if (--depth == 0)
                        return PeekAt(ahead + 1).Kind is TokenKind.FatArrow or TokenKind.Arrow;
                    break;
                case TokenKind.Identifier or TokenKind.Underscore or TokenKind.Colon or TokenKind.Comma
                    or TokenKind.Lt or TokenKind.Gt or TokenKind.Shr or TokenKind.Pipe or TokenKind.Arrow or TokenKind.Fn:
                    break;
                default:
                    return false;
            }
        }
    }

    // ---- constructors -------------------------------------------------------------------------

    /// <summary><c>()</c> unit, <c>(e)</c> grouping, <c>(a,)</c> and <c>(a, b)</c> tuples.</summary>
    private Expr ParseParenthesized()
    {
        var open = Advance();
        if (Match(TokenKind.RParen)) return new UnitLiteral { Pos = open.Pos };
        Opened(open, TokenKind.RParen);
        bool guard = EnterBrackets();
        var first = ParseExpression();
        if (!Check(TokenKind.Comma))
        {
            Expect(TokenKind.RParen);
            LeaveBrackets(guard);
            return first;
        }
        var elements = new List<Expr> { first };
        while (Match(TokenKind.Comma))
        {
            if (Check(TokenKind.RParen)) break;
            elements.Add(ParseExpression());
        }
        Expect(TokenKind.RParen);
        LeaveBrackets(guard);
        return new TupleExpr { Elements = elements, Pos = open.Pos };
    }

    private ArrayExpr ParseArray()
    {
        var open = Opened(Advance(), TokenKind.RBracket);
        bool guard = EnterBrackets();
        var elements = new List<Expr>();
        while (!Check(TokenKind.RBracket))
        {
            elements.Add(ParseExpression());
            if (!Match(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RBracket);
        LeaveBrackets(guard);
        return new ArrayExpr { Elements = elements, Pos = open.Pos };
    }

    /// <summary><c>{name: 1, "k": 2, (1, 2): 3}</c>: a bare identifier key is the string key.</summary>
    private MapExpr ParseMap()
    {
        var open = Opened(Advance(), TokenKind.RBrace);
        bool guard = EnterBrackets();
        var entries = new List<MapEntry>();
        while (!Check(TokenKind.RBrace))
        {
            Expr key;
            if (Check(TokenKind.Identifier) && PeekAt(1).Kind == TokenKind.Colon)
            {
                var name = Advance();
                key = new StringLiteral { Value = name.Text!, Pos = name.Pos };
            }
            else key = ParseExpression();
            Expect(TokenKind.Colon);
            entries.Add(new MapEntry(key, ParseExpression()));
            if (!Match(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RBrace);
        LeaveBrackets(guard);
        return new MapExpr { Entries = entries, Pos = open.Pos };
    }

    // ---- control flow -------------------------------------------------------------------------

    /// <summary><c>if c then .. else if c2 then .. else .. end</c>: one <c>end</c> closes the chain.
    /// <c>else if</c> chains only when <c>if</c> is on the <c>else</c>'s line.</summary>
    private IfExpr ParseIf()
    {
        var keyword = Opened(Advance(), TokenKind.End);
        var branches = new List<IfBranch>();
        Block? elseBlock = null;
        while (true)
        {
            var condition = ParseExpression();
            Expect(TokenKind.Then);
            branches.Add(new IfBranch(condition, ParseBlock(Current.Pos)));
            if (!Check(TokenKind.Else)) break;
            Advance();
            if (Check(TokenKind.If) && !Current.NewlineBefore)
            {
                Advance();
                continue;
            }
            elseBlock = ParseBlock(Current.Pos);
            break;
        }
        Expect(TokenKind.End);
        return new IfExpr { Branches = branches, Else = elseBlock, Pos = keyword.Pos };
    }

    private WhileExpr ParseWhile()
    {
        var keyword = Opened(Advance(), TokenKind.End);
        var condition = ParseExpression();
        Expect(TokenKind.Do);
        var body = ParseBlock(Current.Pos);
        Expect(TokenKind.End);
        return new WhileExpr { Condition = condition, Body = body, Pos = keyword.Pos };
    }

    private ForExpr ParseFor()
    {
        var keyword = Opened(Advance(), TokenKind.End);
        var pattern = ParsePattern(mutableBindings: false);
        Expect(TokenKind.In);
        var iterable = ParseExpression();
        Expect(TokenKind.Do);
        var body = ParseBlock(Current.Pos);
        Expect(TokenKind.End);
        return new ForExpr { Pattern = pattern, Iterable = iterable, Body = body, Pos = keyword.Pos };
    }

    private BlockExpr ParseDo()
    {
        var keyword = Opened(Advance(), TokenKind.End);
        var block = ParseBlock(Current.Pos);
        Expect(TokenKind.End);
        return new BlockExpr { Block = block, Pos = keyword.Pos };
    }

    /// <summary><c>match e  pattern [where guard] =&gt; expr, ...  end</c>; arms separated by commas and/or newlines.</summary>
    private MatchExpr ParseMatch()
    {
        var keyword = Opened(Advance(), TokenKind.End);
        var scrutinee = ParseExpression();
        var arms = new List<MatchArm>();
        while (!Check(TokenKind.End) && !Check(TokenKind.EndOfFile))
        {
            if (Match(TokenKind.Comma) || Match(TokenKind.Semicolon)) continue;
            var armPos = Current.Pos;
            var pattern = ParsePattern(mutableBindings: false);
            var guard = Match(TokenKind.Where) ? ParseGuard() : null;
            Expect(TokenKind.FatArrow);
            var body = ParseExpression();
            arms.Add(new MatchArm { Pattern = pattern, Guard = guard, Body = body, Pos = armPos });
        }
        Expect(TokenKind.End);
        return new MatchExpr { Scrutinee = scrutinee, Arms = arms, Pos = keyword.Pos };
    }

    private Expr ParseGuard()
    {
        bool saved = _inGuard;
        _inGuard = true;
        var guard = ParseExpression();
        _inGuard = saved;
        return guard;
    }

    /// <summary><c>try body catch [name] handler end</c></summary>
    private TryExpr ParseTry()
    {
        var keyword = Opened(Advance(), TokenKind.End);
        var body = ParseBlock(Current.Pos);
        var catchToken = Expect(TokenKind.Catch);
        Binding? binding = null;
        var name = Current;
        if (!name.NewlineBefore && name.Kind == TokenKind.Underscore)
            Advance();
        else if (!name.NewlineBefore && name.Kind == TokenKind.Identifier && !StartsHandlerExpression(PeekAt(1)))
        {
            Advance();
            binding = new Binding { Name = name.Text!, Pos = name.Pos };
        }
        var handler = ParseBlock(catchToken.Pos);
        Expect(TokenKind.End);
        return new TryExpr { Body = body, CatchBinding = binding, Handler = handler, Pos = keyword.Pos };
    }

    /// <summary>In <c>catch println("x")</c> the name after <c>catch</c> begins the handler rather than
    /// naming the error: it is followed, on the same line, by something that continues an expression.</summary>
    private static bool StartsHandlerExpression(Token next) =>
        !next.NewlineBefore && (ContinuesPostfix(next) || BinaryLevel(next.Kind) > 0
            || next.Kind is TokenKind.Assign or TokenKind.PlusAssign or TokenKind.MinusAssign or TokenKind.StarAssign
                or TokenKind.SlashAssign or TokenKind.PercentAssign or TokenKind.PipeGreater or TokenKind.FatArrow);

    /// <summary><c>return</c> takes a value when one starts on the same line.</summary>
    private ReturnExpr ParseReturn()
    {
        var keyword = Advance();
        Expr? value = !Current.NewlineBefore && CanStartExpression(Current.Kind) ? ParseExpression() : null;
        return new ReturnExpr { Value = value, Pos = keyword.Pos };
    }
}
