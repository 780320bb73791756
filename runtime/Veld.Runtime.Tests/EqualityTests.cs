using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class EqualityTests
{
    [Fact]
    public void Numbers_compare_by_value_across_int_and_float()
    {
        Assert.True(Operators.Equal(I(1), F(1.0)));
        Assert.True(Operators.Equal(F(1.0), I(1)));
        Assert.False(Operators.Equal(I(1), F(1.5)));
        Assert.True(Operators.Equal(F(0.0), F(-0.0)));
        Assert.True(Operators.Equal(I(0), F(-0.0)));
        Assert.False(Operators.Equal(F(double.NaN), F(double.NaN)));
    }

    [Fact]
    public void Values_of_different_kinds_are_unequal_and_never_fail()
    {
        Value[] values = [I(1), F(1.5), B(true), S("1"), Unit, Arr(I(1)), Tup(I(1)), Map((I(1), I(1))), Range(0, 1),
                          Pt(I(1), I(1)), Circle(1), Operators.NewEnum(Color, 0, []), Value.FromObject(Builtins.Get("len"))];
        for (int i = 0; i < values.Length; i++)
            for (int j = 0; j < values.Length; j++)
                Assert.Equal(i == j, Operators.Equal(values[i], values[j]));
        Assert.False(Operators.Equal(B(true), I(1)));
        Assert.False(Operators.Equal(S("1"), I(1)));
    }

    [Fact]
    public void Strings_compare_ordinally()
    {
        Assert.True(Operators.Equal(S("héllo"), S("héllo")));
        Assert.False(Operators.Equal(S("e\u0301"), S("é")));   // no normalisation
        Assert.True(Operators.Equal(Unit, Unit));
    }

    [Fact]
    public void Containers_compare_deeply()
    {
        Assert.True(Operators.Equal(Arr(I(1), Arr(S("a"), F(2))), Arr(F(1), Arr(S("a"), I(2)))));
        Assert.False(Operators.Equal(Arr(I(1), Arr(S("a"))), Arr(I(1), Arr(S("b")))));
        Assert.False(Operators.Equal(Arr(I(1)), Arr(I(1), I(2))));
        Assert.True(Operators.Equal(Arr(), Arr()));
        Assert.True(Operators.Equal(Tup(I(1), Tup(B(true))), Tup(I(1), Tup(B(true)))));
        Assert.False(Operators.Equal(Tup(I(1)), Tup(I(1), I(2))));
        Assert.False(Operators.Equal(Arr(I(1), I(2)), Tup(I(1), I(2))));
        Assert.True(Operators.Equal(Range(0, 5), Range(0, 5)));
        Assert.False(Operators.Equal(Range(0, 5), Range(0, 5, inclusive: true)));
        Assert.False(Operators.Equal(Range(0, 5), Range(0, 4, inclusive: true)));
    }

    [Fact]
    public void An_array_holding_nan_is_unequal_to_itself()
    {
        var a = Arr(F(double.NaN));
        Assert.False(Operators.Equal(a, a));
    }

    [Fact]
    public void Maps_are_equal_with_the_same_keys_and_values_in_any_order()
    {
        var m1 = Map((S("a"), I(1)), (S("b"), Arr(I(2))));
        var m2 = Map((S("b"), Arr(F(2))), (S("a"), I(1)));
        Assert.True(Operators.Equal(m1, m2));
        Assert.False(Operators.Equal(m1, Map((S("a"), I(1)))));
        Assert.False(Operators.Equal(m1, Map((S("a"), I(1)), (S("c"), Arr(I(2))))));
        Assert.False(Operators.Equal(m1, Map((S("a"), I(1)), (S("b"), Arr(I(3))))));
        Assert.True(Operators.Equal(Map(), Map()));
    }

    [Fact]
    public void Structs_and_enums_compare_by_type_name_and_contents()
    {
        Assert.True(Operators.Equal(Pt(I(1), F(2)), Pt(F(1), I(2))));
        Assert.False(Operators.Equal(Pt(I(1), I(2)), Pt(I(2), I(1))));
        var other = new StructType("Other", ["x", "y"]);
        Assert.False(Operators.Equal(Pt(I(1), I(2)), Operators.NewStruct(other, [I(1), I(2)])));
        // A type declared again in another run (another StructType object) is the same type by name.
        var pointAgain = new StructType("Point", ["x", "y"]);
        Assert.True(Operators.Equal(Pt(I(1), I(2)), Operators.NewStruct(pointAgain, [I(1), I(2)])));

        Assert.True(Operators.Equal(Circle(2), Circle(2)));
        Assert.False(Operators.Equal(Circle(2), Circle(3)));
        Assert.False(Operators.Equal(Operators.NewEnum(Color, 0, []), Operators.NewEnum(Color, 1, [])));
        Assert.True(Operators.Equal(Operators.NewEnum(Color, 2, []), Operators.NewEnum(Color, 2, [])));
        Assert.False(Operators.Equal(Operators.NewEnum(Shape, 2, []), Operators.NewEnum(Color, 2, [])));
    }

    [Fact]
    public void Functions_compare_by_identity()
    {
        var f = TestFunction.Of("f", _ => Unit);
        var g = TestFunction.Of("f", _ => Unit);
        Assert.True(Operators.Equal(f, f));
        Assert.False(Operators.Equal(f, g));
        Assert.True(Operators.Equal(Value.FromObject(Builtins.Get("println")), Value.FromObject(Builtins.Get("println"))));
    }

    [Fact]
    public void Comparing_cyclic_values_is_a_value_error()
    {
        var a = Arr(I(1));
        AsArray(a).Add(a);
        var b = Arr(I(1));
        AsArray(b).Add(b);
        Raises(ErrorKind.Value, "comparison nested deeper than 1000 levels (a cyclic value?)", () => Operators.Equal(a, b));
        // No identity shortcut: even a cyclic value compared with itself recurses to the bound.
        Raises(ErrorKind.Value, () => Operators.Equal(a, a));
        // A cycle is found only if the comparison reaches it.
        Assert.False(Operators.Equal(a, Arr(I(2), I(3))));
    }

    private static Value Nested(int depth)
    {
        var v = I(0);
        for (int i = 0; i < depth; i++) v = Arr(v);
        return v;
    }

    [Fact]
    public void The_depth_bound_is_exactly_1000_containers()
    {
        Assert.True(Operators.Equal(Nested(1000), Nested(1000)));
        Raises(ErrorKind.Value, () => Operators.Equal(Nested(1001), Nested(1001)));
        // Unequal lengths at the top are decided before any recursion.
        Assert.False(Operators.Equal(Nested(5000), Arr()));
    }
}
