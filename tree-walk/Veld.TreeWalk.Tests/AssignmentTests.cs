namespace Veld.TreeWalk.Tests;

/// <summary>Assignment to names, elements, fields and map keys, plain and compound.</summary>
public class AssignmentTests
{
    [Fact]
    public void Every_target_and_operator()
    {
        Assert.Equal("([11, 5, 3], {\"k\": 2, \"new\": 3, \"x\": 4}, \"ab\", (7, 3, 12, 4, 1))", Result("""
            let a = [1, 2, 3]
            a[0] += 10
            a[1] = 5
            let m = {k: 1}
            m.k += 1
            m.new = 3
            m["x"] = 4
            var s = "a"
            s += "b"
            var p = 5
            p += 2
            var q = 5
            q -= 2
            var r = 6
            r *= 2
            var t = 9
            t /= 2
            var u = 9
            u %= 2
            (a, m, s, (p, q, r, t, u))
            """));
    }

    [Fact]
    public void Compound_target_parts_are_evaluated_once()
    {
        Assert.Equal("([6], 1)", Result("""
            var calls = 0
            fn idx()
                calls += 1
                0
            end
            let a = [1]
            a[idx()] += 5
            (a, calls)
            """));
    }

    [Fact]
    public void Compound_reads_the_target_before_the_right_hand_side()
    {
        // x += e is x = x + e: the old x (1) is read before bump() sets it to 100.
        var outcome = Succeeds("""
            fn t(x)
                print(x)
                x
            end
            let a = [10]
            a[t(0)] += t(1)
            fn f()
                var x = 1
                let bump = () => do x = 100  1 end
                x += bump()
                x
            end
            (a, f())
            """);
        Assert.Equal("01", outcome.Stdout);
        Assert.Equal("([11], 2)", Display.Show(outcome.Result));
    }

    [Fact]
    public void Compound_on_a_missing_element_fails_before_the_right_hand_side_runs()
    {
        var outcome = FailsWith("let a = [1]\na[3] += println(\"rhs\")", ErrorKind.Index, 2);
        Assert.Equal("", outcome.Stdout);
        FailsWith("let m = {a: 1}\n\nm.b += 1", ErrorKind.Key, 3);
    }

    [Fact]
    public void Assignment_is_a_unit_expression() => Assert.Equal("()", Result("var x = 1\nx = 2"));

    [Fact]
    public void Assigning_into_a_string_is_an_error() => FailsWith("let s = \"ab\"\ns[0] = \"x\"", ErrorKind.Type, 2);
}
