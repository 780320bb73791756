using System.Text;
using Veld.Language.Syntax;

namespace Veld.Language.Tests;

/// <summary>Inputs built to break a naive front end: deep nesting of every kind, long chains, a 50 MB file.
/// Each must end in a diagnostic or a program, never a crash or a stack overflow.</summary>
public class StressTests
{
    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    public static TheoryData<string, string> DeepInputs => new()
    {
        { "parentheses", "let x = " + Repeat("(", 10_000) + "1" + Repeat(")", 10_000) },
        { "brackets", "let x = " + Repeat("[", 10_000) + "1" + Repeat("]", 10_000) },
        { "maps", "let x = " + Repeat("{a: ", 10_000) + "1" + Repeat("}", 10_000) },
        { "do blocks", Repeat("do ", 10_000) + "1" + Repeat(" end", 10_000) },
        { "ifs", Repeat("if a then ", 10_000) + "1" + Repeat(" end", 10_000) },
        { "while loops", Repeat("while a do ", 10_000) + Repeat(" end", 10_000) },
        { "functions", Repeat("fn f() ", 10_000) + Repeat(" end", 10_000) },
        { "lambdas", "let f = " + Repeat("x => ", 10_000) + "1" },
        { "unary minus", "let x = " + Repeat("-", 10_000) + "1" },
        { "not", "let x = " + Repeat("!", 10_000) + "true" },
        { "power", "let x = 2" + Repeat(" *^ 2", 10_000) },
        { "sum chain", "let x = 1" + Repeat(" + 1", 10_000) },
        { "pipeline chain", "let x = 1" + Repeat(" |> f", 10_000) },
        { "method chain", "let x = a" + Repeat(".b()", 10_000) },
        { "call chain", "let x = f" + Repeat("(1)", 10_000) },
        { "index chain", "let x = a" + Repeat("[0]", 10_000) },
        { "assignment chain", Repeat("x = ", 10_000) + "1" },
        { "tuple patterns", "let " + Repeat("(", 10_000) + "a" + Repeat(",)", 10_000) + " = 1" },
        { "variant patterns", "match x\n  " + Repeat("A(", 10_000) + "b" + Repeat(")", 10_000) + " => 1\nend" },
        { "types", "let x: " + Repeat("[", 10_000) + "i64" + Repeat("]", 10_000) + " = 1" },
        { "generic types", "let x: " + Repeat("A<", 10_000) + "i64" + Repeat(">", 10_000) + " = 1" },
        { "let-in", Repeat("let a = 1 in ", 10_000) + "a" },
        { "match bodies", Repeat("match x\n _ => ", 10_000) + "1" + Repeat("\nend", 10_000) },
        { "interpolation", "println~(\"{" + Repeat("(", 10_000) + "1" + Repeat(")", 10_000) + "}\")" },
        { "unclosed", "let x = " + Repeat("(", 100_000) },
    };

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void Deep_nesting_is_a_diagnostic_never_a_crash(string kind, string code)
    {
        var result = V.Compile(code);
        Assert.False(result.Success, kind);
        Assert.Contains(result.Diagnostics, d => d.Message == "nesting too deep");
    }

    [Fact]
    public void Long_flat_sequences_are_fine()
    {
        var program = V.Ok("let a = [" + string.Join(", ", Enumerable.Range(0, 20_000)) + "]\n" +
                           "let x = 1\n" + Repeat("x\n", 20_000) +
                           "if x == 0 then 0" + Repeat(" else if x == 1 then 1", 5_000) + " else 2 end\n" +
                           "let m = match x" + Repeat("\n  1 => 1", 5_000) + "\nend");
        Assert.Equal(20_000, ((ArrayExpr)((LetStmt)program.Syntax.Statements[0]).Value).Elements.Count);
        Assert.Equal(5_001, V.All<IfExpr>(program).Single().Branches.Count);
    }

    [Fact]
    public void A_50_megabyte_file_compiles_and_reports_an_error_on_its_last_line()
    {
        // Mostly long comments and strings (to keep the tree small) with real code in every chunk.
        var padding = new string('=', 400);
        var text = new string('t', 500);
        var sb = new StringBuilder(52_000_000);
        int lines = 0;
        for (int i = 0; sb.Length < 50_000_000; i++)
        {
            sb.Append("# ").Append(padding).Append('\n');
            sb.Append("#[[ block ").Append(padding).Append("\n ").Append(padding).Append(" ]]\n");
            sb.Append("let s").Append(i).Append(" = \"").Append(text).Append("\"\n");
            sb.Append("fn f").Append(i).Append("(x) x + s").Append(i).Append(".len() end\n");
            lines += 5;
        }
        sb.Append("println(undefined_at_the_end)\n");
        var source = V.Src(sb.ToString());
        var result = VeldCompiler.Compile(source);
        Assert.Equal([$"{lines + 1}:9: undeclared name 'undefined_at_the_end'"], V.Format(result.Diagnostics));
    }

    [Fact]
    public void A_large_generated_program_compiles()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 5_000; i++)
            sb.Append($"fn f{i}(a, b)\n  let c = a * {i} + b\n  if c > 10 then f{i}(c - 1, b) else c end\nend\nlet v{i} = f{i}({i}, 2)\n");
        var program = V.Ok(sb.ToString());
        Assert.Equal(10_000, program.Globals.Count);
        TreeInvariants.Verify(program);
    }
}
