using FsCheck;
using FsCheck.Fluent;
using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

/// <summary>FsCheck generators for the property tests: ints that hit the overflow boundaries, doubles that hit
/// the display-format boundaries, and whole Veld values.</summary>
internal static class Generators
{
    /// <summary>Any long, from two independent 32-bit halves.</summary>
    public static readonly Gen<long> AnyLong =
        Gen.Choose(int.MinValue, int.MaxValue).SelectMany(hi => Gen.Choose(int.MinValue, int.MaxValue),
            (hi, lo) => ((long)hi << 32) | (uint)lo);

    private static readonly long[] Boundaries =
    [
        long.MinValue, long.MinValue + 1, long.MinValue + 2, long.MaxValue, long.MaxValue - 1, -1, 0, 1, 2,
        int.MaxValue, int.MinValue, 1L << 31, 1L << 32, -(1L << 32), 3037000499, 3037000500, -3037000499, -3037000500,
        1L << 62, -(1L << 62), (1L << 62) - 1, 4611686018427387904,
    ];

    /// <summary>Ints weighted toward the places where checked arithmetic can go wrong.</summary>
    public static readonly Gen<long> InterestingLong = Gen.Frequency(
        (3, Gen.Choose(-1000, 1000).Select(i => (long)i)),
        (3, AnyLong),
        (3, Gen.Elements(Boundaries)),
        (2, Gen.Choose(0, 62).SelectMany(k => Gen.Choose(-2, 2), (k, d) => (1L << k) + d)),
        (2, Gen.Choose(0, 62).SelectMany(k => Gen.Choose(-2, 2), (k, d) => -(1L << k) + d)));

    /// <summary>Finite doubles: random bit patterns, short decimals, powers of two, and neighbours of the
    /// points where Python's repr switches notation.</summary>
    public static readonly Gen<double> FiniteDouble = Gen.Frequency(
        (4, AnyLong.Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite)),
        (2, Gen.Choose(-1_000_000, 1_000_000).SelectMany(m => Gen.Choose(-20, 20), (m, e) => m * Math.Pow(10, e))),
        (1, Gen.Choose(-1074, 1023).Select(k => Math.ScaleB(1.0, k))),
        (2, Gen.Elements(1e16, 1e-4, 1e-5, 1e15, 1e17, 1.0, 0.1).SelectMany(x => Gen.Choose(-3, 3),
            (x, steps) => Step(x, steps))),
        (1, Gen.Choose(1, 1000).Select(i => BitConverter.Int64BitsToDouble(i))));

    private static double Step(double x, int steps)
    {
        for (; steps > 0; steps--) x = Math.BitIncrement(x);
        for (; steps < 0; steps++) x = Math.BitDecrement(x);
        return x;
    }

    private static readonly Gen<string> SmallString =
        Gen.Elements("", "a", "b", "ab", "é", "\U0001F600", "a\nb", "\"q\"", "key", "0");

    private static readonly Gen<Value> MapKey = Gen.OneOf(
        Gen.Choose(-3, 3).Select(i => I(i)),
        SmallString.Select(S),
        Gen.Elements(true, false).Select(B),
        Gen.Choose(-2, 2).SelectMany(i => SmallString, (i, s) => Tup(I(i), S(s))));

    /// <summary>Scalars; NaN only when <paramref name="allowNaN"/> (NaN is unequal to itself).</summary>
    private static Gen<Value> Leaf(bool allowNaN) => Gen.Frequency(
        (3, InterestingLong.Select(I)),
        (2, FiniteDouble.Select(F)),
        (allowNaN ? 1 : 0, Gen.Constant(F(double.NaN))),
        (1, Gen.Elements(true, false).Select(B)),
        (2, SmallString.Select(S)),
        (1, Gen.Constant(Unit)));

    /// <summary>Whole Veld values (acyclic), nested up to about log2(size) levels.</summary>
    public static Gen<Value> Values(bool allowNaN) => Gen.Sized(size => ValueOfSize(size, allowNaN));

    private static Gen<Value> ValueOfSize(int size, bool allowNaN)
    {
        var leaf = Leaf(allowNaN);
        if (size <= 1) return leaf;
        var child = ValueOfSize(size / 2, allowNaN);
        var items = Gen.Choose(0, 4).SelectMany(n => child.ArrayOf(n));
        return Gen.Frequency(
            (4, leaf),
            (1, items.Select(xs => Arr(xs))),
            (1, Gen.Choose(1, 3).SelectMany(n => child.ArrayOf(n)).Select(xs => Tup(xs))),
            (1, Gen.Choose(0, 4).SelectMany(n => MapKey.SelectMany(k => child, (k, v) => (k, v)).ArrayOf(n)).Select(Map)),
            (1, child.SelectMany(x => child, (x, y) => Pt(x, y))),
            (1, Gen.Choose(0, 2).SelectMany(variant => child.ArrayOf(Shape.PayloadArity[variant]),
                (variant, payload) => Operators.NewEnum(Shape, variant, payload))));
    }

    /// <summary>A deep copy of an acyclic value that is equal to it but built differently: ints with an exact
    /// float form become floats and vice versa, and map entries are inserted in reverse order.</summary>
    public static Value EqualCopy(Value v)
    {
        if (v.IsInt && v.AsInt > -(1L << 53) && v.AsInt < (1L << 53)) return F(v.AsInt);
        if (v.IsFloat && Math.Abs(v.AsFloat) < 1e15 && v.AsFloat == Math.Floor(v.AsFloat) && !double.IsNegative(v.AsFloat))
            return I((long)v.AsFloat);
        switch (v.AsObject)
        {
            case VeldString s: return S(new string(s.Text.AsSpan()));
            case VeldArray a: return Arr(a.ToArray().Select(EqualCopy).ToArray());
            case VeldTuple t: return Tup(t.Items.Select(EqualCopy).ToArray());
            case VeldMap m: return Map(m.Entries.Reverse().Select(e => (e.Key, EqualCopy(e.Value))).ToArray());
            case StructInstance p: return Operators.NewStruct(p.Type, p.Fields.Select(EqualCopy).ToArray());
            case EnumInstance e: return Operators.NewEnum(e.Type, e.Variant, e.Payload.Select(EqualCopy).ToArray());
            default: return v;
        }
    }

    /// <summary>A copy with one leaf replaced (chosen by <paramref name="choice"/>); usually unequal, not always.</summary>
    public static Value Mutated(Value v, int choice, Value replacement)
    {
        int counter = choice;
        return Walk(v);

        Value Walk(Value x)
        {
            if (counter-- == 0) return replacement;
            switch (x.AsObject)
            {
                case VeldArray a: return Arr(a.ToArray().Select(Walk).ToArray());
                case VeldTuple t: return Tup(t.Items.Select(Walk).ToArray());
                case VeldMap m: return Map(m.Entries.Select(e => (e.Key, Walk(e.Value))).ToArray());
                case StructInstance p: return Operators.NewStruct(p.Type, p.Fields.Select(Walk).ToArray());
                case EnumInstance e: return Operators.NewEnum(e.Type, e.Variant, e.Payload.Select(Walk).ToArray());
                default: return x;
            }
        }
    }
}
