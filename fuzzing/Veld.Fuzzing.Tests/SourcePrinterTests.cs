using Veld.Fuzzing.Generation;
using Veld.Language.Printing;
using Veld.Language;
using Veld.Language.Syntax;
using TreeDump = Veld.Language.Syntax.SyntaxPrinter;

namespace Veld.Fuzzing.Tests;

/// <summary>
/// The source printer must print a tree as text that parses back to the same tree (compared through
/// the front end's S-expression dump), and printing must be idempotent.
/// </summary>
public class SourcePrinterTests
{
    private static ProgramNode Parse(string text, string name = "test.veld")
    {
        var (syntax, diagnostics) = VeldCompiler.Parse(new Source(name, text));
        Assert.True(diagnostics.Count == 0, $"{name}: {(diagnostics.Count > 0 ? diagnostics[0].Message + " at " + diagnostics[0].Pos : "")}\n{text}");
        return syntax;
    }

    /// <summary>print(parse(p)) parses to the same tree, and printing that again changes nothing.</summary>
    private static void AssertRoundTrip(string text, string name = "test.veld")
    {
        var tree = Parse(text, name);
        var printed = SourcePrinter.Print(tree);
        var reparsed = Parse(printed, name + " (printed)");
        Assert.Equal(TreeDump.Print(tree), TreeDump.Print(reparsed));
        Assert.Equal(printed, SourcePrinter.Print(reparsed));
    }

