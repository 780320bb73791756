using Veld.Language;

namespace Veld.Differential.Tests;

public class ExpectationParserTests
{
    private static CorpusProgram Parse(string text) => ExpectationParser.Parse("t.veld", new Source("t.veld", text));

    [Fact]
    public void Output_expectations_come_in_order_from_trailing_and_whole_line_comments()
    {
        var p = Parse("println(1)   # expect: 1\n# expect: two  words\nprintln(3)#expect:3\n");
        Assert.Equal(["1", "two  words", "3"], p.Output.Select(o => o.Text));
        Assert.Equal([1, 2, 3], p.Output.Select(o => o.Line));
        Assert.Equal("1\ntwo  words\n3\n", p.ExpectedStdout);
        Assert.True(p.HasExpectations);
    }

    [Fact]
    public void Output_text_keeps_everything_after_the_first_space()
    {
        var p = Parse("print(x) # expect:   indented # not a comment \n print(y) # expect:\n");
        Assert.Equal(["  indented # not a comment ", ""], p.Output.Select(o => o.Text));
    }

    [Fact]
    public void A_hash_inside_a_string_literal_is_not_a_comment()
    {
        var p = Parse("println(\"#1\") # expect: #1\nprintln(\"# expect: 2\")\nprintln(\"a\\\"# expect: 3\")\n");
        Assert.Equal(["#1"], p.Output.Select(o => o.Text));
    }

    [Fact]
    public void A_hash_inside_a_char_literal_is_not_a_comment()
    {
        var p = Parse("let c = '#' # expect: c\nlet q = '\\'' # expect: q\n");
        Assert.Equal(["c", "q"], p.Output.Select(o => o.Text));
    }

    [Fact]
    public void Strings_spanning_lines_hide_comments_and_keep_line_numbers()
    {
        var p = Parse("let s = \"first\n# expect: hidden\nlast\"\nprintln(s) # expect: shown\n");
        var only = Assert.Single(p.Output);
        Assert.Equal(("shown", 4), (only.Text, only.Line));
    }

    [Fact]
    public void Block_comments_nest_span_lines_and_hide_expectations()
    {
        var p = Parse("#[[ outer\n# expect: no\n#[[ inner ]] # expect: still no\n]]\nprintln(1) #[[ x ]] # expect: 1\n");
        var only = Assert.Single(p.Output);
        Assert.Equal(("1", 5), (only.Text, only.Line));
    }

    [Fact]
    public void Runtime_error_with_kind_only_or_with_message()
    {
        var kindOnly = Parse("let z = 1 / 0   # expect runtime error: DivisionByZero\n").RuntimeError;
        Assert.Equal(new RuntimeErrorExpectation(1, "DivisionByZero", null), kindOnly);

        var withMessage = Parse("\n\na[9] # expect runtime error: Index: index 9 out of range: for length 3\n").RuntimeError;
        Assert.Equal(new RuntimeErrorExpectation(3, "Index", "index 9 out of range: for length 3"), withMessage);
    }

    [Fact]
    public void Unknown_runtime_error_kind_is_a_problem_not_an_expectation()
    {
        var p = Parse("x # expect runtime error: DivideByZero\n");
        Assert.Null(p.RuntimeError);
        var problem = Assert.Single(p.Problems);
        Assert.Contains("unknown runtime error kind 'DivideByZero'", problem.Message);
        Assert.Contains("DivisionByZero", problem.Message);
    }

    [Fact]
    public void Several_compile_errors_each_on_its_line()
    {
        var p = Parse("let x = y  # expect compile error: undeclared name 'y'\nok()\nx = 2 # expect compile error: cannot assign to immutable binding 'x'\n");
        Assert.Equal(
            [new CompileErrorExpectation(1, "undeclared name 'y'"), new CompileErrorExpectation(3, "cannot assign to immutable binding 'x'")],
            p.CompileErrors);
    }

    [Fact]
    public void Result_expectation()
    {
        var p = Parse("[1, \"a\"]\n# expect result: [1, \"a\"]\n");
        Assert.Equal(new ResultExpectation(2, "[1, \"a\"]"), p.Result);
    }

    [Fact]
    public void Tags_are_read_from_the_leading_comments_only()
    {
        var p = Parse("#!veld\n# tags: closures, upvalues\n\n#tags: loops\nlet x = 1\n# tags: late\n");
        Assert.Equal(["closures", "upvalues", "loops"], p.Tags);
        Assert.False(p.HasExpectations);
    }

    [Fact]
    public void Prose_that_starts_with_expect_is_ignored()
    {
        var p = Parse("# expected output follows\n# expect this to be slow\n# expectations: none\nx\n");
        Assert.False(p.HasExpectations);
        Assert.Empty(p.Problems);
    }

    [Fact]
    public void An_unknown_form_is_a_problem()
    {
        var p = Parse("x # expect output: 1\n");
        Assert.False(p.HasExpectations);
        Assert.Contains("unknown expectation '# expect output:'", Assert.Single(p.Problems).Message);
    }

    [Fact]
    public void Conflicting_expectations_are_problems()
    {
        var p = Parse("a # expect runtime error: Index\nb # expect runtime error: Key\n# expect result: 1\n");
        Assert.Equal("Index", p.RuntimeError!.Kind);
        Assert.Equal([2, 3], p.Problems.Select(x => x.Line));
    }

    [Fact]
    public void Crlf_line_endings_do_not_leak_into_expectations()
    {
        var p = Parse("println(1) # expect: 1\r\nprintln(2) # expect: 2\r\n");
        Assert.Equal(["1", "2"], p.Output.Select(o => o.Text));
    }

    [Fact]
    public void A_program_may_declare_its_fuel_in_the_leading_comments()
    {
        Assert.Equal(250, Parse("# tags: loops\n# fuel: 250\nwhile true do end\n").Fuel);
        Assert.Null(Parse("while true do end\n# fuel: 250\n").Fuel); // after the code: prose, not a header
        var bad = Parse("# fuel: lots\nprintln(1)\n");
        Assert.Null(bad.Fuel);
        Assert.Contains("'# fuel:' needs a whole number", Assert.Single(bad.Problems).Message);
    }

    [Fact]
    public void A_stack_expectation_goes_with_a_runtime_error()
    {
        var p = Parse("fn f() => 1 / 0 # expect runtime error: DivisionByZero\nf()\n# expect stack: f at 1:13, script at 2:1\n");
        Assert.Equal("f at 1:13, script at 2:1", p.Stack!.Frames);
        Assert.Empty(p.Problems);
        var alone = Parse("println(1) # expect: 1\n# expect stack: script at 1:1\n");
        Assert.Contains("only be expected of a run that ends in a runtime error", Assert.Single(alone.Problems).Message);
    }
}
