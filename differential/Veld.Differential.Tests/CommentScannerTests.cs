namespace Veld.Differential.Tests;

public class CommentScannerTests
{
    [Fact]
    public void Reports_each_line_comment_with_its_line_and_whether_code_precedes_it()
    {
        var scan = CommentScanner.Scan("# head\nx = 1 # tail\n   # indented\n");
        Assert.Equal(
            [new LineComment(1, " head", false), new LineComment(2, " tail", true), new LineComment(3, " indented", false)],
            scan.Comments);
        Assert.Equal(2, scan.FirstCodeLine);
    }

    [Fact]
    public void An_escaped_newline_inside_a_string_still_counts_as_a_line()
    {
        var scan = CommentScanner.Scan("let s = \"a\\\nb\"\nx # here\n");
        Assert.Equal(3, Assert.Single(scan.Comments).Line);
    }

    [Fact]
    public void An_unterminated_char_literal_ends_at_the_line_end()
    {
        var scan = CommentScanner.Scan("let c = '\nx # here\n");
        Assert.Equal(2, Assert.Single(scan.Comments).Line);
    }

    [Fact]
    public void A_file_without_code_has_no_first_code_line()
    {
        Assert.Equal(int.MaxValue, CommentScanner.Scan("# only\n#[[ block ]]\n").FirstCodeLine);
    }
}
