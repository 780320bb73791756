using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

/// <summary>
/// An array of ints, floats or bools of one kind keeps payloads; the first element of another kind moves it to one
/// Value per element for good. Every operation must mean the same in both storages: elements, order, length,
/// Version, display and equality.
/// </summary>
public class ArrayStorageTests
{
    private static VeldArray Of(params Value[] items) => AsArray(Arr(items));

    [Fact]
    public void An_array_of_one_primitive_kind_keeps_payloads_and_a_mix_keeps_values()
    {
        Assert.Equal(ArrayStorage.Ints, Of(I(1), I(2)).Storage);
        Assert.Equal(ArrayStorage.Floats, Of(F(1.5), F(-0.0)).Storage);
        Assert.Equal(ArrayStorage.Bools, Of(B(true), B(false)).Storage);
        Assert.Equal(ArrayStorage.Values, Of(I(1), F(1.0)).Storage);
        Assert.Equal(ArrayStorage.Values, Of(S("a")).Storage);
        Assert.Equal(ArrayStorage.Values, Of(B(true), I(1)).Storage);
    }

    [Fact]
    public void Payloads_read_back_as_the_values_stored()
    {
        var ints = Of(I(long.MinValue), I(0), I(long.MaxValue));
        Assert.Equal([long.MinValue, 0, long.MaxValue], ints.ToArray().Select(v => v.AsInt));
        Assert.All(ints.ToArray(), v => Assert.True(v.IsInt));

        var floats = Of(F(double.NaN), F(-0.0), F(double.PositiveInfinity), F(0.1));
        Assert.All(floats.ToArray(), v => Assert.True(v.IsFloat));
        Assert.True(double.IsNaN(floats[0].AsFloat));
        Assert.True(double.IsNegative(floats[1].AsFloat));   // -0.0 keeps its sign bit
        Assert.Equal(0.1, floats[3].AsFloat);

        var bools = Of(B(true), B(false));
        Assert.True(bools[0].IsBool && bools[0].AsBool);
        Assert.True(bools[1].IsBool && !bools[1].AsBool);
    }

    [Theory]
    [MemberData(nameof(Strangers))]
    public void A_store_of_another_kind_moves_the_array_to_values_and_keeps_every_element(Value stranger)
    {
        var a = Of(I(1), I(2), I(3));
        int version = a.Version;
        a.Set(1, stranger);
        Assert.Equal(ArrayStorage.Values, a.Storage);
        Assert.Equal(Display.Show(Arr(I(1), stranger, I(3))), Display.Show(Value.FromObject(a)));
        Assert.Equal(version, a.Version);   // a store is no change of length

        a.Set(1, I(2));                     // one way: back to ints, still values
        Assert.Equal(ArrayStorage.Values, a.Storage);
        Assert.Equal("[1, 2, 3]", Display.Show(Value.FromObject(a)));
    }

    public static TheoryData<Value> Strangers() => new() { S("x"), F(2.0), B(true), Unit, Arr(I(9)) };

    [Fact]
    public void Push_insert_and_remove_keep_order_in_both_storages()
    {
        foreach (var stranger in new[] { I(0), S("s") })
        {
            var a = Of(I(10), I(20));
            a.Add(I(30));
            a.Insert(0, I(5));
            a.Insert(4, I(40));
            a.Insert(2, stranger);
            a.RemoveAt(1);
            Assert.Equal(Display.Show(Arr(I(5), stranger, I(20), I(30), I(40))), Display.Show(Value.FromObject(a)));
            Assert.Equal(stranger.IsInt ? ArrayStorage.Ints : ArrayStorage.Values, a.Storage);
        }
    }

    [Fact]
    public void Each_change_of_length_changes_the_version()
    {
        var a = Of(B(true));
        int v0 = a.Version;
        a.Add(B(false));
        a.Insert(0, F(1.0));        // changes the storage as well
        a.RemoveAt(2);
        Assert.Equal(v0 + 3, a.Version);
        Assert.Equal("[1.0, true]", Display.Show(Value.FromObject(a)));
    }

    [Fact]
    public void An_empty_array_takes_the_kind_of_its_next_element()
    {
        var a = new VeldArray();
        a.Add(F(0.5));
        Assert.Equal(ArrayStorage.Floats, a.Storage);
        a.RemoveAt(0);
        a.Add(B(true));
        Assert.Equal(ArrayStorage.Bools, a.Storage);
        a.Add(S("x"));
        Assert.Equal(ArrayStorage.Values, a.Storage);
        a.RemoveAt(0);
        a.RemoveAt(0);
        a.Add(I(3));
        Assert.Equal(ArrayStorage.Ints, a.Storage);
        Assert.Equal("[3]", Display.Show(Value.FromObject(a)));
    }

    [Fact]
    public void Arrays_are_equal_whatever_their_storage()
    {
        var payloads = Arr(I(1), I(2));
        var values = Arr(I(1), I(2));
        AsArray(values).Set(0, S("x"));
        AsArray(values).Set(0, I(1));
        Assert.Equal(ArrayStorage.Values, AsArray(values).Storage);
        Assert.True(Operators.Equal(payloads, values));
        Assert.True(Operators.Equal(values, payloads));
        Assert.Equal(Operators.Equal(I(1), F(1.0)), Operators.Equal(Arr(I(1)), Arr(F(1.0))));
        Assert.False(Operators.Equal(Arr(B(true)), Arr(I(1))));
    }

    [Fact]
    public void Slices_and_copies_keep_the_storage_and_share_nothing()
    {
        var a = Of(I(1), I(2), I(3), I(4));
        var slice = a.Slice(1, 3);
        Assert.Equal(ArrayStorage.Ints, slice.Storage);
        Assert.Equal("[2, 3]", Display.Show(Value.FromObject(slice)));
        slice.Set(0, I(99));
        Assert.Equal(2, a[1].AsInt);
        Assert.Equal(0, a.Slice(2, 2).Count);
    }

    [Fact]
    public void Indices_out_of_range_throw_in_both_storages()
    {
        foreach (var a in new[] { Of(I(1)), Of(S("a")) })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => a[1]);
            Assert.Throws<ArgumentOutOfRangeException>(() => a.RemoveAt(1));
            Assert.Throws<ArgumentOutOfRangeException>(() => a.Insert(2, I(0)));
        }
    }
}
