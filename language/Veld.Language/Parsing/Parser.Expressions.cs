using Veld.Language.Lexing;
using Veld.Language.Syntax;

namespace Veld.Language.Parsing;

// Operator levels of docs/SPEC.md section 4.1, loosest first:
//   assignment (right)  <  |>  <  or < and < comparisons (non-assoc) < .. ..= (non-assoc)
//   < | < ^ < & < << >> < + - < * / % < unary - ! < *^ (right, postfix left operand) < postfix
internal sealed partial class Parser
{
    internal Expr ParseExpression()
    {
        Enter(Current.Pos);
        var expr = ParseAssignment();
        Exit();
        return expr;
    }

    /// <summary><c>target = value</c> and the compound forms; right-associative, the loosest level.
    /// Whether the target is assignable is the resolver's check.</summary>
    private Expr ParseAssignment()
    {
        var target = ParsePipeline();
        BinaryOp? compound;
        switch (Current.Kind)
        {
            case TokenKind.Assign: compound = null; break;
            case TokenKind.PlusAssign: compound = BinaryOp.Add; break;
            case TokenKind.MinusAssign: compound = BinaryOp.Sub; break;
            case TokenKind.StarAssign: compound = BinaryOp.Mul; break;
            case TokenKind.SlashAssign: compound = BinaryOp.Div; break;
            case TokenKind.PercentAssign: compound = BinaryOp.Mod; break;
            default: return target;
        }
        Advance();
        var value = ParseExpression();
        return new AssignExpr { Target = target, CompoundOp = compound, Value = value, Pos = target.Pos };
    }

    /// <summary><c>x |&gt; f(a)</c> is <c>f(x, a)</c>; <c>x |&gt; o.m(a)</c> is <c>o.m(x, a)</c>; <c>x |&gt; f</c> is <c>f(x)</c>.</summary>
    private Expr ParsePipeline()
    {
        var left = ParseBinary(1);
        int links = 0;
        while (Check(TokenKind.PipeGreater))
        {
            var op = Advance();
            Enter(op.Pos);
            links++;
            var right = ParseBinary(1);
            left = right switch
            {
                CallExpr call => new CallExpr { Callee = call.Callee, Args = [new Argument(null, left), .. call.Args], Pos = call.Pos },
                MethodCallExpr method => new MethodCallExpr
                {
                    Target = method.Target, Name = method.Name, Args = [new Argument(null, left), .. method.Args], Pos = method.Pos,
                },
                MacroExpr => throw Error(right.Pos, "cannot pipe into a macro"),
                _ => new CallExpr { Callee = right, Args = [new Argument(null, left)], Pos = op.Pos },
            };
        }
        _depth -= links;
        return left;
    }

    private const int ComparisonLevel = 3;
    private const int RangeLevel = 4;

    private static int BinaryLevel(TokenKind kind) => kind switch
    {
        TokenKind.Or => 1,
        TokenKind.And => 2,
        TokenKind.Eq or TokenKind.Ne or TokenKind.Lt or TokenKind.Le or TokenKind.Gt or TokenKind.Ge => ComparisonLevel,
        TokenKind.DotDot or TokenKind.DotDotEq => RangeLevel,
        TokenKind.Pipe => 5,
        TokenKind.Caret => 6,
        TokenKind.Amp => 7,
        TokenKind.Shl or TokenKind.Shr => 8,
        TokenKind.Plus or TokenKind.Minus => 9,
        TokenKind.Star or TokenKind.Slash or TokenKind.Percent => 10,
        _ => 0,
    };

    /// <summary>The binary operator <paramref name="token"/> continues the expression. A <c>-</c> that
    /// starts a line does not: it begins the next statement or match arm (<c>-1 =&gt; ..</c>).</summary>
    private static int ContinuingLevel(Token token) =>
        token.Kind == TokenKind.Minus && token.NewlineBefore ? 0 : BinaryLevel(token.Kind);

    /// <summary>Precedence climbing over the binary levels 1..10 (or .. * / %).</summary>
    private Expr ParseBinary(int minLevel)
    {
        var left = ParseUnary();
        int links = 0;
        while (true)
        {
            var op = Current;
            int level = ContinuingLevel(op);
            if (level == 0 || level < minLevel) break;
            Advance();
            Enter(op.Pos);
            links++;
            var right = ParseBinary(level + 1);
            left = MakeBinary(op, left, right);
            if ((level == ComparisonLevel || level == RangeLevel) && ContinuingLevel(Current) == level)
            {
                throw Error(Current.Pos, level == ComparisonLevel
                    ? $"comparison operators cannot be chained: '{TokenFacts.Spelling(op.Kind)}' followed by {Describe(Current)} (use 'and')"
                    : "range operators cannot be chained");
            }
        }
        _depth -= links;
        return left;
    }

    private static Expr MakeBinary(Token op, Expr left, Expr right)
    {
        switch (op.Kind)
        {
            case TokenKind.And or TokenKind.Or:
                return new LogicalExpr { IsAnd = op.Kind == TokenKind.And, Left = left, Right = right, Pos = op.Pos };
            case TokenKind.DotDot or TokenKind.DotDotEq:
                return new RangeExpr { Start = left, End = right, Inclusive = op.Kind == TokenKind.DotDotEq, Pos = op.Pos };
        }
        var binary = op.Kind switch
        {
            TokenKind.Plus => BinaryOp.Add,
            TokenKind.Minus => BinaryOp.Sub,
            TokenKind.Star => BinaryOp.Mul,
            TokenKind.Slash => BinaryOp.Div,
            TokenKind.Percent => BinaryOp.Mod,
            TokenKind.Amp => BinaryOp.BitAnd,
            TokenKind.Pipe => BinaryOp.BitOr,
            TokenKind.Caret => BinaryOp.BitXor,
            TokenKind.Shl => BinaryOp.Shl,
            TokenKind.Shr => BinaryOp.Shr,
            TokenKind.Eq => BinaryOp.Eq,
            TokenKind.Ne => BinaryOp.Ne,
            TokenKind.Lt => BinaryOp.Lt,
            TokenKind.Le => BinaryOp.Le,
            TokenKind.Gt => BinaryOp.Gt,
            _ => BinaryOp.Ge,
        };
        return new BinaryExpr { Op = binary, Left = left, Right = right, Pos = op.Pos };
    }

