using Veld.Language.Lexing;
using Veld.Language.Syntax;

namespace Veld.Language.Parsing;

// Statements and declarations: let/var/const, fn/proc, struct, enum, impl, import.
internal sealed partial class Parser
{
    private Stmt ParseStatement()
    {
        while (Check(TokenKind.Pub)) Advance(); // `pub` is accepted and ignored
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Let or TokenKind.Var or TokenKind.Const:
                return ParseLetStatement();
            case TokenKind.Fn or TokenKind.Proc when PeekAt(1).Kind == TokenKind.Identifier:
                return ParseFnDecl(inImpl: false);
            case TokenKind.Struct:
                return ParseStruct();
            case TokenKind.Enum:
                return ParseEnum();
            case TokenKind.Impl:
                return ParseImpl();
            case TokenKind.Import:
                return ParseImport();
            default:
                return new ExprStmt { Expr = ParseExpression(), Pos = token.Pos };
        }
    }

    /// <summary><c>let [mut] p [: T] = e</c>, <c>var</c>, <c>const</c>; followed by <c>in</c> it is a let-in expression.</summary>
    private Stmt ParseLetStatement()
    {
        var keyword = Advance();
        var kind = keyword.Kind switch
        {
            TokenKind.Var => DeclKind.Var,
            TokenKind.Const => DeclKind.Const,
            _ => Match(TokenKind.Mut) ? DeclKind.LetMut : DeclKind.Let,
        };
        var pattern = ParsePattern(mutableBindings: kind is DeclKind.LetMut or DeclKind.Var);
        var type = Match(TokenKind.Colon) ? ParseType() : null;
        Expect(TokenKind.Assign);
        var value = ParseExpression();
        if (Check(TokenKind.In))
        {
            if (kind is DeclKind.Var or DeclKind.Const)
                throw Error(Current.Pos, $"'in' can only follow 'let', not '{TokenFacts.Spelling(keyword.Kind)}'");
            return new ExprStmt { Expr = FinishLetIn(keyword.Pos, pattern, type, value), Pos = keyword.Pos };
        }
        return new LetStmt { Kind = kind, Pattern = pattern, Type = type, Value = value, Pos = keyword.Pos };
    }

    /// <summary><c>let p = e in body</c> in expression position.</summary>
    private LetInExpr ParseLetInExpression()
    {
        var keyword = Advance();
        bool mutable = Match(TokenKind.Mut);
        var pattern = ParsePattern(mutableBindings: mutable);
        var type = Match(TokenKind.Colon) ? ParseType() : null;
        Expect(TokenKind.Assign);
        var value = ParseExpression();
        if (!Check(TokenKind.In))
            throw Error(Current.Pos, $"expected 'in' but found {Describe(Current)}");
        return FinishLetIn(keyword.Pos, pattern, type, value);
    }

    private LetInExpr FinishLetIn(SourcePos pos, Pattern pattern, TypeRef? type, Expr value)
    {
        Expect(TokenKind.In);
        var body = ParseExpression();
        return new LetInExpr { Pattern = pattern, Type = type, Value = value, Body = body, Pos = pos };
    }

    // ---- functions ----------------------------------------------------------------------------

    /// <summary><c>fn name&lt;T&gt;(params) [-&gt; T] body end</c> or <c>... =&gt; expr</c>; <c>proc</c> likewise.</summary>
    private FnDecl ParseFnDecl(bool inImpl)
    {
        var keyword = Advance();
        var name = ExpectIdentifier("a function name");
        var generics = ParseGenericParameters();
        var function = ParseFunctionRest(keyword.Pos, name, generics, keyword.Kind == TokenKind.Proc, isLambda: false, allowSelf: inImpl);
        return new FnDecl { Function = function, Pos = keyword.Pos };
    }

    /// <summary>From the parameter list on: <c>(params) [-&gt; T] (=&gt; expr | body end)</c>.</summary>
    private FunctionNode ParseFunctionRest(SourcePos pos, string? name, List<string> generics, bool isProc, bool isLambda, bool allowSelf)
    {
        Expect(TokenKind.LParen);
        var parameters = new List<Parameter>();
        bool hasSelf = false;
        while (!Check(TokenKind.RParen))
        {
            var token = Current;
            if (token.Kind == TokenKind.Self)
            {
                if (!allowSelf) throw Error(token.Pos, "'self' parameter outside an impl");
                if (parameters.Count > 0) throw Error(token.Pos, "'self' must be the first parameter");
                hasSelf = true;
            }
            parameters.Add(ParseParameter());
            if (!Match(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RParen);
        var returnType = Match(TokenKind.Arrow) ? ParseType() : null;
        var body = ParseFunctionBody(pos, isProc ? "proc" : "fn");
        return new FunctionNode
        {
            Name = name,
            Generics = generics,
            Parameters = parameters,
            ReturnType = returnType,
            Body = body,
            IsProc = isProc,
            IsLambda = isLambda,
            HasSelf = hasSelf,
            Pos = pos,
        };
    }

    /// <summary><c>=&gt; expr</c> (a block of one expression statement) or statements up to <c>end</c>.</summary>
    private Block ParseFunctionBody(SourcePos keyword, string keywordText)
    {
        if (Check(TokenKind.FatArrow))
        {
            Advance();
            return ExpressionBody(ParseExpression());
        }
        _open.Add(new OpenConstruct(keywordText, keyword, TokenKind.End));
        var body = ParseBlock(Current.Pos);
        Expect(TokenKind.End);
        return body;
    }

    private static Block ExpressionBody(Expr expr) =>
        new() { Statements = [new ExprStmt { Expr = expr, Pos = expr.Pos }], Pos = expr.Pos };

    /// <summary><c>name</c>, <c>_</c> or <c>self</c>, with an optional <c>: Type</c>.</summary>
    private Parameter ParseParameter()
    {
        var token = Current;
        string name = token.Kind switch
        {
            TokenKind.Identifier => token.Text!,
            TokenKind.Underscore => "_",
            TokenKind.Self => "self",
            _ => throw Error(token.Pos, $"expected a parameter name but found {Describe(token)}"),
        };
        Advance();
        var type = Match(TokenKind.Colon) ? ParseType() : null;
        return new Parameter(new Binding { Name = name, Pos = token.Pos }, type);
    }

    /// <summary><c>&lt;T, U: Bound&gt;</c> after a declared name (bounds are parsed and ignored).</summary>
    private List<string> ParseGenericParameters()
    {
        var names = new List<string>();
        if (!Check(TokenKind.Lt)) return names;
        Advance();
        while (!CheckClosingAngle())
        {
            names.Add(ExpectIdentifier("a type parameter name"));
            if (Match(TokenKind.Colon)) ParseType();
            if (!Match(TokenKind.Comma)) break;
        }
        ExpectClosingAngle();
        return names;
    }

    // ---- types: struct, enum, impl -------------------------------------------------------------

    /// <summary><c>struct Name fields end</c> or <c>struct Name(a: T, b: U);</c></summary>
    private StructDecl ParseStruct()
    {
        var keyword = Advance();
        var name = ExpectIdentifier("a struct name");
        var generics = ParseGenericParameters();
        var fields = new List<FieldDecl>();
        bool parenthesized = Match(TokenKind.LParen);
        var closer = parenthesized ? TokenKind.RParen : TokenKind.End;
        while (!Check(closer) && !Check(TokenKind.EndOfFile))
        {
            if (Match(TokenKind.Comma) || Match(TokenKind.Semicolon) || Match(TokenKind.Pub)) continue;
            var fieldToken = Current;
            var fieldName = ExpectIdentifier("a field name");
            var type = Match(TokenKind.Colon) ? ParseType() : null;
            fields.Add(new FieldDecl(fieldName, type, fieldToken.Pos));
            if (!Check(TokenKind.Comma) && !Check(closer) && !Current.NewlineBefore)
                throw Error(Current.Pos, $"expected ',' or '{TokenFacts.Spelling(closer)}' but found {Describe(Current)}");
        }
        Expect(closer);
        return new StructDecl { Name = name, Generics = generics, Fields = fields, Pos = keyword.Pos };
    }

    /// <summary><c>enum Name Variant, Variant(T) end</c> or <c>enum Name(A, B, C)</c>.</summary>
    private EnumDecl ParseEnum()
    {
        var keyword = Advance();
        var name = ExpectIdentifier("an enum name");
        var generics = ParseGenericParameters();
        var variants = new List<VariantDecl>();
        bool parenthesized = Match(TokenKind.LParen);
        var closer = parenthesized ? TokenKind.RParen : TokenKind.End;
        while (!Check(closer) && !Check(TokenKind.EndOfFile))
        {
            if (Match(TokenKind.Comma) || Match(TokenKind.Semicolon)) continue;
            var variantToken = Current;
            var variantName = ExpectIdentifier("a variant name");
            var payload = new List<TypeRef>();
            if (Check(TokenKind.LParen) && !Current.NewlineBefore)
            {
                Advance();
                while (!Check(TokenKind.RParen))
                {
                    payload.Add(ParseType());
                    if (!Match(TokenKind.Comma)) break;
                }
                Expect(TokenKind.RParen);
            }
            variants.Add(new VariantDecl(variantName, payload, variantToken.Pos));
            if (!Check(TokenKind.Comma) && !Check(closer) && !Current.NewlineBefore)
                throw Error(Current.Pos, $"expected ',' or '{TokenFacts.Spelling(closer)}' but found {Describe(Current)}");
        }
        Expect(closer);
        return new EnumDecl { Name = name, Generics = generics, Variants = variants, Pos = keyword.Pos };
    }

    /// <summary><c>impl Name fn ... end ... end</c></summary>
    private ImplDecl ParseImpl()
    {
        var keyword = Opened(Advance(), TokenKind.End);
        ParseGenericParameters();
        var typeName = ExpectIdentifier("a type name");
        if (Check(TokenKind.Lt)) ParseTypeArguments(new System.Text.StringBuilder());
        var methods = new List<FunctionNode>();
        while (!Check(TokenKind.End) && !Check(TokenKind.EndOfFile))
        {
            if (Match(TokenKind.Semicolon) || Match(TokenKind.Pub)) continue;
            if (Check(TokenKind.Fn) || Check(TokenKind.Proc))
            {
                if (PeekAt(1).Kind != TokenKind.Identifier)
                    throw Error(PeekAt(1).Pos, $"expected a method name but found {Describe(PeekAt(1))}");
                methods.Add(ParseFnDecl(inImpl: true).Function);
                continue;
            }
            throw Error(Current.Pos, $"expected 'fn' or 'end' in impl body but found {Describe(Current)}");
        }
        Expect(TokenKind.End);
        return new ImplDecl { TypeName = typeName, Methods = methods, Pos = keyword.Pos };
    }

    /// <summary><c>import std.io</c>, <c>import std.io.{print, println}</c></summary>
    private ImportStmt ParseImport()
    {
        var keyword = Advance();
        var path = new List<string> { ExpectIdentifier("a module name") };
        var names = new List<string>();
        while (Match(TokenKind.Dot))
        {
            if (Match(TokenKind.LBrace))
            {
                while (!Check(TokenKind.RBrace))
                {
                    names.Add(ExpectIdentifier("an imported name"));
                    if (!Match(TokenKind.Comma)) break;
                }
                Expect(TokenKind.RBrace);
                break;
            }
            path.Add(ExpectIdentifier("a module name"));
        }
        return new ImportStmt { Path = path, Names = names, Pos = keyword.Pos };
    }
}
