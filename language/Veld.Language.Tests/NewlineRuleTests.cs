namespace Veld.Language.Tests;

/// <summary>Where a line break ends an expression (docs/SPEC.md section 1, "Line-break rules").</summary>
public class NewlineRuleTests
{
    [Fact]
    public void A_paren_on_a_new_line_does_not_continue_a_call() =>
        Assert.Equal("f\n(tuple x y)", V.Tree("f\n(x, y)"));

    [Fact]
    public void A_paren_on_the_same_line_is_a_call() =>
        Assert.Equal("(call f x y)", V.Tree("f(x, y)"));

    [Fact]
    public void A_bracket_on_a_new_line_is_an_array_literal() =>
        Assert.Equal("a\n(array 1)", V.Tree("a\n[1]"));

    [Fact]
    public void A_method_name_followed_by_paren_on_a_new_line_is_a_field_read() =>
        Assert.Equal("(.m o)\n(tuple 1 2)", V.Tree("o.m\n(1, 2)"));

    [Fact]
    public void A_binary_operator_at_the_end_of_a_line_continues() =>
        Assert.Equal("(let x (+ a b))", V.Tree("let x = a +\n  b"));

    [Fact]
    public void A_binary_operator_at_the_start_of_a_line_continues() =>
        Assert.Equal("(let x (and (+ a b) c))", V.Tree("let x = a\n  + b\n  and c"));

    [Fact]
    public void A_minus_at_the_start_of_a_line_starts_a_new_statement() =>
        Assert.Equal("(let x a)\n(neg 1)", V.Tree("let x = a\n-1"));

    [Fact]
    public void A_minus_at_the_end_of_a_line_continues() =>
        Assert.Equal("(let x (- a 1))", V.Tree("let x = a -\n1"));

    [Fact]
    public void Method_chains_continue_on_new_lines() =>
        Assert.Equal("(let r (.filter (.map xs f) g))", V.Tree("let r = xs\n  .map(f)\n  .filter(g)"));

    [Fact]
    public void Brackets_do_not_change_the_rule_inside_them() =>
        Assert.Equal("(call f (tuple a b))", V.Tree("f(\n  (a,\n   b)\n)"));

    [Fact]
    public void Match_arms_starting_with_a_minus_or_a_paren_are_new_arms() =>
        Assert.Equal("(match x (arm 1 a) (arm -1 b) (arm (tuple c d) c))", V.Tree("match x\n  1 => a\n  -1 => b\n  (c, d) => c\nend"));
}
