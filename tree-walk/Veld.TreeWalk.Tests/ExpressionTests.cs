namespace Veld.TreeWalk.Tests;

/// <summary>Literals, operators, ranges, casts, collections: evaluation order and error lines.</summary>
public class ExpressionTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("(-7 / 2, -7 % 2)", "(-3, -1)")]
    [InlineData("2 *^ 10", "1024")]
    [InlineData("-2 *^ 2", "-4")]
    [InlineData("1 == 1.0", "true")]
    [InlineData("\"ab\" + \"cd\"", "abcd")]
    [InlineData("(6 & 3, 6 | 3, 6 ^ 3, 1 << 4, 256 >> 4)", "(2, 7, 5, 16, 16)")]
    [InlineData("!true", "false")]
    [InlineData("0x1F + 0b101 + 1_000", "1036")]
    [InlineData("'a'", "a")]
    [InlineData("()", "()")]
    [InlineData("[1, \"a\", (2,)]", "[1, \"a\", (2,)]")]
    [InlineData("{name: \"x\", 1: 2}", "{\"name\": \"x\", 1: 2}")]
    [InlineData("(1, \"a\").1", "a")]
    [InlineData("[10, 20, 30][1]", "20")]
    [InlineData("\"héllo\"[1]", "é")]
    [InlineData("1..=3", "1..=3")]
    [InlineData("3.9 as int", "3")]
    [InlineData("\"12\" as int", "12")]
    [InlineData("7 as float", "7.0")]
    [InlineData("[1, 2] as str", "[1, 2]")]
    public void Evaluates(string code, string expected) => Assert.Equal(expected, Result(code));

    [Fact]
    public void Result_keeps_its_type()
    {
        var result = Succeeds("1 + 2").Result;
        Assert.True(result.IsInt);
        Assert.Equal(3, result.AsInt);
        Assert.True(Succeeds("1 + 2.0").Result.IsFloat);
    }

    [Fact]
    public void And_or_short_circuit()
    {
        Assert.Equal("false", Result("false and (1 / 0 == 0)"));
        Assert.Equal("true", Result("true or (1 / 0 == 0)"));
        Assert.Equal("true", Result("true and 1 < 2"));
    }

    [Fact]
    public void Logical_operands_must_be_bools()
    {
        FailsWith("let a = 1\nlet b = a and true", ErrorKind.Type, 2);
        FailsWith("let a = false\nlet b = a or 3", ErrorKind.Type, 2);
    }

    [Fact]
    public void Operands_are_evaluated_left_to_right()
    {
        var stdout = Stdout("""
            fn t(x)
                print(x)
                x
            end
            let v = t(1) + t(2) * t(3)
            let a = [t(4), t(5)]
            let m = {t(6): t(7)}
            println()
            v
            """);
        Assert.Equal("1234567\n", stdout);
    }

    [Theory]
    [InlineData("let x = 1\nlet y = x / 0", ErrorKind.DivisionByZero, 2)]
    [InlineData("let x = 9223372036854775807\n\nx + 1", ErrorKind.Overflow, 3)]
    [InlineData("let a = [1, 2]\na[2]", ErrorKind.Index, 2)]
    [InlineData("let m = {a: 1}\nm[\"b\"]", ErrorKind.Key, 2)]
    [InlineData("let s = \"a\"\ns + 1", ErrorKind.Type, 2)]
    [InlineData("\"x\" as int", ErrorKind.Value, 1)]
    [InlineData("true as int", ErrorKind.Type, 1)]
    [InlineData("let r = 1..\"a\"", ErrorKind.Type, 1)]
    [InlineData("1 << 64", ErrorKind.Value, 1)]
    public void Operator_errors_carry_their_line(string code, ErrorKind kind, int line) => FailsWith(code, kind, line);

    [Fact]
    public void Innermost_operation_line_wins_across_calls()
    {
        FailsWith("""
            fn inv(x)
                10 / x
            end
            let r = [1, 0].map(inv)
            """, ErrorKind.DivisionByZero, 2);
    }
}
