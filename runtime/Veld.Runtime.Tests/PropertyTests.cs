using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;
using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

/// <summary>FsCheck properties (seeds printed; replay with VELD_PROPERTY_SEED).</summary>
public partial class PropertyTests(ITestOutputHelper output)
{
    // ---- checked int arithmetic agrees with arbitrary-precision integers ------------------------------

    private static readonly BigInteger I64Min = long.MinValue, I64Max = long.MaxValue;

    /// <summary>The result the BigInteger model predicts: an int, or the error kind.</summary>
    private static (long? Value, ErrorKind? Error) Model(char op, long a, long b)
    {
        BigInteger x = a, y = b, r;
        switch (op)
        {
            case '+': r = x + y; break;
            case '-': r = x - y; break;
            case '*': r = x * y; break;
            case '/':
                if (b == 0) return (null, ErrorKind.DivisionByZero);
                r = BigInteger.Divide(x, y);   // truncates toward zero
                break;
            case '%':
                if (b == 0) return (null, ErrorKind.DivisionByZero);
                r = BigInteger.Remainder(x, y);   // sign of the dividend
                break;
            case '^': r = BigInteger.Pow(x, (int)b); break;
            default: r = -x; break;   // 'n': negation of a
        }
        return r < I64Min || r > I64Max ? (null, ErrorKind.Overflow) : ((long)r, null);
    }

    private static (long? Value, ErrorKind? Error) Actual(char op, long a, long b)
    {
        try
        {
            var v = op switch
            {
                '+' => Operators.Add(I(a), I(b)),
                '-' => Operators.Sub(I(a), I(b)),
                '*' => Operators.Mul(I(a), I(b)),
                '/' => Operators.Div(I(a), I(b)),
                '%' => Operators.Mod(I(a), I(b)),
                '^' => Operators.Pow(I(a), I(b)),
                _ => Operators.Negate(I(a)),
            };
            return v.IsInt ? (v.AsInt, null) : (null, ErrorKind.Type);
        }
        catch (VeldRuntimeException e)
        {
            return (null, e.Kind);
        }
    }

    [Fact]
    public void Checked_int_arithmetic_agrees_with_a_bigint_model()
    {
        var cases =
            from op in Gen.Elements('+', '-', '*', '/', '%', 'n')
            from a in Generators.InterestingLong
            from b in Generators.InterestingLong
            select (op, a, b);
        var powers =
            from a in Generators.InterestingLong
            from e in Gen.Frequency((3, Gen.Choose(0, 4)), (2, Gen.Choose(0, 70)))
            select ('^', a, (long)e);
        var property = Prop.ForAll(Arb.From(Gen.Frequency((6, cases), (1, powers))),
            c => Model(c.Item1, c.Item2, c.Item3) == Actual(c.Item1, c.Item2, c.Item3));
        PropertyRunner.Check(output, "checked int arithmetic", property, maxTest: 5000);
    }

    // ---- float display: round-trips and follows Python's repr layout ----------------------------------

    [GeneratedRegex(@"^-?(?<int>\d+)\.(?<frac>\d+)$")]
    private static partial Regex Positional();

    [GeneratedRegex(@"^-?(?<lead>[1-9])(\.(?<rest>\d*[1-9]))?e(?<exp>[+-]\d{2,3})$")]
    private static partial Regex Scientific();

