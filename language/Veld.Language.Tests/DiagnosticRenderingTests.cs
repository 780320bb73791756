using System.Text;
using Veld.Language.Syntax;

namespace Veld.Language.Tests;

public class DiagnosticRenderingTests
{
    /// <summary>The one diagnostic the front end reports for <paramref name="code"/>, and how it renders.</summary>
    private static (Diagnostic Diagnostic, string Rendered) OnlyDiagnostic(string code)
    {
        var source = V.Src(code);
        var diagnostic = VeldCompiler.Compile(source).Diagnostics.Single();
        return (diagnostic, diagnostic.Render(source));
    }

    [Fact]
    public void Render_shows_file_position_message_line_and_caret()
    {
        var (_, rendered) = OnlyDiagnostic("let x = 1\nx = 2\n");
        Assert.Equal(
            "test.veld:2:1: error[Compile]: cannot assign to immutable binding 'x'\n" +
            "  |\n" +
            "2 | x = 2\n" +
            "  | ^\n",
            rendered);
    }

    [Fact]
    public void Caret_counts_scalar_values_and_tabs_render_as_spaces()
    {
        var (diagnostic, rendered) = OnlyDiagnostic("let s = \"😀\"\n\tprintln(s, zz)");
        Assert.Equal(new SourcePos(2, 13), diagnostic.Pos);
        Assert.Equal(
            "test.veld:2:13: error[Compile]: undeclared name 'zz'\n" +
            "  |\n" +
            "2 |  println(s, zz)\n" +
            "  |             ^\n",
            rendered);
    }

    [Fact]
    public void Caret_after_a_surrogate_pair_lines_up_with_the_token()
    {
        var (_, rendered) = OnlyDiagnostic("let s = \"😀\" + nope");
        var lines = rendered.Split('\n');
        // The caret sits under the 'n' of nope in UTF-16 terms: the emoji is two code units wide.
        Assert.Equal(lines[2].IndexOf("nope", StringComparison.Ordinal), lines[3].IndexOf('^'));
    }

    [Fact]
    public void Error_at_end_of_file_points_at_the_construct_left_open()
    {
        var source = V.Src("let xs = [1, 2]\nfn f(a)\n  while a > 0 do\n    a -= 1\n  end\n");
        var diagnostic = VeldCompiler.Compile(source).Diagnostics.Single();
        Assert.Equal("test.veld:2:1: error[Compile]: 'fn' is never closed: expected 'end' but found end of file\n  |\n2 | fn f(a)\n  | ^\n",
            diagnostic.Render(source));
    }

    [Fact]
    public void The_innermost_open_construct_is_named()
    {
        var source = V.Src("let y = do\n  print((1 + \n");
        var diagnostic = VeldCompiler.Compile(source).Diagnostics.Single();
        Assert.Equal("2:9: '(' is never closed: expected expression but found end of file", $"{diagnostic.Pos}: {diagnostic.Message}");
    }

    [Fact]
    public void A_construct_closed_before_the_error_is_not_blamed()
    {
        var source = V.Src("let xs = [1, (2)]\nlet z =\n");
        var diagnostic = VeldCompiler.Compile(source).Diagnostics.Single();
        Assert.Equal("3:1: expected expression but found end of file", $"{diagnostic.Pos}: {diagnostic.Message}");
    }

    [Fact]
    public void Crlf_line_endings_do_not_leak_into_the_rendered_line()
    {
        var (_, rendered) = OnlyDiagnostic("let x = 1\r\nx = 2\r\n");
        Assert.Contains("2 | x = 2\n", rendered);
        Assert.DoesNotContain("\r", rendered);
    }
}

public class SourceEncodingTests
{
    [Fact]
    public void Valid_utf8_decodes_and_a_bom_is_skipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("let é = \"ü\"")).ToArray();
        var source = Source.FromBytes("a.veld", bytes);
        Assert.Null(source.EncodingError);
        Assert.Equal("let é = \"ü\"", source.Text);
    }

    [Fact]
    public void Invalid_utf8_is_a_diagnostic_with_line_and_scalar_column()
    {
        var bytes = Encoding.UTF8.GetBytes("let a = 1\nlet é = ").Concat(new byte[] { 0xFF, 0x41 }).ToArray();
        var source = Source.FromBytes("a.veld", bytes);
        var result = VeldCompiler.Compile(source);
        Assert.False(result.Success);
        Assert.Equal(["2:9: invalid UTF-8 byte 0xFF in source file"], V.Format(result.Diagnostics));
        Assert.Contains("2 | let é = ", result.Diagnostics[0].Render(source));
    }

    [Theory]
    [InlineData(new byte[] { 0xC3 })]                   // truncated two-byte sequence
    [InlineData(new byte[] { 0xE2, 0x82 })]             // truncated three-byte sequence
    [InlineData(new byte[] { 0xC0, 0x80 })]             // overlong encoding of NUL
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // encoded surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // above U+10FFFF
    [InlineData(new byte[] { 0x80 })]                   // lone continuation byte
    public void Every_kind_of_invalid_sequence_is_reported(byte[] bad)
    {
        var bytes = Encoding.UTF8.GetBytes("x = ").Concat(bad).ToArray();
        var result = VeldCompiler.Compile(Source.FromBytes("a.veld", bytes));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(new SourcePos(1, 5), error.Pos);
        Assert.StartsWith("invalid UTF-8 byte", error.Message);
    }
}
