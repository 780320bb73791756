using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class IndexingTests
{
    [Fact]
    public void Arrays_strings_and_tuples_index_by_int()
    {
        Assert.Equal(20, Operators.GetIndex(Arr(I(10), I(20)), I(1)).AsInt);
        Assert.Equal("b", Operators.GetIndex(S("abc"), I(1)).As<VeldString>().Text);
        Assert.Equal("é", Operators.GetIndex(S("héllo"), I(1)).As<VeldString>().Text);
        Assert.Equal("\U0001F600", Operators.GetIndex(S("a\U0001F600b"), I(1)).As<VeldString>().Text);
        Assert.Equal("b", Operators.GetIndex(S("a\U0001F600b"), I(2)).As<VeldString>().Text);
        Assert.True(Operators.GetIndex(Tup(I(1), B(true)), I(1)).AsBool);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Out_of_range_or_negative_indices_are_index_errors(long i)
    {
        Raises(ErrorKind.Index, $"index {i} out of range for array of length 3", () => Operators.GetIndex(Arr(I(1), I(2), I(3)), I(i)));
        Raises(ErrorKind.Index, $"index {i} out of range for str of length 3", () => Operators.GetIndex(S("a\U0001F600c"), I(i)));
        Raises(ErrorKind.Index, $"index {i} out of range for tuple of length 3", () => Operators.GetIndex(Tup(I(1), I(2), I(3)), I(i)));
        Raises(ErrorKind.Index, $"index {i} out of range for array of length 3", () => Operators.SetIndex(Arr(I(1), I(2), I(3)), I(i), I(0)));
    }

    [Fact]
    public void Indices_must_be_ints()
    {
        Raises(ErrorKind.Type, "array index must be an int, got float", () => Operators.GetIndex(Arr(I(1)), F(0)));
        Raises(ErrorKind.Type, "str index must be an int, got bool", () => Operators.GetIndex(S("a"), B(false)));
        Raises(ErrorKind.Type, "cannot index a value of type int", () => Operators.GetIndex(I(5), I(0)));
        Raises(ErrorKind.Type, "cannot index a value of type range", () => Operators.GetIndex(Range(0, 5), I(0)));
    }

    [Fact]
    public void Set_index_replaces_array_elements_and_inserts_map_keys()
    {
        var a = Arr(I(1), I(2));
        Operators.SetIndex(a, I(0), S("x"));
        Assert.Equal("x", AsArray(a)[0].As<VeldString>().Text);
        var version = AsArray(a).Version;
        Operators.SetIndex(a, I(1), I(9));
        Assert.Equal(version, AsArray(a).Version);   // assigning elements is not a change of length

        var m = Map();
        Operators.SetIndex(m, S("k"), I(1));
        Operators.SetIndex(m, Tup(I(1), S("a")), I(2));
        Operators.SetIndex(m, S("k"), I(3));
        Assert.Equal(3, Operators.GetIndex(m, S("k")).AsInt);
        Assert.Equal(2, Operators.GetIndex(m, Tup(I(1), S("a"))).AsInt);
        Assert.Equal(2, AsMap(m).Count);

        Raises(ErrorKind.Type, "cannot assign into a str: strings are immutable", () => Operators.SetIndex(S("ab"), I(0), S("x")));
        Raises(ErrorKind.Type, "cannot assign into a tuple: tuples are immutable", () => Operators.SetIndex(Tup(I(1)), I(0), I(2)));
        Raises(ErrorKind.Type, "cannot index a value of type unit", () => Operators.SetIndex(Unit, I(0), I(2)));
    }

    [Fact]
    public void Maps_index_by_valid_keys_and_missing_keys_are_key_errors()
    {
        var m = Map((S("a"), I(1)), (I(2), I(2)), (B(true), I(3)), (Tup(I(1), Tup(S("x"), B(false))), I(4)));
        Assert.Equal(1, Operators.GetIndex(m, S("a")).AsInt);
        Assert.Equal(2, Operators.GetIndex(m, I(2)).AsInt);
        Assert.Equal(3, Operators.GetIndex(m, B(true)).AsInt);
        Assert.Equal(4, Operators.GetIndex(m, Tup(I(1), Tup(S("x"), B(false)))).AsInt);
        Raises(ErrorKind.Key, "key \"b\" not found", () => Operators.GetIndex(m, S("b")));
        Raises(ErrorKind.Key, "key (1, 2) not found", () => Operators.GetIndex(m, Tup(I(1), I(2))));
        Raises(ErrorKind.Key, "key 3 not found", () => Operators.GetIndex(m, I(3)));
    }

    [Fact]
    public void Invalid_map_keys_are_type_errors()
    {
        var m = Map();
        const string expected = "map key must be an int, str, bool or a tuple of those";
        Raises(ErrorKind.Type, $"{expected}, got float", () => Operators.GetIndex(m, F(1)));
        Raises(ErrorKind.Type, $"{expected}, got float", () => Operators.SetIndex(m, F(1), I(1)));
        Raises(ErrorKind.Type, $"{expected}, got array", () => Operators.SetIndex(m, Arr(), I(1)));
        Raises(ErrorKind.Type, $"{expected}, got a tuple containing array", () => Operators.SetIndex(m, Tup(I(1), Arr()), I(1)));
        Raises(ErrorKind.Type, $"{expected}, got a tuple containing float", () => Operators.SetIndex(m, Tup(Tup(F(1))), I(1)));
        Raises(ErrorKind.Type, $"{expected}, got unit", () => Operators.SetIndex(m, Unit, I(1)));
        Raises(ErrorKind.Type, $"{expected}, got map", () => Operators.SetIndex(m, Map(), I(1)));
        Assert.Equal(0, AsMap(m).Count);
    }

    [Fact]
    public void Absurdly_nested_tuple_keys_are_refused_without_deep_recursion()
    {
        var key = I(0);
        for (int i = 0; i < 100_000; i++) key = Tup(key);
        Raises(ErrorKind.Value, "map key nested deeper than 1000 levels", () => Operators.SetIndex(Map(), key, I(1)));
        // A direct lookup (as a tier might do for a literal) just misses; hashing is depth-bounded.
        Assert.False(AsMap(Map((I(1), I(1)))).TryGet(key, out _));
    }

    [Fact]
    public void Fields_of_structs_and_the_error_struct()
    {
        var p = Pt(I(1), I(2));
        Assert.Equal(2, Operators.GetField(p, "y").AsInt);
        Operators.SetField(p, "x", F(5));
        Assert.Equal(5.0, Operators.GetField(p, "x").AsFloat);
        Raises(ErrorKind.Field, "unknown field 'z' for struct 'Point'", () => Operators.GetField(p, "z"));
        Raises(ErrorKind.Field, "unknown field 'z' for struct 'Point'", () => Operators.SetField(p, "z", I(1)));

        var error = new VeldRuntimeException(ErrorKind.Index, "boom").AtLine(12).ToCatchValue();
        Assert.Equal("Index", Operators.GetField(error, "kind").As<VeldString>().Text);
        Assert.Equal("boom", Operators.GetField(error, "message").As<VeldString>().Text);
        Assert.Equal(12, Operators.GetField(error, "line").AsInt);
        Assert.Equal("Error", Display.TypeName(error));
    }

    [Fact]
    public void Fields_of_maps_are_string_keys()
    {
        var m = Map((S("name"), S("x")));
        Assert.Equal("x", Operators.GetField(m, "name").As<VeldString>().Text);
        Operators.SetField(m, "age", I(3));
        Assert.Equal(3, Operators.GetIndex(m, S("age")).AsInt);
        Raises(ErrorKind.Key, "key \"nope\" not found", () => Operators.GetField(m, "nope"));
    }

    [Fact]
    public void Fields_of_other_values_are_field_errors()
    {
        Raises(ErrorKind.Field, "no field 'x' on int", () => Operators.GetField(I(1), "x"));
        Raises(ErrorKind.Field, "no field 'radius' on Shape", () => Operators.GetField(Circle(1), "radius"));
        Raises(ErrorKind.Field, "no field 'x' on array", () => Operators.SetField(Arr(), "x", I(1)));
    }

    [Fact]
    public void Tuple_index()
    {
        var t = Tup(I(1), S("a"));
        Assert.Equal(1, Operators.TupleIndex(t, 0).AsInt);
        Assert.Equal("a", Operators.TupleIndex(t, 1).As<VeldString>().Text);
        Raises(ErrorKind.Index, "index 2 out of range for tuple of length 2", () => Operators.TupleIndex(t, 2));
        Raises(ErrorKind.Type, "cannot use '.0' on a value of type array", () => Operators.TupleIndex(Arr(I(1)), 0));
    }

    [Fact]
    public void Enum_construction_checks_the_payload_count()
    {
        var e = Operators.NewEnum(Shape, 1, [F(1), F(2)]).As<EnumInstance>();
        Assert.Equal("Rect", e.VariantName);
        Raises(ErrorKind.Arity, "Shape.Circle expects 1 argument(s), got 2", () => Operators.NewEnum(Shape, 0, [F(1), F(2)]));
        Raises(ErrorKind.Arity, "Shape.Empty expects 0 argument(s), got 1", () => Operators.NewEnum(Shape, 2, [F(1)]));
    }
}
