namespace Veld.Language.Tests;

/// <summary>The operator table of docs/SPEC.md section 4.1, level by level.</summary>
public class PrecedenceTests
{
    [Theory]
    // 1: pipeline is loosest
    [InlineData("a or b |> f", "(call f (or a b))")]
    // 2/3: or < and
    [InlineData("a or b and c", "(or a (and b c))")]
    [InlineData("a and b or c", "(or (and a b) c)")]
    [InlineData("a or b or c", "(or (or a b) c)")]
    // 4: comparisons bind tighter than and
    [InlineData("a == b and c != d", "(and (== a b) (!= c d))")]
    [InlineData("a < b or c >= d", "(or (< a b) (>= c d))")]
    // 5: ranges bind tighter than comparisons, looser than |
    [InlineData("a..b == c", "(== (.. a b) c)")]
    [InlineData("0..n + 1", "(.. 0 (+ n 1))")]
    [InlineData("a | b..c", "(.. (| a b) c)")]
    [InlineData("0..=n", "(..= 0 n)")]
    // 6/7/8: | < ^ < &
    [InlineData("a | b ^ c & d", "(| a (^ b (& c d)))")]
    [InlineData("a & b | c", "(| (& a b) c)")]
    // 9: shifts
    [InlineData("a & b << 1", "(& a (<< b 1))")]
    [InlineData("a << b + 1", "(<< a (+ b 1))")]
    [InlineData("a >> b >> c", "(>> (>> a b) c)")]
    // 10/11: additive < multiplicative, left associative
    [InlineData("1 + 2 * 3", "(+ 1 (* 2 3))")]
    [InlineData("1 - 2 - 3", "(- (- 1 2) 3)")]
    [InlineData("8 / 4 / 2", "(/ (/ 8 4) 2)")]
    [InlineData("a * b % c", "(% (* a b) c)")]
    // 12: unary binds tighter than binary
    [InlineData("-a * b", "(* (neg a) b)")]
    [InlineData("!a and b", "(and (not a) b)")]
    [InlineData("a - -b", "(- a (neg b))")]
    // 13: power is right associative with a postfix left operand
    [InlineData("-2 *^ 2", "(neg (*^ 2 2))")]
    [InlineData("2 *^ 3 *^ 2", "(*^ 2 (*^ 3 2))")]
    [InlineData("2 *^ -1", "(*^ 2 (neg 1))")]
    [InlineData("a * b *^ c", "(* a (*^ b c))")]
    [InlineData("f(x) *^ 2", "(*^ (call f x) 2)")]
    [InlineData("!a *^ b", "(not (*^ a b))")]
    // 14: postfix binds tightest
    [InlineData("-a.b", "(neg (.b a))")]
    [InlineData("-x as float", "(neg (as x float))")]
    [InlineData("a + b as int", "(+ a (as b int))")]
    [InlineData("-a[0]", "(neg (index a 0))")]
    // assignment is looser than everything and right associative
    [InlineData("x = a or b", "(= x (or a b))")]
    [InlineData("x = y = 1", "(= x (= y 1))")]
    [InlineData("x += y |> f", "(+= x (call f y))")]
    [InlineData("a[i] -= 1", "(-= (index a i) 1)")]
    [InlineData("p.f *= 2", "(*= (.f p) 2)")]
    [InlineData("x /= 2", "(/= x 2)")]
    [InlineData("x %= 2", "(%= x 2)")]
    public void Operators_group_by_the_table(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Theory]
    [InlineData("a < b < c", "1:7: comparison operators cannot be chained: '<' followed by '<' (use 'and')")]
    [InlineData("a == b == c", "1:8: comparison operators cannot be chained: '==' followed by '==' (use 'and')")]
    [InlineData("a < b == c", "1:7: comparison operators cannot be chained: '<' followed by '==' (use 'and')")]
    [InlineData("a..b..c", "1:5: range operators cannot be chained")]
    [InlineData("a..b..=c", "1:5: range operators cannot be chained")]
    public void Non_associative_levels_reject_chains(string code, string error) => Assert.Equal(error, V.FirstError(code));

    [Fact]
    public void Parenthesised_comparisons_may_be_combined()
    {
        Assert.Equal("(== (< a b) c)", V.Tree("(a < b) == c"));
    }
}
