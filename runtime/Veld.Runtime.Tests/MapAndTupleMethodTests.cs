using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class MapAndTupleMethodTests
{
    private readonly ExecutionContext _context = Contexts.New();
    private Value Call(Value target, string name, params Value[] args) => BuiltinMethods.Call(_context, target, name, args);
    private static string Show(Value v) => Display.Show(v);

    [Fact]
    public void Len_is_empty_keys_values_in_insertion_order()
    {
        var m = Map((S("b"), I(1)), (S("a"), I(2)));
        Assert.Equal(2, Call(m, "len").AsInt);
        Assert.False(Call(m, "is_empty").AsBool);
        Assert.True(Call(Map(), "is_empty").AsBool);
        Assert.Equal("[\"b\", \"a\"]", Show(Call(m, "keys")));
        Assert.Equal("[1, 2]", Show(Call(m, "values")));
    }

    [Fact]
    public void Contains_key_get_and_remove()
    {
        var m = Map((S("a"), I(1)), (Tup(I(1), I(2)), I(2)));
        Assert.True(Call(m, "contains_key", S("a")).AsBool);
        Assert.True(Call(m, "contains_key", Tup(I(1), I(2))).AsBool);
        Assert.False(Call(m, "contains_key", S("z")).AsBool);
        Assert.Equal(1, Call(m, "get", S("a"), I(0)).AsInt);
        Assert.Equal("dflt", Call(m, "get", S("z"), S("dflt")).As<VeldString>().Text);
        Assert.Equal(1, Call(m, "remove", S("a")).AsInt);
        Assert.False(Call(m, "contains_key", S("a")).AsBool);
        Raises(ErrorKind.Key, "key \"a\" not found", () => Call(m, "remove", S("a")));
        Raises(ErrorKind.Type, "map key must be an int, str, bool or a tuple of those, got float", () => Call(m, "contains_key", F(1)));
        Raises(ErrorKind.Type, () => Call(m, "get", Arr(), I(0)));
        Raises(ErrorKind.Type, () => Call(m, "remove", F(1.5)));
    }

    [Fact]
    public void A_removed_key_inserted_again_goes_last()
    {
        var m = Map((S("a"), I(1)), (S("b"), I(2)), (S("c"), I(3)));
        Call(m, "remove", S("a"));
        Operators.SetIndex(m, S("a"), I(4));
        Operators.SetIndex(m, S("b"), I(5));   // replacing keeps the position
        Assert.Equal("{\"b\": 5, \"c\": 3, \"a\": 4}", Show(m));
    }

    [Fact]
    public void Copy_is_a_new_shallow_map_in_the_same_order()
    {
        var inner = Arr();
        var m = Map((S("x"), inner), (I(1), I(2)));
        var c = Call(m, "copy");
        Assert.NotSame(m.AsObject, c.AsObject);
        Assert.Equal(Show(m), Show(c));
        Operators.SetIndex(c, S("y"), I(0));
        Assert.Equal(2, AsMap(m).Count);
        Assert.Same(inner.AsObject, Operators.GetIndex(c, S("x")).AsObject);
    }

    [Fact]
    public void Builtin_methods_win_over_keys_and_unknown_methods_are_field_errors()
    {
        var m = Map((S("len"), TestFunction.Of("f", _ => I(99))));
        Assert.True(BuiltinMethods.Has(m, "len"));
        Assert.Equal(1, Call(m, "len").AsInt);
        Assert.False(BuiltinMethods.Has(m, "push"));
        Raises(ErrorKind.Field, "no method 'push' on map", () => Call(m, "push", I(1)));
        Raises(ErrorKind.Arity, "map.get expects 2 argument(s), got 1", () => Call(m, "get", S("a")));
    }

    [Fact]
    public void Tuples_have_len_and_to_str()
    {
        Assert.Equal(2, Call(Tup(I(1), I(2)), "len").AsInt);
        Assert.True(BuiltinMethods.Has(Tup(I(1)), "len"));
        Assert.False(BuiltinMethods.Has(Tup(I(1)), "is_empty"));
        Raises(ErrorKind.Field, "no method 'push' on tuple", () => Call(Tup(I(1)), "push", I(1)));
    }

    [Fact]
    public void Every_value_has_to_str_and_to_string()
    {
        Value[] values = [I(1), F(0.5), B(true), Unit, S("a\n"), Arr(S("x")), Tup(I(1)), Map((S("k"), I(1))), Range(0, 3),
                          Pt(I(1), I(2)), Circle(1), Value.FromObject(Builtins.Get("len"))];
        foreach (var v in values)
        {
            Assert.True(BuiltinMethods.Has(v, "to_str"));
            Assert.True(BuiltinMethods.Has(v, "to_string"));
            Assert.Equal(Display.Show(v), Call(v, "to_str").As<VeldString>().Text);
            Assert.Equal(Display.Show(v), Call(v, "to_string").As<VeldString>().Text);
        }
        Raises(ErrorKind.Arity, "int.to_str expects 0 argument(s), got 1", () => Call(I(1), "to_str", I(2)));
        Raises(ErrorKind.Arity, "Point.to_string expects 0 argument(s), got 1", () => Call(Pt(I(1), I(2)), "to_string", I(2)));
    }

    [Fact]
    public void Other_values_have_no_other_methods()
    {
        Assert.False(BuiltinMethods.Has(I(1), "len"));
        Assert.False(BuiltinMethods.Has(Pt(I(1), I(2)), "len"));
        Raises(ErrorKind.Field, "no method 'len' on int", () => Call(I(1), "len"));
        Raises(ErrorKind.Field, "no method 'norm' on Point", () => Call(Pt(I(1), I(2)), "norm"));
        Raises(ErrorKind.Field, "no method 'len' on range", () => Call(Range(0, 2), "len"));
    }
}
