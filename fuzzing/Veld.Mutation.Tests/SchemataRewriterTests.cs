using Microsoft.CodeAnalysis.CSharp;
using Veld.Mutation;

namespace Veld.Mutation.Tests;

/// <summary>The schemata rewriting of small sources: which sites become mutants, what the schema looks like,
/// and which sites are left alone because a ternary there would not compile or would change flow analysis.</summary>
public class SchemataRewriterTests
{
    private static (string Text, IReadOnlyList<Mutant> Mutants) Rewrite(string body, IReadOnlySet<int>? excluded = null)
    {
        var source = $"class C {{ int f; bool M(int a, int b, int[] xs) {{ {body} }} }}";
        var rewriter = new SchemataRewriter("C.cs", 1, excluded ?? new HashSet<int>());
        var text = rewriter.Visit(CSharpSyntaxTree.ParseText(source).GetRoot()).ToFullString();
        return (text, rewriter.Mutants);
    }

    [Fact]
    public void A_comparison_becomes_a_schema_whose_mutated_branch_swaps_the_operator()
    {
        var (text, mutants) = Rewrite("return a < b;");
        var mutant = Assert.Single(mutants);
        Assert.Equal(("relational", "a < b", "a <= b"), (mutant.Operator, mutant.Original, mutant.Mutated));
        Assert.Contains("(global::Veld.MutationSwitch.Active == 1 ? (a <= b) : a < b)", text);
    }

    [Fact]
    public void An_integer_literal_gets_a_plus_one_and_a_zero_mutant_but_zero_only_the_first()
    {
        var (_, mutants) = Rewrite("f = 7; f = 0; return true;");
        Assert.Equal(["literal+1 8", "literal-0 0", "literal+1 1", "return-bool false"], mutants.Select(m => $"{m.Operator} {m.Mutated}"));
    }

    [Fact]
    public void Sites_that_assign_declare_or_pass_by_reference_are_left_alone()
    {
        var (_, mutants) = Rewrite("""
            if (xs is { Length: > 2 } arr && arr[0] > 1) return true;
            if (int.TryParse("1", out var n) && n > a) return true;
            if ((f = a) > b) return true;
            return false;
            """);
        // Only the pure comparisons inside survive as sites, never the conditions that hold the declarations.
        Assert.DoesNotContain(mutants, m => m.Original.Contains("out var") || m.Original.Contains(" arr") || m.Original.Contains("f = a"));
        Assert.Contains(mutants, m => m.Original == "arr[0] > 1");
        Assert.Contains(mutants, m => m.Original == "n > a");
    }

    [Fact]
    public void Constant_contexts_are_left_alone()
    {
        var (_, mutants) = Rewrite("""
            const int k = 3;
            switch (a) { case 4: return true; }
            return a is 5;
            """);
        Assert.DoesNotContain(mutants, m => m.Original is "3" or "4" or "5");
    }

    [Fact]
    public void An_increment_statement_becomes_an_if_else_and_a_for_incrementor_is_left_alone()
    {
        var (text, mutants) = Rewrite("a++; for (int i = 0; i < b; i++) { } return true;");
        Assert.Contains(mutants, m => m.Operator == "increment" && m.Original == "a++" && m.Mutated == "a--");
        Assert.Single(mutants, m => m.Operator == "increment");
        Assert.Contains("if (global::Veld.MutationSwitch.Active == 1) a--; else a++;", text);
    }

    [Fact]
    public void A_literal_true_condition_is_not_negated()
    {
        var (_, mutants) = Rewrite("while (true) { if (a > 0) return true; }");
        Assert.Equal(["literal+1", "negate-condition", "relational", "return-bool"], mutants.Select(m => m.Operator).Order(StringComparer.Ordinal));
        Assert.Single(mutants, m => m.Operator == "negate-condition" && m.Original == "a > 0");
    }

    [Fact]
    public void Excluded_mutants_keep_their_ids_and_are_not_written()
    {
        var all = Rewrite("return a < b && a > 0;");
        var (text, mutants) = Rewrite("return a < b && a > 0;", new HashSet<int> { 1 });
        Assert.Equal(all.Mutants.Select(m => m.Id), mutants.Select(m => m.Id));
        Assert.DoesNotContain("Active == 1 ", text);
        Assert.Contains("Active == 2 ", text);
    }

    [Fact]
    public void The_id_of_a_schema_check_is_read_back()
    {
        var check = SyntaxFactory.ParseExpression("global::Veld.MutationSwitch.Active == 42");
        Assert.Equal(42, SchemataRewriter.IdOfCheck(check));
        Assert.Null(SchemataRewriter.IdOfCheck(SyntaxFactory.ParseExpression("x == 42")));
    }
}