    [Fact]
    public void EveryCorpusProgramThatParsesRoundTrips()
    {
        int checkedPrograms = 0;
        foreach (var file in Directory.EnumerateFiles(TestSupport.CorpusDirectory(), "*.veld", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var (_, diagnostics) = VeldCompiler.Parse(new Source(file, text));
            if (diagnostics.Count > 0) continue; // programs that pin syntax errors have no tree to print
            AssertRoundTrip(text, Path.GetRelativePath(TestSupport.CorpusDirectory(), file));
            checkedPrograms++;
        }
        Assert.True(checkedPrograms >= 50, $"only {checkedPrograms} corpus programs were checked");
    }

    [Theory]
    [InlineData("println((1 + 2) * 3, 1 + 2 * 3, 1 - (2 - 3), (1 - 2) - 3)")]
    [InlineData("println(-2 *^ 2, (-2) *^ 2, 2 *^ -1, 2 *^ 3 *^ 2, (2 *^ 3) *^ 2)")]
    [InlineData("println(-(-3), !(!true), -(1 + 2), (1 < 2) == true, 1 < (2 == 2) as int)")]
    [InlineData("let t = ((1, 2), 3)\nprintln(t.0.1, (t.0).0, (1).to_str(), (2.5).to_str())")]
    [InlineData("let x = -9223372036854775808\nprintln(x, (-9223372036854775808).to_str(), 0.1, 1e16, 1.5e-7, 6.02e23)")]
    [InlineData("let m = {a: 1, \"b c\": 2, (1, 2): 3, true: 4}\nlet k = \"a\"\nprintln({(k): 5}, m)")]
    [InlineData("println~(\"a {} {{b}} }} {}\", 1, \"q\\\"\")\nlet s = format~(\"x={}\", [1, \"\\n\"])")]
    [InlineData("let f = (a, b) => a + b\nlet g = x => y => x * y\nlet h = fn(x: i64) -> i64\n    let y = x * 2\n    y + 1\nend\nprintln(f(1, 2), g(2)(3), h(4), (x => x)(5))")]
    [InlineData("let v = if true then 1 else if false then 2 else 3 end\nlet w = if true then 1 else\n    if false then 2 else 3 end\nend\nprintln(v, w)")]
    [InlineData("let r = match (1, \"a\")\n    (0, _) => 0,\n    (n, s) where n > 0 and s == \"a\" => n,\n    _ => -1\nend\nprintln(r)")]
    [InlineData("let x = try\n    1 / 0\ncatch e\n    e.kind\nend\nlet y = try 1 catch 2 end\nprintln(x, y)")]
    [InlineData("var i = 0\nwhile i < 3 do\n    i += 1\n    if i == 2 then continue end\n    println(i)\nend\nfor (k, v) in {a: 1} do println(k, v) end")]
    [InlineData("let (a, (b, _)) = (1, (2, 3))\nlet mut c = a + b\nvar d = let e = c in e * 2\nprintln(d)")]
    [InlineData("struct P\n    x: i64,\n    y\nend\nenum E\n    A(i64, str),\n    B\nend\nimpl P\n    fn new(x) => P(x: x, y: 0)\n    fn sum(self) -> i64 => self.x + self.y\nend\nprintln(P.new(1).sum(), E.A(1, \"s\"), E.B)")]
    [InlineData("fn f(n) if n <= 0 then return 0 end\n    return f(n - 1)\nend\nproc p() println(f(3)) end\np()")]
    [InlineData("import std.io\nimport std.io.{print, println}\nstd.io.println(1)\nio.print(2)\nprintln()")]
    [InlineData("let a = [1, 2]\na[0] = 5\na[1] += 2\nlet s = \"héllo 😀 \\t\\u{1F600}\"\nprintln(a, s, 'c', 1..3, 1..=3)")]
    public void TrickyConstructsRoundTrip(string text) => AssertRoundTrip(text);

    [Fact]
    public void ElseFollowedByAnIfStatementStaysANestedIf()
    {
        // An if that is the first statement of an else block must not become an else-if on reparse.
        var inner = SyntaxFactory.If(SyntaxFactory.Bool(false), SyntaxFactory.Block(SyntaxFactory.Int(2)), SyntaxFactory.Block(SyntaxFactory.Int(3)));
        var outer = SyntaxFactory.If(SyntaxFactory.Bool(true), SyntaxFactory.Block(SyntaxFactory.Int(1)),
            SyntaxFactory.Block([SyntaxFactory.Stmt(inner), SyntaxFactory.Stmt(SyntaxFactory.Int(4))]));
        var program = new ProgramNode { Statements = [SyntaxFactory.Stmt(outer)] };
        var reparsed = Parse(SourcePrinter.Print(program));
        var reparsedIf = Assert.IsType<IfExpr>(Assert.IsType<ExprStmt>(Assert.Single(reparsed.Statements)).Expr);
        Assert.Single(reparsedIf.Branches);
        Assert.Equal(2, reparsedIf.Else!.Statements.Count);
        Assert.Equal(TreeDump.Print(program), TreeDump.Print(reparsed));
    }

    [Fact]
    public void GeneratedProgramsAreFixedPointsOfParseThenPrint()
    {
        PropertyRunner.Check("generated programs print stably", VeldGen.Program(maxSize: 25), p =>
        {
            // (The generator's own tree may spell a negative literal as one node where the parser makes a
            // negation, so the text is what is compared.)
            var reparsed = Parse(p.Source, $"generated seed {p.Seed}");
            Assert.Equal(p.Source, SourcePrinter.Print(reparsed));
        }, maxTest: 60);
    }

    [Fact]
    public void GeneratedTreesSurvivePrintThenParse()
    {
        PropertyRunner.Check("parse(print(ast)) == ast", VeldGen.Program(maxSize: 25), p =>
        {
            // The tree is the parser's (see above on negative literals); equality is structural, through
            // the S-expression dump, which leaves out source positions.
            var tree = Parse(p.Source, $"generated seed {p.Seed}");
            var reparsed = Parse(SourcePrinter.Print(tree), $"generated seed {p.Seed} (printed)");
            Assert.Equal(TreeDump.Print(tree), TreeDump.Print(reparsed));
        }, maxTest: 60);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(3.0, "3.0")]
    [InlineData(1e300, "1.0e300")]
    [InlineData(2.5e-300, "2.5e-300")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(123456.789, "123456.789")]
    public void FloatLiteralsHaveDigitsOnBothSidesOfThePoint(double value, string expected) =>
        Assert.Equal(expected, Lexemes.Float(value));

    [Fact]
    public void StringLiteralsEscapeWhatTheLexerNeeds()
    {
        Assert.Equal("\"a\\\"b\\\\c\\n\\t\\r\\0\"", Lexemes.Quote("a\"b\\c\n\t\r\0"));
        Assert.Equal("\"\\u{1B}é😀\"", Lexemes.Quote("\u001bé😀"));
    }
}
