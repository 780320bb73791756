using Veld.Runtime;
using static Veld.Differential.Tests.Outcomes;

namespace Veld.Differential.Tests;

public class OutcomeComparerTests
{
    [Fact]
    public void Identical_runs_agree()
    {
        Assert.Equal(ComparisonKind.Agree, OutcomeComparer.Compare(Success("1\n", Value.FromInt(1)), Success("1\n", Value.FromInt(1), "stack")).Kind);
        Assert.Equal(ComparisonKind.Agree, OutcomeComparer.Compare(RuntimeError("Key", "no key 'a'", 3), RuntimeError("Key", "no key 'a'", 3, tier: "stack")).Kind);
    }

    [Fact]
    public void Different_output_is_a_disagreement_with_a_unified_diff()
    {
        var c = OutcomeComparer.Compare(Success("1\n2\n3\n"), Success("1\n2\n4\n", tier: "stack"));
        Assert.Equal(ComparisonKind.Disagree, c.Kind);
        Assert.Equal("standard output differs", c.Summary);
        Assert.Contains("--- tree\n+++ stack\n@@ -1,3 +1,3 @@\n 1\n 2\n-3\n+4\n", c.Detail);
    }

    [Fact]
    public void Output_is_compared_byte_for_byte()
    {
        var c = OutcomeComparer.Compare(Success("a\n"), Success("a \n", tier: "stack"));
        Assert.Equal(ComparisonKind.Disagree, c.Kind);
        Assert.Contains("+a·", c.Detail);
    }

    [Fact]
    public void A_time_limit_on_either_side_is_inconclusive_never_a_disagreement()
    {
        Assert.Equal(ComparisonKind.Inconclusive, OutcomeComparer.Compare(Limit(), Success("x\n", tier: "stack")).Kind);
        Assert.Equal(ComparisonKind.Inconclusive, OutcomeComparer.Compare(Success("1\n"), Limit("stack", "2\n")).Kind);
    }

    [Fact]
    public void A_tier_reaching_what_its_thread_can_nest_is_inconclusive_but_the_depth_limit_is_compared()
    {
        var bound = NativeStack.TierCannotNest("tree-walk", 50_000);
        var treeStopped = RuntimeError("StackOverflow", bound.Message, 1, column: 38);
        Assert.True(treeStopped.HitTierCapacity);
        Assert.Equal(ComparisonKind.Inconclusive, OutcomeComparer.Compare(treeStopped, Success("100000\n", tier: "stack")).Kind);

        // The depth limit itself is the program's outcome: every tier must reach it alike.
        var depthLimit = RuntimeError("StackOverflow", "call depth limit of 10000 exceeded", 1, column: 38);
        Assert.False(depthLimit.HitTierCapacity);
        Assert.Equal(ComparisonKind.Disagree, OutcomeComparer.Compare(depthLimit, Success("100000\n", tier: "stack")).Kind);
    }

    [Fact]
    public void Running_out_of_fuel_is_compared_like_an_error()
    {
        Assert.Equal(ComparisonKind.Agree, OutcomeComparer.Compare(OutOfFuel(2, 1, stdout: "0\n"), OutOfFuel(2, 1, "stack", "0\n")).Kind);
        var where = OutcomeComparer.Compare(OutOfFuel(2, 1), OutOfFuel(1, 1, "register"));
        Assert.Equal(("error position differs", ComparisonKind.Disagree), (where.Summary, where.Kind));
        Assert.Equal("outcome differs", OutcomeComparer.Compare(OutOfFuel(2, 1), Success("", tier: "jit")).Summary);
        Assert.Equal("standard output differs", OutcomeComparer.Compare(OutOfFuel(2, 1, stdout: "0\n"), OutOfFuel(2, 1, "stack", "0\n1\n")).Summary);
    }

    [Fact]
    public void Runtime_errors_must_agree_on_column_and_call_stack()
    {
        var column = OutcomeComparer.Compare(RuntimeError("Index", "m", 4, column: 9), RuntimeError("Index", "m", 4, tier: "stack", column: 3));
        Assert.Equal("error position differs", column.Summary);
        Assert.Contains("! at       4:9", column.Detail);

        var left = Stack(("f", 4, 9), ("script", 7, 1));
        Assert.Equal(ComparisonKind.Agree, OutcomeComparer.Compare(
            RuntimeError("Index", "m", 4, column: 9, stack: left), RuntimeError("Index", "m", 4, tier: "jit", column: 9, stack: Stack(("f", 4, 9), ("script", 7, 1)))).Kind);
        var stack = OutcomeComparer.Compare(
            RuntimeError("Index", "m", 4, column: 9, stack: left), RuntimeError("Index", "m", 4, tier: "jit", column: 9, stack: Stack(("f", 4, 9), ("g", 6, 5), ("script", 7, 1))));
        Assert.Equal("call stack differs", stack.Summary);
        Assert.Contains("f at 4:9 | script at 7:1", stack.Detail);
    }

    [Fact]
    public void Unsupported_runs_are_not_comparable()
    {
        Assert.Equal(ComparisonKind.NotComparable, OutcomeComparer.Compare(Success(""), Unsupported("stack")).Kind);
    }

    [Fact]
    public void Runtime_errors_must_agree_on_kind_message_and_line()
    {
        var message = OutcomeComparer.Compare(RuntimeError("Index", "index 3 out of range", 4), RuntimeError("Index", "index out of range", 4, tier: "jit"));
        Assert.Equal(("error message differs", ComparisonKind.Disagree), (message.Summary, message.Kind));
        Assert.Contains("! message  index 3 out of range", message.Detail);

        var line = OutcomeComparer.Compare(RuntimeError("Index", "m", 4), RuntimeError("Index", "m", 5, tier: "jit"));
        Assert.Equal("error position differs", line.Summary);

        var kind = OutcomeComparer.Compare(RuntimeError("Index", "m", 4), Success("", tier: "jit"));
        Assert.Equal("outcome differs", kind.Summary);
    }

    [Fact]
    public void Compile_errors_must_agree_on_line_and_column()
    {
        var c = OutcomeComparer.Compare(CompileError("bad", 2, 5), CompileError("bad", 2, 6, "stack"));
        Assert.Equal("error position differs", c.Summary);
        Assert.Contains("2:5", c.Detail);
    }

    [Fact]
    public void Results_are_compared_by_value_and_type()
    {
        var c = OutcomeComparer.Compare(Success("", Value.FromInt(1)), Success("", Value.FromFloat(1.0), "register"));
        Assert.Equal(ComparisonKind.Disagree, c.Kind);
        Assert.Equal("result differs at result: Int vs Float", c.Summary);
    }
}
