using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class DisplayTests
{
    [Fact]
    public void Scalars()
    {
        Assert.Equal("-12", Display.Show(I(-12)));
        Assert.Equal("-9223372036854775808", Display.Show(I(long.MinValue)));
        Assert.Equal("3.0", Display.Show(F(3)));
        Assert.Equal("true", Display.Show(B(true)));
        Assert.Equal("false", Display.Show(B(false)));
        Assert.Equal("()", Display.Show(Unit));
        Assert.Equal("0..10", Display.Show(Range(0, 10)));
        Assert.Equal("-3..=-1", Display.Show(Range(-3, -1, inclusive: true)));
    }

    [Fact]
    public void Strings_are_raw_at_top_level_and_quoted_inside()
    {
        Assert.Equal("a\n\"b\"", Display.Show(S("a\n\"b\"")));
        Assert.Equal("\"a\\n\"", Display.ShowNested(S("a\n")));
        Assert.Equal("[\"a\\n\"]", Display.Show(Arr(S("a\n"))));
        Assert.Equal("[\"\\t\\r\\\\\\\"\\0\"]", Display.Show(Arr(S("\t\r\\\"\0"))));
        Assert.Equal("[\"\\u{1b}[0m\\u{7f}\\u{85}\"]", Display.Show(Arr(S("\u001b[0m\u007f\u0085"))));
        Assert.Equal("[\"it's é \U0001F600\"]", Display.Show(Arr(S("it's é \U0001F600"))));
        Assert.Equal("3", Display.ShowNested(I(3)));
    }

    [Fact]
    public void Arrays_and_tuples()
    {
        Assert.Equal("[1, 2]", Display.Show(Arr(I(1), I(2))));
        Assert.Equal("[]", Display.Show(Arr()));
        Assert.Equal("(1, \"a\")", Display.Show(Tup(I(1), S("a"))));
        Assert.Equal("(1,)", Display.Show(Tup(I(1))));
        Assert.Equal("((1,), [(2, 3.5)])", Display.Show(Tup(Tup(I(1)), Arr(Tup(I(2), F(3.5))))));
    }

    [Fact]
    public void Maps_in_insertion_order()
    {
        Assert.Equal("{\"name\": \"x\", \"age\": 3}", Display.Show(Map((S("name"), S("x")), (S("age"), I(3)))));
        Assert.Equal("{}", Display.Show(Map()));
        Assert.Equal("{(1, true): [1], 2: {}}", Display.Show(Map((Tup(I(1), B(true)), Arr(I(1))), (I(2), Map()))));
    }

    [Fact]
    public void Structs_enums_and_functions()
    {
        Assert.Equal("Point(x: 1.0, y: 2.0)", Display.Show(Pt(F(1), F(2))));
        Assert.Equal("Point(x: \"a\", y: [])", Display.Show(Pt(S("a"), Arr())));
        Assert.Equal("Shape.Circle(2.0)", Display.Show(Circle(2)));
        Assert.Equal("Shape.Rect(1, 2)", Display.Show(Operators.NewEnum(Shape, 1, [I(1), I(2)])));
        Assert.Equal("Color.Red", Display.Show(Operators.NewEnum(Color, 0, [])));
        Assert.Equal("[Color.Blue]", Display.Show(Arr(Operators.NewEnum(Color, 2, []))));
        Assert.Equal("<builtin len>", Display.Show(Value.FromObject(Builtins.Get("len"))));
        Assert.Equal("[<fn f>]", Display.Show(Arr(TestFunction.Of("f", _ => Unit))));
        Assert.Equal("Empty()", Display.Show(Operators.NewStruct(new StructType("Empty", []), [])));
        var error = new VeldRuntimeException(ErrorKind.Key, "key \"a\" not found", 4).ToCatchValue();
        Assert.Equal("Error(kind: \"Key\", message: \"key \\\"a\\\" not found\", line: 4)", Display.Show(error));
    }

    [Fact]
    public void Cycles_print_as_ellipses()
    {
        var a = Arr(I(1));
        AsArray(a).Add(a);
        Assert.Equal("[1, [...]]", Display.Show(a));

        var m = Map((S("k"), I(1)));
        AsMap(m).Set(S("self"), m);
        Assert.Equal("{\"k\": 1, \"self\": {...}}", Display.Show(m));

        var p = Pt(I(1), Unit);
        Operators.SetField(p, "y", Arr(p));
        Assert.Equal("Point(x: 1, y: [Point(...)])", Display.Show(p));

        var inner = Arr();
        var t = Tup(inner);
        AsArray(inner).Add(t);
        Assert.Equal("([(...)],)", Display.Show(t));

        var holder = Arr();
        var e = Circle(0);
        var some = Operators.NewEnum(Shape, 1, [holder, I(0)]);
        AsArray(holder).Add(some);
        Assert.Equal("Shape.Rect([Shape.Rect(...)], 0)", Display.Show(some));
        Assert.Equal("Shape.Circle(0.0)", Display.Show(e));
    }

    [Fact]
    public void Shared_but_acyclic_values_print_in_full_each_time()
    {
        var shared = Arr(I(1));
        Assert.Equal("[[1], [1], ([1],)]", Display.Show(Arr(shared, shared, Tup(shared))));
    }

    [Fact]
    public void Deep_nesting_prints_without_recursion()
    {
        const int depth = 100_000;
        var v = I(7);
        for (int i = 0; i < depth; i++) v = Arr(v);
        string shown = Display.Show(v);
        Assert.Equal(2 * depth + 1, shown.Length);
        Assert.StartsWith("[[[", shown);
        Assert.Equal('7', shown[depth]);

        var map = I(0);
        for (int i = 0; i < depth; i++) map = Map((Tup(I(i)), map));
        Assert.EndsWith(": 0" + new string('}', depth), Display.Show(map));
    }

    [Fact]
    public void Display_longer_than_the_limit_is_a_limit_error()
    {
        // 2^k copies through a shared chain: tiny to build, enormous to print.
        var v = Arr(S(new string('x', 1000)));
        for (int i = 0; i < 20; i++) v = Arr(v, v);
        Raises(ErrorKind.LimitExceeded, () => Display.Show(v));
    }

    [Fact]
    public void Type_names()
    {
        Assert.Equal(["int", "float", "bool", "str", "unit", "array", "tuple", "map", "range", "fn", "Point", "Shape", "fn"],
            new[] { I(1), F(1), B(true), S(""), Unit, Arr(), Tup(I(1)), Map(), Range(0, 1), TestFunction.Of("f", _ => Unit),
                    Pt(I(1), I(1)), Circle(1), Value.FromObject(Builtins.Get("len")) }.Select(Display.TypeName));
    }

    [Theory]
    [InlineData(3.0, "3.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e-5, "1.5e-05")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    [InlineData(1e100, "1e+100")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    public void Float_forms(double d, string expected) => Assert.Equal(expected, Display.FormatFloat(d));
}
