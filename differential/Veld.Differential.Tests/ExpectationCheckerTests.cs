using Veld.Language;
using Veld.Language.Syntax;
using Veld.Runtime;
using static Veld.Differential.Tests.Outcomes;

namespace Veld.Differential.Tests;

public class ExpectationCheckerTests
{
    private static CorpusProgram Program(string text) => ExpectationParser.Parse("t.veld", new Source("t.veld", text));

    private static List<ExpectationFailure> Check(string text, RunOutcome outcome, params Diagnostic[] diagnostics) =>
        ExpectationChecker.Check(Program(text), diagnostics, outcome);

    [Fact]
    public void Matching_output_passes()
    {
        Assert.Empty(Check("p(1) # expect: 1\np(2) # expect: 2\n", Success("1\n2\n")));
    }

    [Fact]
    public void A_missing_line_fails_with_a_diff()
    {
        var failure = Assert.Single(Check("p(1) # expect: 1\np(2) # expect: 2\n", Success("1\n")));
        Assert.Equal("standard output differs from the expectations", failure.Summary);
        Assert.Contains("\n-2\n", failure.Detail);
    }

    [Fact]
    public void Output_must_be_complete_extra_lines_fail()
    {
        var failure = Assert.Single(Check("p(1) # expect: 1\n", Success("1\nextra\n")));
        Assert.Contains("\n+extra\n", failure.Detail);
    }

    [Fact]
    public void Output_without_a_final_newline_fails()
    {
        var failure = Assert.Single(Check("p(1) # expect: 1\n", Success("1")));
        Assert.Contains("No newline at end of output", failure.Detail);
    }

    [Fact]
    public void A_program_without_expectations_passes_whatever_it_prints_or_raises()
    {
        Assert.Empty(Check("p(1)\n", Success("anything\n")));
        Assert.Empty(Check("p(1)\n", RuntimeError("Index", "index 3 out of range", 1)));
    }

    [Fact]
    public void Expected_runtime_error_matches_kind_and_line()
    {
        Assert.Empty(Check("p(1) # expect: 1\n1/0 # expect runtime error: DivisionByZero\n", RuntimeError("DivisionByZero", "division by zero", 2, "1\n")));
    }

    [Theory]
    [InlineData("Overflow", "division by zero", 2, "kind")]
    [InlineData("DivisionByZero", "division by zero", 3, "line")]
    [InlineData("DivisionByZero", "integer division by zero", 2, "message")]
    public void Runtime_error_mismatch_fails_and_marks_the_differing_row(string kind, string message, int line, string differingRow)
    {
        var failure = Assert.Single(Check("x\n1/0 # expect runtime error: DivisionByZero: division by zero\n", RuntimeError(kind, message, line)));
        Assert.Equal("expected runtime error DivisionByZero on line 2", failure.Summary);
        Assert.Contains($"! {differingRow}", failure.Detail);
    }

    [Fact]
    public void Expected_runtime_error_but_success_fails()
    {
        var failure = Assert.Single(Check("1/0 # expect runtime error: DivisionByZero\n", Success("")));
        Assert.Contains("! outcome", failure.Detail);
    }

    [Fact]
    public void Unexpected_runtime_error_fails_a_program_with_expectations()
    {
        var failure = Assert.Single(Check("p(1) # expect: 1\n", RuntimeError("Type", "cannot add", 1, "1\n")));
        Assert.Equal("unexpected runtime error Type on line 1: cannot add", failure.Summary);
    }

    [Fact]
    public void Expected_compile_errors_match_every_reported_diagnostic()
    {
        var text = "let x = y # expect compile error: undeclared name 'y'\nok\nz # expect compile error: undeclared name 'z'\n";
        Assert.Empty(Check(text, CompileError("undeclared name 'y'", 1, 9),
            new Diagnostic("undeclared name 'y'", new SourcePos(1, 9)), new Diagnostic("undeclared name 'z'", new SourcePos(3, 1))));
    }

    [Fact]
    public void A_missing_or_extra_compile_error_fails_with_a_listing()
    {
        var text = "let x = y # expect compile error: undeclared name 'y'\n";
        var failure = Assert.Single(Check(text, CompileError("undeclared name 'y'", 1, 9),
            new Diagnostic("undeclared name 'y'", new SourcePos(1, 9)), new Diagnostic("undeclared name 'w'", new SourcePos(2, 1))));
        Assert.Equal("compile errors differ from the expectations", failure.Summary);
        Assert.Contains("+line 2: undeclared name 'w'", failure.Detail);
    }

    [Fact]
    public void A_compile_error_on_another_line_fails()
    {
        var text = "let x = y # expect compile error: undeclared name 'y'\n";
        var failure = Assert.Single(Check(text, CompileError("undeclared name 'y'", 2, 1), new Diagnostic("undeclared name 'y'", new SourcePos(2, 1))));
        Assert.Contains("-line 1: undeclared name 'y'", failure.Detail);
        Assert.Contains("+line 2: undeclared name 'y'", failure.Detail);
    }

    [Fact]
    public void An_unexpected_compile_error_fails_even_without_expectations()
    {
        var failure = Assert.Single(Check("let = 1\n", CompileError("expected a name but found '='", 1, 5),
            new Diagnostic("expected a name but found '='", new SourcePos(1, 5))));
        Assert.Equal("unexpected compile error", failure.Summary);
        Assert.Contains("line 1:5: expected a name but found '='", failure.Detail);
    }

    [Fact]
    public void Expected_compile_error_but_the_program_ran_fails()
    {
        var failure = Assert.Single(Check("x # expect compile error: nope\n", Success("")));
        Assert.StartsWith("expected compile error(s) but the program compiled", failure.Summary);
    }

    [Fact]
    public void Result_expectation_compares_the_display_form()
    {
        Assert.Empty(Check("# expect result: 42\n", Success("", Value.FromInt(42))));
        var failure = Assert.Single(Check("# expect result: 42\n", Success("", Value.FromFloat(42.0))));
        Assert.Contains("42.0", failure.Detail);
    }

    [Fact]
    public void Result_expected_but_runtime_error_fails()
    {
        var failure = Assert.Single(Check("# expect result: 1\n", RuntimeError("Key", "missing key", 1)));
        Assert.Equal("unexpected runtime error Key on line 1: missing key", failure.Summary);
    }

    [Fact]
    public void Malformed_expectations_are_failures()
    {
        var failure = Assert.Single(Check("x # expect runtime eror: Index\n", Success("")));
        Assert.StartsWith("malformed expectation on line 1", failure.Summary);
    }
}