    /// <summary>Null if <paramref name="s"/> is a correct repr of <paramref name="d"/>, else what is wrong.</summary>
    private static string? ReprProblem(double d, string s)
    {
        double back = double.Parse(s, CultureInfo.InvariantCulture);
        if (BitConverter.DoubleToInt64Bits(back) != BitConverter.DoubleToInt64Bits(d)) return "does not round-trip";

        // Decimal exponent of the first significant digit decides the notation.
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(d)));
        if (Math.Abs(d) < Math.Pow(10, exponent)) exponent--;   // Log10 rounding at exact powers of ten
        string digits;
        var sci = Scientific().Match(s);
        var pos = Positional().Match(s);
        if (sci.Success)
        {
            exponent = int.Parse(sci.Groups["exp"].Value, CultureInfo.InvariantCulture);
            if (exponent is >= -4 and < 16) return "scientific notation for an exponent in -4..15";
            digits = sci.Groups["lead"].Value + sci.Groups["rest"].Value;
        }
        else if (pos.Success)
        {
            digits = (pos.Groups["int"].Value + pos.Groups["frac"].Value).TrimStart('0').TrimEnd('0');
            string frac = pos.Groups["frac"].Value;
            if (frac.Length > 1 && frac.EndsWith('0')) return "trailing zero in the fraction";
            if (pos.Groups["int"].Value.Length > 1 && pos.Groups["int"].Value.StartsWith('0')) return "leading zero";
            if (d != 0 && (Math.Abs(d) >= 1e16 || Math.Abs(d) < 1e-4)) return "positional notation outside 1e-4..1e16";
        }
        else return "matches neither layout";

        if (digits.Length > 17) return "more than 17 digits";
        // Shortest: no string with one digit fewer (the digits cut, or cut and rounded up) round-trips.
        if (digits.Length > 1)
        {
            var cut = BigInteger.Parse(digits[..^1], CultureInfo.InvariantCulture);
            int lastExponent = exponent - (digits.Length - 2);
            foreach (var candidate in new[] { cut, cut + 1 })
            {
                double c = double.Parse($"{(d < 0 ? "-" : "")}{candidate}E{lastExponent}", CultureInfo.InvariantCulture);
                if (c == d) return $"not shortest: {candidate}E{lastExponent} also round-trips";
            }
        }
        return null;
    }

    [Fact]
    public void Float_display_round_trips_is_shortest_and_follows_pythons_layout()
    {
        var property = Prop.ForAll(Arb.From(Generators.FiniteDouble), d =>
        {
            string s = Display.FormatFloat(d);
            var problem = d == 0 ? (s == (double.IsNegative(d) ? "-0.0" : "0.0") ? null : "wrong zero") : ReprProblem(d, s);
            return Prop.Label(problem is null, $"{d:R} shown as {s}: {problem}");
        });
        PropertyRunner.Check(output, "float repr", property, maxTest: 20_000);
    }

    [Fact]
    public void Float_display_round_trips_through_veld_float_parsing()
    {
        var property = Prop.ForAll(Arb.From(Generators.FiniteDouble), d =>
        {
            var parsed = Operators.Cast(S(Display.FormatFloat(d)), Language.Syntax.CastTarget.Float, "float").AsFloat;
            return BitConverter.DoubleToInt64Bits(parsed) == BitConverter.DoubleToInt64Bits(d);
        });
        PropertyRunner.Check(output, "float parse round-trip", property, maxTest: 5000);
    }

    [Fact]
    public void The_reference_check_itself_rejects_wrong_forms()
    {
        // Guards the property above against a checker that accepts everything.
        Assert.NotNull(ReprProblem(1e16, "10000000000000000.0"));
        Assert.NotNull(ReprProblem(1e-5, "0.00001"));
        Assert.NotNull(ReprProblem(0.1, "0.10000000000000001"));
        Assert.NotNull(ReprProblem(3.0, "3.00"));
        Assert.NotNull(ReprProblem(2.9802322387695312e-08, "2.980232238769531e-08"));
        Assert.NotNull(ReprProblem(1e22, "1e22"));
        Assert.Null(ReprProblem(2.9802322387695312e-08, "2.9802322387695312e-08"));
        Assert.Null(ReprProblem(1e22, "1e+22"));
    }

    // ---- equality is reflexive and symmetric ---------------------------------------------------------

    [Fact]
    public void Equal_is_reflexive_and_equal_copies_are_equal()
    {
        var property = Prop.ForAll(Arb.From(Generators.Values(allowNaN: false)), v =>
            Prop.Label(Operators.Equal(v, v) && Operators.Equal(v, Generators.EqualCopy(v)) && Operators.Equal(Generators.EqualCopy(v), v),
                Display.Show(v)));
        PropertyRunner.Check(output, "equality reflexive", property, maxTest: 1000);
    }

    [Fact]
    public void Equal_is_symmetric()
    {
        var values = Generators.Values(allowNaN: true);
        var pairs = Gen.Frequency(
            (1, values.SelectMany(a => values, (a, b) => (a, b))),
            (2, values.SelectMany(a => Gen.Choose(0, 20).SelectMany(i => values, (i, r) => (i, r)),
                (a, m) => (a, Generators.Mutated(a, m.i, m.r)))),
            (1, values.Select(a => (a, Generators.EqualCopy(a)))));
        var property = Prop.ForAll(Arb.From(pairs), p =>
            Prop.Label(Operators.Equal(p.Item1, p.Item2) == Operators.Equal(p.Item2, p.Item1),
                $"{Display.Show(p.Item1)} vs {Display.Show(p.Item2)}"));
        PropertyRunner.Check(output, "equality symmetric", property, maxTest: 1000);
    }

    // ---- maps keep insertion order through removes and re-inserts ------------------------------------

    [Fact]
    public void Map_preserves_insertion_order_with_remove_and_reinsert()
    {
        var operation =
            from remove in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
            from key in Gen.Choose(0, 6)
            from value in Gen.Choose(0, 99)
            select (remove, key, value);
        var property = Prop.ForAll(Arb.From(operation.ListOf()), ops =>
        {
            var map = new VeldMap();
            var model = new List<(long Key, long Value)>();
            foreach (var (remove, key, value) in ops)
            {
                int at = model.FindIndex(e => e.Key == key);
                if (remove)
                {
                    if (at >= 0)
                    {
                        var removed = BuiltinMethods.Call(Contexts.New(), Value.FromObject(map), "remove", [I(key)]);
                        if (removed.AsInt != model[at].Value) return false;
                        model.RemoveAt(at);
                    }
                }
                else
                {
                    map.Set(I(key), I(value));
                    if (at >= 0) model[at] = (key, value);   // replacing keeps the position
                    else model.Add((key, value));
                }
            }
            var iterated = new List<(long, long)>();
            var it = ForIterator.Create(Value.FromObject(map));
            while (it.MoveNext(out var entry))
                iterated.Add((entry.As<VeldTuple>().Items[0].AsInt, entry.As<VeldTuple>().Items[1].AsInt));
            var entries = map.Entries.Select(e => (e.Key.AsInt, e.Value.AsInt)).ToList();
            return entries.SequenceEqual(model) && iterated.SequenceEqual(model);
        });
        PropertyRunner.Check(output, "map insertion order", property, maxTest: 1000);
    }
}
