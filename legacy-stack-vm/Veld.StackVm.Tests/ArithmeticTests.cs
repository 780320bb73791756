using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Veld.Runtime;
using Xunit.Abstractions;

namespace Veld.StackVm.Tests;

/// <summary>ADD SUB MUL DIV MOD POW NEG, the bit operators: inline fast paths must agree with Operators.</summary>
public class ArithmeticTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("7 + 5", "12")]
    [InlineData("7 - 10", "-3")]
    [InlineData("6 * 7", "42")]
    [InlineData("-7 / 2", "-3")]
    [InlineData("-7 % 2", "-1")]
    [InlineData("7 % -2", "1")]
    [InlineData("2 *^ 10", "1024")]
    [InlineData("2 *^ -1", "0.5")]
    [InlineData("-2 *^ 2", "-4")]
    [InlineData("1.5 + 2", "3.5")]
    [InlineData("1 + 0.5", "1.5")]
    [InlineData("0.1 + 0.2", "0.30000000000000004")]
    [InlineData("7.5 % 2", "1.5")]
    [InlineData("\"ab\" + \"cd\"", "abcd")]
    [InlineData("6 & 3", "2")]
    [InlineData("6 | 3", "7")]
    [InlineData("6 ^ 3", "5")]
    [InlineData("1 << 62", "4611686018427387904")]
    [InlineData("-16 >> 2", "-4")]
    [InlineData("-(3)", "-3")]
    [InlineData("-(2.5)", "-2.5")]
    [InlineData("(-9223372036854775807 - 1) % -1", "0")]
    public void Operators_compute(string expression, string expected)
    {
        Assert.Equal(expected, Veld.Result(expression));
    }

    [Theory]
    [InlineData("9223372036854775807 + 1", "Overflow")]
    [InlineData("(-9223372036854775807 - 1) - 1", "Overflow")]
    [InlineData("4611686018427387904 * 2", "Overflow")]
    [InlineData("(-9223372036854775807 - 1) / -1", "Overflow")]
    [InlineData("-(-9223372036854775807 - 1)", "Overflow")]
    [InlineData("2 *^ 63", "Overflow")]
    [InlineData("1 / 0", "DivisionByZero")]
    [InlineData("1 % 0", "DivisionByZero")]
    [InlineData("1.0 / 0.0", "DivisionByZero")]
    [InlineData("\"a\" + 1", "Type")]
    [InlineData("true + 1", "Type")]
    [InlineData("1 << 64", "Value")]
    [InlineData("-true", "Type")]
    public void Errors_come_from_the_runtime_at_the_operator_line(string expression, string kind)
    {
        var error = Veld.Error($"let x = 1\nlet y = 2\n{expression}");
        Assert.Equal(kind, error.Kind);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void A_multi_line_expression_reports_the_line_of_its_operator_node()
    {
        var error = Veld.Error("let a = 1\nlet b = (a +\n  a) / (a - 1)");
        Assert.Equal("DivisionByZero", error.Kind);
        Assert.Equal(Veld.RunTree("let a = 1\nlet b = (a +\n  a) / (a - 1)").Error!.Line, error.Line);
    }

    // ---- fast path / slow path agreement --------------------------------------------------------

    private static readonly long[] IntEdges =
    [
        long.MinValue, long.MinValue + 1, long.MaxValue, long.MaxValue - 1, -1, 0, 1, 2, -2,
        int.MaxValue, int.MinValue, 3037000499, 3037000500, -3037000500, 1L << 62, -(1L << 62),
    ];

    private static readonly Gen<long> Ints = Gen.Frequency(
        (3, Gen.Elements(IntEdges)),
        (3, Gen.Choose(-100, 100).Select(i => (long)i)),
        (3, Gen.Choose(int.MinValue, int.MaxValue).SelectMany(_ => Gen.Choose(int.MinValue, int.MaxValue), (hi, lo) => ((long)hi << 32) | (uint)lo)));

    private static readonly Gen<double> Floats = Gen.Frequency(
        (3, Gen.Choose(-1000, 1000).SelectMany(_ => Gen.Choose(-8, 8), (m, e) => m * Math.Pow(10, e))),
        (1, Gen.Elements(0.0, -0.0, 0.5, 1e300, -1e300, 5e-324, double.MaxValue)));

    private static readonly (string Veld, Func<Value, Value, Value> Runtime)[] BinaryOps =
    [
        ("+", Operators.Add), ("-", Operators.Sub), ("*", Operators.Mul), ("/", Operators.Div), ("%", Operators.Mod),
        ("&", Operators.BitAnd), ("|", Operators.BitOr), ("^", Operators.BitXor),
        ("==", (a, b) => Value.FromBool(Operators.Equal(a, b))), ("!=", (a, b) => Value.FromBool(!Operators.Equal(a, b))),
        ("<", (a, b) => Value.FromBool(Operators.Less(a, b))), ("<=", (a, b) => Value.FromBool(Operators.LessEqual(a, b))),
        (">", (a, b) => Value.FromBool(Operators.Greater(a, b))), (">=", (a, b) => Value.FromBool(Operators.GreaterEqual(a, b))),
    ];

    /// <summary>Every binary operator on (a, b) and negation of a, printed (or its error kind), by the VM
    /// and by the runtime's operators called directly: the outputs must be identical.</summary>
    private static bool VmAgreesWithRuntime(Value a, Value b, string aText, string bText)
    {
        var program = new StringBuilder();
        var expected = new StringBuilder();
        foreach (var (op, runtime) in BinaryOps)
        {
            program.Append($"println(try {aText} {op} {bText} catch e e.kind end)\n");
            expected.Append(Expect(() => runtime(a, b))).Append('\n');
        }
        program.Append($"println(try -{aText} catch e e.kind end)\n");
        expected.Append(Expect(() => Operators.Negate(a))).Append('\n');
        return Veld.Output(program.ToString()) == expected.ToString();
    }

    private static string Expect(Func<Value> compute)
    {
        try
        {
            return Display.Show(compute());
        }
        catch (VeldRuntimeException e)
        {
            return e.Kind.ToString();
        }
    }

    [Fact]
    public void Int_fast_paths_agree_with_the_runtime()
    {
        var pairs = Ints.SelectMany(_ => Ints, (a, b) => (a, b));
        PropertyRunner.Check(output, "int fast paths", Prop.ForAll(Arb.From(pairs), p =>
            VmAgreesWithRuntime(Value.FromInt(p.a), Value.FromInt(p.b), Literals.Int(p.a), Literals.Int(p.b))), maxTest: 100);
    }

    [Fact]
    public void Float_and_mixed_fast_paths_agree_with_the_runtime()
    {
        var pairs = Floats.SelectMany(_ => Gen.OneOf(Floats.Select(f => (Value.FromFloat(f), Literals.Float(f))),
            Ints.Select(i => (Value.FromInt(i), Literals.Int(i)))), (a, b) => (a, b));
        PropertyRunner.Check(output, "float fast paths", Prop.ForAll(Arb.From(pairs), p =>
            VmAgreesWithRuntime(Value.FromFloat(p.a), p.b.Item1, Literals.Float(p.a), p.b.Item2)
            && VmAgreesWithRuntime(p.b.Item1, Value.FromFloat(p.a), p.b.Item2, Literals.Float(p.a))), maxTest: 100);
    }
}
