using Veld.Language;
using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class BuiltinFunctionTests
{
    private static Value Call(string name, params Value[] args) => Builtins.Get(name).Invoke(Contexts.New(), args);

    [Fact]
    public void Every_name_the_resolver_knows_is_implemented_and_shared()
    {
        foreach (var name in BuiltinNames.Functions)
        {
            var f = Builtins.Get(name);
            Assert.Equal(name, f.Name);
            Assert.Same(f, Builtins.Get(name));
            Assert.Equal($"<builtin {name}>", f.DisplayName);
        }
        Assert.Equal(BuiltinNames.Functions.Count, Builtins.All.Count());
        Assert.Throws<ArgumentException>(() => Builtins.Get("nope"));
    }

    [Fact]
    public void Print_and_println_write_display_forms_separated_by_spaces()
    {
        var output = new StringWriter();
        var context = Contexts.New(output);
        Builtins.Get("print").Invoke(context, [S("a"), I(1), Arr(S("b"))]);
        Builtins.Get("println").Invoke(context, [F(2), Unit]);
        Builtins.Get("println").Invoke(context, []);
        Builtins.Get("print").Invoke(context, []);
        Assert.Equal("a 1 [\"b\"]2.0 ()\n\n", output.ToString());
        Assert.True(Builtins.Get("println").Invoke(context, [I(1)]).IsUnit);
    }

    [Fact]
    public void Len_counts_scalars_elements_entries_and_range_ints()
    {
        Assert.Equal(3, Call("len", S("a\U0001F600é")).AsInt);
        Assert.Equal(2, Call("len", Arr(I(1), I(2))).AsInt);
        Assert.Equal(1, Call("len", Tup(I(1))).AsInt);
        Assert.Equal(1, Call("len", Map((I(1), I(1)))).AsInt);
        Assert.Equal(10, Call("len", Range(0, 10)).AsInt);
        Assert.Equal(11, Call("len", Range(0, 10, inclusive: true)).AsInt);
        Assert.Equal(0, Call("len", Range(5, 1)).AsInt);
        Assert.Equal(long.MaxValue, Call("len", Range(0, long.MaxValue)).AsInt);
        Raises(ErrorKind.Overflow, "integer overflow in len", () => Call("len", Range(long.MinValue, long.MaxValue)));
        Raises(ErrorKind.Type, "len expects a str, array, tuple, map or range, got int", () => Call("len", I(3)));
    }

    [Fact]
    public void Type_of()
    {
        Assert.Equal("float", Call("type_of", F(1)).As<VeldString>().Text);
        Assert.Equal("Point", Call("type_of", Pt(I(1), I(2))).As<VeldString>().Text);
    }

    [Fact]
    public void Abs_keeps_the_type_and_overflows_on_i64_min()
    {
        Assert.Equal(5, Call("abs", I(-5)).AsInt);
        Assert.True(Call("abs", I(-5)).IsInt);
        Assert.Equal(2.5, Call("abs", F(-2.5)).AsFloat);
        Assert.Equal(long.MaxValue, Call("abs", I(-long.MaxValue)).AsInt);
        Raises(ErrorKind.Overflow, "integer overflow in abs", () => Call("abs", I(long.MinValue)));
        Raises(ErrorKind.Type, "abs expects a number, got str", () => Call("abs", S("1")));
    }

    [Fact]
    public void Sqrt_gives_a_float()
    {
        Assert.True(Call("sqrt", I(16)).IsFloat);
        Assert.Equal(4.0, Call("sqrt", I(16)).AsFloat);
        Assert.Equal(1.5, Call("sqrt", F(2.25)).AsFloat);
        Assert.True(double.IsNaN(Call("sqrt", I(-1)).AsFloat));
        Raises(ErrorKind.Type, "sqrt expects a number, got bool", () => Call("sqrt", B(true)));
    }

    [Theory]
    [InlineData("floor", 2.5, 2.0)]
    [InlineData("floor", -2.5, -3.0)]
    [InlineData("ceil", 2.1, 3.0)]
    [InlineData("ceil", -2.9, -2.0)]
    [InlineData("round", 2.5, 3.0)]
    [InlineData("round", -2.5, -3.0)]
    [InlineData("round", 0.5, 1.0)]
    [InlineData("round", 1.5, 2.0)]
    [InlineData("round", 2.4999, 2.0)]
    [InlineData("round", 1e300, 1e300)]
    public void Rounding_a_float_gives_a_float(string name, double x, double expected)
    {
        var v = Call(name, F(x));
        Assert.True(v.IsFloat);
        Assert.Equal(expected, v.AsFloat);
    }

    [Fact]
    public void Rounding_an_int_returns_it_unchanged()
    {
        foreach (var name in new[] { "floor", "ceil", "round" })
        {
            var v = Call(name, I(long.MaxValue));
            Assert.True(v.IsInt);
            Assert.Equal(long.MaxValue, v.AsInt);
            Raises(ErrorKind.Type, $"{name} expects a number, got str", () => Call(name, S("1")));
        }
    }

    [Fact]
    public void Min_and_max_return_the_chosen_argument_unchanged()
    {
        Assert.True(Call("min", I(3), F(1.5), I(2)).IsFloat);
        Assert.Equal(1.5, Call("min", I(3), F(1.5), I(2)).AsFloat);
        Assert.Equal(3, Call("max", I(3), F(1.5), I(2)).AsInt);
        Assert.True(Call("max", I(3), F(1.5), I(2)).IsInt);
        // Ties keep the first argument: an int stays an int.
        Assert.True(Call("min", I(1), F(1.0)).IsInt);
        Assert.True(Call("max", F(1.0), I(1)).IsFloat);
        // NaN never beats anything, so it wins only when it comes first (as in Python).
        Assert.True(double.IsNaN(Call("min", F(double.NaN), I(1)).AsFloat));
        Assert.Equal(1, Call("min", I(1), F(double.NaN)).AsInt);
        Raises(ErrorKind.Arity, "min expects at least 2 argument(s), got 1", () => Call("min", I(1)));
        Raises(ErrorKind.Type, "max expects numbers, got str", () => Call("max", I(1), S("2")));
    }

    [Fact]
    public void Clock_and_args_read_the_context()
    {
        var context = Contexts.New(args: ["10", "x"]);
        var clock = Builtins.Get("clock").Invoke(context, []);
        Assert.True(clock.IsFloat);
        Assert.True(clock.AsFloat >= 0);
        var args = Builtins.Get("args").Invoke(context, []);
        Assert.Equal("[\"10\", \"x\"]", Display.Show(args));
        Assert.NotSame(args.AsObject, Builtins.Get("args").Invoke(context, []).AsObject);   // a fresh array each call
    }

    [Fact]
    public void Wrong_argument_counts_are_arity_errors()
    {
        Raises(ErrorKind.Arity, "len expects 1 argument(s), got 2", () => Call("len", I(1), I(2)));
        Raises(ErrorKind.Arity, "clock expects 0 argument(s), got 1", () => Call("clock", I(1)));
        Raises(ErrorKind.Arity, "abs expects 1 argument(s), got 0", () => Call("abs"));
    }
}
