using Veld.Language.Syntax;

namespace Veld.Language.Tests;

public class MacroTests
{
    [Theory]
    [InlineData("println~(\"Hello {name}, {a + b}\")", "(println~ \"Hello \" name \", \" (+ a b))")]
    [InlineData("println~(\"x = {} and {}\", x, y)", "(println~ \"x = \" x \" and \" y)")]
    [InlineData("print~(\"{{literal}} {x}\")", "(print~ \"{literal} \" x)")]
    [InlineData("format~(\"a}}b{{c\")", "(format~ \"a}b{c\")")]
    [InlineData("format~(\"{}{x}{}\", 1, 2)", "(format~ 1 x 2)")]
    [InlineData("println~(\"tab\\t{x}\\n\")", "(println~ \"tab\\t\" x \"\\n\")")]
    [InlineData("println~(\"{m['k']}\")", "(println~ (index m \"k\"))")]
    [InlineData("println~(\"{ {a: 1}.len() }\")", "(println~ (.len (map (\"a\" 1))))")]
    [InlineData("println~(\"{f(x => x + 1)}\")", "(println~ (call f (fn (x) (block (+ x 1)))))")]
    [InlineData("println~(\"\")", "(println~)")]
    [InlineData("println~()", "(println~)")]
    [InlineData("assert~(x > 0)", "(assert~ (> x 0))")]
    [InlineData("assert~(x > 0, \"positive\")", "(assert~ (> x 0) \"positive\")")]
    public void Format_strings_become_parts(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Fact]
    public void Macro_kinds()
    {
        var (syntax, _) = VeldCompiler.Parse(V.Src("println~(\"a\")\nprint~(\"b\")\nformat~(\"c\")\nassert~(true)"));
        Assert.Equal([MacroKind.Println, MacroKind.Print, MacroKind.Format, MacroKind.Assert],
            syntax.Statements.Select(s => ((MacroExpr)((ExprStmt)s).Expr).Kind));
    }

    [Fact]
    public void Interpolated_expressions_have_their_real_source_positions()
    {
        const string code = "let v = 1\nprintln~(\"é {v} and\n  {v + 1}\")";
        var program = V.Ok(code);
        var names = V.All<NameExpr>(program).Where(n => n.Name == "v").Select(n => n.Pos).ToList();
        Assert.Equal([new SourcePos(2, 14), new SourcePos(3, 4)], names);
    }

    [Fact]
    public void Error_inside_an_interpolation_is_reported_at_its_position()
    {
        Assert.Equal("2:14: undeclared name 'nope'", V.FirstError("let x = 1\nprintln~(\"a {nope}\")"));
        Assert.Equal("1:15: expected expression but found '}'", V.FirstError("println~(\"{a +}\")"));
        Assert.Equal("1:14: unexpected 'b' in interpolation", V.FirstError("println~(\"{a b}\")"));
    }

    [Theory]
    [InlineData("println~(\"{} {}\", 1)", "1:10: format string has 2 placeholder(s) '{}' but 1 argument(s) were given")]
    [InlineData("println~(\"{}\", 1, 2)", "1:10: format string has 1 placeholder(s) '{}' but 2 argument(s) were given")]
    [InlineData("println~(\"x\", 1)", "1:10: format string has 0 placeholder(s) '{}' but 1 argument(s) were given")]
    [InlineData("println~(x)", "1:10: the first argument of 'println~' must be a string literal")]
    [InlineData("format~('c')", "1:9: the first argument of 'format~' must be a string literal")]
    [InlineData("println~(\"a { b\")", "1:13: unclosed '{' in format string (write '{{' for a literal brace)")]
    [InlineData("println~(\"a } b\")", "1:13: unmatched '}' in format string (write '}}' for a literal brace)")]
    [InlineData("println~(\"{ }\")", "1:12: empty interpolation '{ }' in format string")]
    [InlineData("println~(\"{m[\\\"k\\\"]}\")", "1:12: escape sequences are not allowed inside '{...}' in a format string")]
    [InlineData("vec~(1)", "1:1: unknown macro 'vec~'")]
    [InlineData("println~ x", "1:10: expected '(' after 'println~' but found 'x'")]
    [InlineData("assert~()", "1:9: 'assert~' needs a condition")]
    [InlineData("assert~(a, b, c)", "1:15: expected ')' but found 'c'")]
    [InlineData("x |> println~(\"{}\")", "1:6: cannot pipe into a macro")]
    public void Macro_errors(string code, string error) => Assert.Equal(error, V.FirstError(code));
}
