using Veld.Runtime;

namespace Veld.Differential.Tests;

public class ValueComparerTests
{
    private static Value Int(long i) => Value.FromInt(i);
    private static Value Float(double d) => Value.FromFloat(d);
    private static Value Str(string s) => Value.FromString(s);
    private static Value Array(params Value[] items) => Value.FromObject(new VeldArray(items));
    private static Value Tuple(params Value[] items) => Value.FromObject(new VeldTuple(items));

    private static Value Map(params (Value Key, Value Value)[] entries)
    {
        var map = new VeldMap();
        foreach (var (k, v) in entries) map.Set(k, v);
        return Value.FromObject(map);
    }

    // Each run creates its own type objects; the comparer must match them by name.
    private static Value Point(long x, long y, string typeName = "Point") =>
        Value.FromObject(new StructInstance(new StructType(typeName, ["x", "y"]), [Int(x), Int(y)]));

    private static Value Shape(string variant, params Value[] payload) =>
        Value.FromObject(new EnumInstance(new EnumType("Shape", ["Circle", "Rect", "Empty"], [1, 2, 0]),
            variant switch { "Circle" => 0, "Rect" => 1, _ => 2 }, payload));

    private sealed class NamedFunction(string name) : FunctionObject
    {
        public override string DisplayName => name;
    }

    private static void Same(Value a, Value b) => Assert.Null(ValueComparer.Compare(a, b));

    private static ValueDifference Different(Value a, Value b) =>
        ValueComparer.Compare(a, b) ?? throw new Xunit.Sdk.XunitException("expected a difference");

    [Fact]
    public void Scalars_compare_by_value_and_kind()
    {
        Same(Int(3), Int(3));
        Same(Value.Unit, Value.Unit);
        Same(Value.True, Value.True);
        Different(Int(3), Int(4));
        Different(Value.True, Value.False);
        Assert.Equal("Int vs Float", Different(Int(1), Float(1.0)).Reason);
        Different(Value.Unit, Value.False);
    }

    [Fact]
    public void Floats_compare_bit_for_bit_except_that_nans_match()
    {
        Same(Float(0.1), Float(0.1));
        Same(Float(double.NaN), Float(-double.NaN));
        Different(Float(0.0), Float(-0.0));
        Different(Float(0.1 + 0.2), Float(0.3));
    }

    [Fact]
    public void Strings_compare_by_text()
    {
        Same(Str("héllo"), Str("héllo"));
        Different(Str("a"), Str("A"));
    }

    [Fact]
    public void Arrays_and_tuples_compare_element_by_element_with_a_path()
    {
        Same(Array(Int(1), Str("a")), Array(Int(1), Str("a")));
        Assert.Equal("result[1]", Different(Array(Int(1), Int(2)), Array(Int(1), Int(3))).Path);
        Assert.Contains("length 2 and 1", Different(Array(Int(1), Int(2)), Array(Int(1))).Reason);
        Assert.Equal("Array vs Tuple", Different(Array(Int(1)), Tuple(Int(1))).Reason);
        Assert.Equal("result[0][1]", Different(Tuple(Tuple(Int(1), Int(2))), Tuple(Tuple(Int(1), Float(2))) ).Path);
    }

    [Fact]
    public void Maps_compare_entries_in_insertion_order()
    {
        Same(Map((Str("a"), Int(1)), (Str("b"), Int(2))), Map((Str("a"), Int(1)), (Str("b"), Int(2))));
        Assert.Equal("result.keys[0]", Different(Map((Str("a"), Int(1)), (Str("b"), Int(2))), Map((Str("b"), Int(2)), (Str("a"), Int(1)))).Path);
        Assert.StartsWith("result[", Different(Map((Str("a"), Int(1))), Map((Str("a"), Int(2)))).Path);
        Different(Map((Str("a"), Int(1))), Map());
    }

    [Fact]
    public void Structs_compare_by_type_name_and_fields()
    {
        Same(Point(1, 2), Point(1, 2));
        Assert.Equal("result.y", Different(Point(1, 2), Point(1, 3)).Path);
        Assert.Contains("struct Point vs Vec", Different(Point(1, 2), Point(1, 2, "Vec")).Reason);
    }

    [Fact]
    public void Enums_compare_by_type_variant_and_payload()
    {
        Same(Shape("Circle", Float(2)), Shape("Circle", Float(2)));
        Same(Shape("Empty"), Shape("Empty"));
        Assert.Contains("Shape.Circle vs Shape.Rect", Different(Shape("Circle", Float(2)), Shape("Rect", Float(2), Float(3))).Reason);
        Assert.Equal("result[0]", Different(Shape("Circle", Float(2)), Shape("Circle", Int(2))).Path);
    }

    [Fact]
    public void Ranges_compare_bounds_and_inclusiveness()
    {
        Same(Value.FromObject(new VeldRange(0, 10, false)), Value.FromObject(new VeldRange(0, 10, false)));
        Different(Value.FromObject(new VeldRange(0, 10, false)), Value.FromObject(new VeldRange(0, 10, true)));
    }

    [Fact]
    public void Functions_compare_by_display_name_not_identity()
    {
        Same(Value.FromObject(new NamedFunction("<fn add>")), Value.FromObject(new NamedFunction("<fn add>")));
        Different(Value.FromObject(new NamedFunction("<fn add>")), Value.FromObject(new NamedFunction("<fn lambda@3>")));
    }

    [Fact]
    public void Cyclic_values_terminate()
    {
        static Value SelfHolding(long tag)
        {
            var array = new VeldArray([Value.FromInt(tag)]);
            array.Add(Value.FromObject(array));
            return Value.FromObject(array);
        }
        Same(SelfHolding(1), SelfHolding(1));
        Assert.Equal("result[0]", Different(SelfHolding(1), SelfHolding(2)).Path);
    }

    [Fact]
    public void Nesting_deeper_than_the_bound_is_not_compared_and_does_not_overflow()
    {
        static Value Nested(int depth, long leaf)
        {
            var value = Value.FromInt(leaf);
            for (int i = 0; i < depth; i++) value = Array(value);
            return value;
        }
        Assert.NotNull(ValueComparer.Compare(Nested(ValueComparer.MaxDepth - 1, 1), Nested(ValueComparer.MaxDepth - 1, 2)));
        Assert.Null(ValueComparer.Compare(Nested(100_000, 1), Nested(100_000, 2)));
    }
}