    /// <summary>Prefix <c>-</c> and <c>!</c>. <c>-9223372036854775808</c> folds into i64 min, the one
    /// literal whose magnitude alone does not fit.</summary>
    private Expr ParseUnary()
    {
        var op = Current;
        if (op.Kind is not (TokenKind.Minus or TokenKind.Bang)) return ParsePower();
        Advance();
        if (op.Kind == TokenKind.Minus && IsMinIntMagnitude(Current) && !ContinuesPostfix(PeekAt(1)))
        {
            Advance();
            return new IntLiteral { Value = long.MinValue, Pos = op.Pos };
        }
        Enter(op.Pos);
        var operand = ParseUnary();
        Exit();
        return new UnaryExpr { Op = op.Kind == TokenKind.Minus ? UnaryOp.Negate : UnaryOp.Not, Operand = operand, Pos = op.Pos };
    }

    private static bool IsMinIntMagnitude(Token token) =>
        token.Kind == TokenKind.IntLiteral && !token.IntTooLarge && token.IntValue == 1UL << 63;

    /// <summary>Would <paramref name="next"/> bind tighter than a prefix minus to the preceding operand?</summary>
    private static bool ContinuesPostfix(Token next) =>
        next.Kind is TokenKind.Dot or TokenKind.StarCaret or TokenKind.As or TokenKind.Tilde
        || (next.Kind is TokenKind.LParen or TokenKind.LBracket && !next.NewlineBefore);

    /// <summary><c>a *^ b</c>: right-associative; the left operand is a postfix expression, the right
    /// one may carry a sign (<c>2 *^ -1</c>).</summary>
    private Expr ParsePower()
    {
        var left = ParsePostfix();
        if (!Check(TokenKind.StarCaret)) return left;
        var op = Advance();
        Enter(op.Pos);
        var right = ParseUnary();
        Exit();
        return new BinaryExpr { Op = BinaryOp.Pow, Left = left, Right = right, Pos = op.Pos };
    }

    /// <summary>Calls, indexing, <c>.name</c>, <c>.name(..)</c>, <c>.0</c> and <c>as T</c>, left to right.
    /// A <c>(</c> or <c>[</c> at the start of a line does not continue the expression.</summary>
    private Expr ParsePostfix()
    {
        var expr = ParsePrimary();
        int links = 0;
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.LParen when !token.NewlineBefore:
                    Opened(Advance(), TokenKind.RParen);
                    expr = new CallExpr { Callee = expr, Args = ParseArguments(), Pos = expr.Pos };
                    break;
                case TokenKind.LBracket when !token.NewlineBefore:
                    Advance();
                    bool guard = EnterBrackets();
                    var index = ParseExpression();
                    Expect(TokenKind.RBracket);
                    LeaveBrackets(guard);
                    expr = new IndexExpr { Target = expr, Index = index, Pos = token.Pos };
                    break;
                case TokenKind.Dot:
                    Advance();
                    expr = ParseMember(expr);
                    break;
                case TokenKind.As:
                    Advance();
                    expr = new CastExpr { Value = expr, Type = ParseCastType(), Pos = token.Pos };
                    break;
                default:
                    _depth -= links;
                    return expr;
            }
            Enter(token.Pos);
            links++;
        }
    }

    /// <summary>After <c>.</c>: a tuple index, a method call, or a field / map key.</summary>
    private Expr ParseMember(Expr target)
    {
        var name = Current;
        if (name.Kind == TokenKind.IntLiteral)
        {
            Advance();
            if (name.IntTooLarge || name.IntValue > int.MaxValue)
                throw Error(name.Pos, "tuple index is too large");
            return new TupleIndexExpr { Target = target, Index = (int)name.IntValue, Pos = name.Pos };
        }
        if (name.Kind != TokenKind.Identifier)
            throw Error(name.Pos, $"expected a field or method name after '.' but found {Describe(name)}");
        Advance();
        if (Check(TokenKind.LParen) && !Current.NewlineBefore)
        {
            Opened(Advance(), TokenKind.RParen);
            return new MethodCallExpr { Target = target, Name = name.Text!, Args = ParseArguments(), Pos = name.Pos };
        }
        return new MemberExpr { Target = target, Name = name.Text!, Pos = name.Pos };
    }

    /// <summary>Arguments after <c>(</c> up to and including <c>)</c>; <c>name: value</c> is a named argument.</summary>
    private List<Argument> ParseArguments()
    {
        bool guard = EnterBrackets();
        var args = new List<Argument>();
        while (!Check(TokenKind.RParen))
        {
            string? name = null;
            if (Check(TokenKind.Identifier) && PeekAt(1).Kind == TokenKind.Colon)
            {
                name = Advance().Text;
                Advance();
            }
            args.Add(new Argument(name, ParseExpression()));
            if (!Match(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RParen);
        LeaveBrackets(guard);
        return args;
    }
}
