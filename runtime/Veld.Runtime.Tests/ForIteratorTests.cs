using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class ForIteratorTests
{
    private static List<Value> Drain(Value iterable)
    {
        var it = ForIterator.Create(iterable);
        var items = new List<Value>();
        while (it.MoveNext(out var item)) items.Add(item);
        Assert.False(it.MoveNext(out _));   // stays finished
        return items;
    }

    private static long[] Ints(Value iterable) => Drain(iterable).Select(v => v.AsInt).ToArray();

    [Fact]
    public void Arrays_yield_elements()
    {
        Assert.Equal([1, 2, 3], Ints(Arr(I(1), I(2), I(3))));
        Assert.Empty(Drain(Arr()));
    }

    [Fact]
    public void Ranges_yield_ints_and_are_empty_when_end_is_not_past_start()
    {
        Assert.Equal([0, 1, 2], Ints(Range(0, 3)));
        Assert.Equal([0, 1, 2, 3], Ints(Range(0, 3, inclusive: true)));
        Assert.Equal([-2, -1], Ints(Range(-2, 0)));
        Assert.Empty(Drain(Range(3, 3)));
        Assert.Empty(Drain(Range(5, 1)));
        Assert.Equal([3], Ints(Range(3, 3, inclusive: true)));
        Assert.Empty(Drain(Range(4, 3, inclusive: true)));
    }

    [Fact]
    public void Ranges_at_the_ends_of_i64_do_not_overflow()
    {
        Assert.Equal([long.MaxValue - 1, long.MaxValue], Ints(Range(long.MaxValue - 1, long.MaxValue, inclusive: true)));
        Assert.Equal([long.MaxValue - 1], Ints(Range(long.MaxValue - 1, long.MaxValue)));
        Assert.Equal([long.MinValue], Ints(Range(long.MinValue, long.MinValue + 1)));
        Assert.Equal([long.MinValue], Ints(Range(long.MinValue, long.MinValue, inclusive: true)));
    }

    [Fact]
    public void Maps_yield_key_value_tuples_in_insertion_order()
    {
        var m = Map((S("b"), I(1)), (S("a"), I(2)));
        AsMap(m).Remove(S("b"), out _);
        AsMap(m).Set(S("b"), I(3));
        Assert.Equal("[(\"a\", 2), (\"b\", 3)]", Display.Show(Arr([.. Drain(m)])));
    }

    [Fact]
    public void Strings_yield_one_scalar_strings()
    {
        var items = Drain(S("hé\U0001F600!")).Select(v => v.As<VeldString>().Text);
        Assert.Equal(["h", "é", "\U0001F600", "!"], items);
        Assert.Empty(Drain(S("")));
    }

    [Fact]
    public void Assigning_elements_during_iteration_is_allowed()
    {
        var a = Arr(I(1), I(2), I(3));
        var it = ForIterator.Create(a);
        var seen = new List<long>();
        while (it.MoveNext(out var item))
        {
            seen.Add(item.AsInt);
            Operators.SetIndex(a, I(2), I(30));
        }
        Assert.Equal([1, 2, 30], seen);

        var m = Map((S("a"), I(1)), (S("b"), I(2)));
        var mit = ForIterator.Create(m);
        while (mit.MoveNext(out _)) Operators.SetIndex(m, S("a"), I(9));
        Assert.Equal(9, Operators.GetIndex(m, S("a")).AsInt);
    }

    [Fact]
    public void Changing_an_arrays_length_during_iteration_is_a_value_error_at_the_next_step()
    {
        var a = Arr(I(1), I(2), I(3));
        var it = ForIterator.Create(a);
        Assert.True(it.MoveNext(out _));
        AsArray(a).Add(I(4));
        Raises(ErrorKind.Value, "array changed size during iteration", () => it.MoveNext(out _));

        // Even a push followed by a pop (same length again) is caught.
        var b = Arr(I(1), I(2));
        var it2 = ForIterator.Create(b);
        Assert.True(it2.MoveNext(out _));
        BuiltinMethods.Call(Contexts.New(), b, "push", [I(9)]);
        BuiltinMethods.Call(Contexts.New(), b, "pop", []);
        Raises(ErrorKind.Value, "array changed size during iteration", () => it2.MoveNext(out _));

        // A change during the last iteration is still reported.
        var c = Arr(I(1));
        var it3 = ForIterator.Create(c);
        Assert.True(it3.MoveNext(out _));
        AsArray(c).RemoveAt(0);
        Raises(ErrorKind.Value, () => it3.MoveNext(out _));
    }

    [Fact]
    public void Adding_or_removing_map_keys_during_iteration_is_a_value_error()
    {
        var m = Map((S("a"), I(1)), (S("b"), I(2)));
        var it = ForIterator.Create(m);
        Assert.True(it.MoveNext(out _));
        Operators.SetIndex(m, S("c"), I(3));
        Raises(ErrorKind.Value, "map changed keys during iteration", () => it.MoveNext(out _));

        var m2 = Map((S("a"), I(1)), (S("b"), I(2)));
        var it2 = ForIterator.Create(m2);
        Assert.True(it2.MoveNext(out _));
        AsMap(m2).Remove(S("b"), out _);
        Raises(ErrorKind.Value, "map changed keys during iteration", () => it2.MoveNext(out _));
    }

    [Fact]
    public void Other_values_cannot_be_iterated()
    {
        Raises(ErrorKind.Type, "cannot iterate over a value of type int", () => ForIterator.Create(I(3)));
        Raises(ErrorKind.Type, "cannot iterate over a value of type tuple", () => ForIterator.Create(Tup(I(1))));
        Raises(ErrorKind.Type, "cannot iterate over a value of type Point", () => ForIterator.Create(Pt(I(1), I(2))));
        Raises(ErrorKind.Type, "cannot iterate over a value of type unit", () => ForIterator.Create(Unit));
    }
}
