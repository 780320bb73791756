namespace Veld.Differential.Tests;

public class LineDiffTests
{
    [Fact]
    public void A_changed_line_gets_a_hunk_with_context()
    {
        var left = string.Concat(Enumerable.Range(1, 10).Select(i => $"{i}\n"));
        var right = left.Replace("6\n", "six\n");
        Assert.Equal("--- a\n+++ b\n@@ -3,7 +3,7 @@\n 3\n 4\n 5\n-6\n+six\n 7\n 8\n 9\n", LineDiff.Unified(left, right, "a", "b"));
    }

    [Fact]
    public void Far_apart_changes_get_separate_hunks()
    {
        var left = string.Concat(Enumerable.Range(1, 20).Select(i => $"{i}\n"));
        var right = left.Replace("2\n", "two\n").Replace("19\n", "nineteen\n");
        Assert.Equal(2, LineDiff.Unified(left, right, "a", "b").Split('\n').Count(l => l.StartsWith("@@")));
    }

    [Fact]
    public void Insertions_and_deletions_are_minimal()
    {
        var diff = LineDiff.Unified("a\nb\nc\n", "a\nx\nb\nc\n", "l", "r");
        Assert.Equal("--- l\n+++ r\n@@ -1,3 +1,4 @@\n a\n+x\n b\n c\n", diff);
        Assert.Equal("--- l\n+++ r\n@@ -1,2 +0,0 @@\n-a\n-b\n", LineDiff.Unified("a\nb\n", "", "l", "r"));
    }

    [Fact]
    public void A_missing_final_newline_is_noted()
    {
        Assert.Equal("--- l\n+++ r\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of output\n", LineDiff.Unified("a\n", "a", "l", "r"));
    }

    [Fact]
    public void Invisible_differences_are_made_visible()
    {
        Assert.Contains("+a\\r", LineDiff.Unified("a\n", "a\r\n", "l", "r"));
        Assert.Contains("+a··", LineDiff.Unified("a\n", "a  \n", "l", "r"));
    }

    [Fact]
    public void Huge_outputs_are_cut()
    {
        var left = string.Concat(Enumerable.Range(0, 3000).Select(i => $"{i}\n"));
        var right = string.Concat(Enumerable.Range(0, 3000).Select(i => $"x{i}\n"));
        var diff = LineDiff.Unified(left, right, "l", "r");
        Assert.Contains($"diff cut after {LineDiff.MaxShownLines} lines", diff);
        Assert.True(diff.Split('\n').Length < LineDiff.MaxShownLines + 10);
    }
}
