using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

/// <summary>
/// An int is the value whose reference is null (so the dispatch loops store fresh ints without a GC write
/// barrier): the kind tests tell every kind apart, <c>default(Value)</c> is the int 0, and
/// <see cref="Value.Store"/> stores every kind unchanged.
/// </summary>
public class ValueRepresentationTests
{
    private static readonly Value[] OneOfEachKind =
        [I(0), I(-7), I(long.MinValue), F(0.0), F(-0.0), F(double.NaN), B(false), B(true), Unit, S(""),
         Arr(I(1)), Tup(I(1), F(2)), Range(1, 3), Pt(I(1), I(2)), Circle(1.5), Value.Uninitialized];

    [Fact]
    public void DefaultIsTheIntZero()
    {
        Value zero = default;
        Assert.True(zero.IsInt);
        Assert.Equal(ValueKind.Int, zero.Kind);
        Assert.Equal(0, zero.AsInt);
        Assert.Null(zero.AsObject);
        Assert.True(Operators.Equal(zero, I(0)));
    }

    [Fact]
    public void ExactlyOneKindTestHoldsForEveryValue()
    {
        foreach (var v in OneOfEachKind)
        {
            bool[] tests = [v.IsInt, v.IsFloat, v.IsBool, v.IsUnit, v.IsUninitialized, v.AsObject is not null];
            Assert.Equal(1, tests.Count(t => t));
            Assert.Equal(v.IsInt, v.Kind == ValueKind.Int);
            Assert.Equal(v.IsFloat, v.Kind == ValueKind.Float);
        }
    }

    [Fact]
    public void AnIntHasNoHeapObject()
    {
        Assert.Null(I(42).AsObject);
        Assert.False(I(42).Is<VeldString>(out _));
        Assert.Equal(42, I(42).AsInt);
    }

    [Fact]
    public void StoreKeepsEveryKindAndPayload()
    {
        var slots = new Value[OneOfEachKind.Length];
        Array.Fill(slots, S("overwritten"));
        for (int index = 0; index < OneOfEachKind.Length; index++)
        {
            Value.Store(slots, index, OneOfEachKind[index]);
            var stored = slots[index];
            var original = OneOfEachKind[index];
            Assert.Equal(original.Kind, stored.Kind);
            Assert.Same(original.AsObject, stored.AsObject);
            if (original.IsInt) Assert.Equal(original.AsInt, stored.AsInt);
            if (original.IsFloat) Assert.Equal(BitConverter.DoubleToInt64Bits(original.AsFloat), BitConverter.DoubleToInt64Bits(stored.AsFloat));
            if (original.IsBool) Assert.Equal(original.AsBool, stored.AsBool);
        }
    }

    [Fact]
    public void AFloatOrBoolStoredOverAnIntKeepsItsKind()
    {
        var slots = new[] { I(5), I(6), F(1.5) };
        Value.Store(slots, 0, F(-0.0));
        slots[1] = Value.FromBool(true);
        Value.Store(slots, 2, I(9));
        Assert.Equal(ValueKind.Float, slots[0].Kind);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(slots[0].AsFloat));
        Assert.Equal(ValueKind.Bool, slots[1].Kind);
        Assert.True(slots[1].AsBool);
        Assert.Equal(ValueKind.Int, slots[2].Kind);
        Assert.Equal(9, slots[2].AsInt);
        Assert.True(Operators.Equal(Value.FromBool(false), Value.False));
    }

    [Fact]
    public void StoringAnIntOverAHeapValueDropsTheReference()
    {
        var slots = new[] { S("held") };
        Value.Store(slots, 0, I(5));
        Assert.True(slots[0].IsInt);
        Assert.Null(slots[0].AsObject);
        Assert.Equal(5, slots[0].AsInt);
    }
}
