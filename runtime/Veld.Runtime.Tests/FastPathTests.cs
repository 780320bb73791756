using FsCheck;
using FsCheck.Fluent;
using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

/// <summary>
/// Every inline fast path (FastArithmetic, FastComparison, FastIndexing) agrees with its slow path, the
/// runtime operator's general case: when it accepts, the general case gives the same value of the same type
/// (floats bit for bit, so -0.0 and NaN count); when it declines, the combined form and the public operator
/// are exactly the general case, errors included.
/// </summary>
public class FastPathTests
{
    private static readonly long[] SpecialInts =
        [long.MinValue, long.MinValue + 1, long.MaxValue, long.MaxValue - 1, -1, 0, 1, 2, -2,
         (1L << 53) - 1, 1L << 53, (1L << 53) + 1, -(1L << 53) - 1, int.MaxValue, int.MinValue];

    private static readonly double[] SpecialFloats =
        [double.NaN, 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, 1.0, -1.0, 0.5,
         9007199254740991.0, 9007199254740992.0, 9007199254740994.0, -9007199254740993.0,
         9223372036854775808.0, -9223372036854775808.0, double.MaxValue, double.Epsilon];

    private static readonly Value[] Specials =
        [.. SpecialInts.Select(I), .. SpecialFloats.Select(F), B(true), S("a"), Unit];

    /// <summary>Operands: mostly ints and floats (every special one often), sometimes other types.</summary>
    private static readonly Gen<Value> Operand = Gen.Frequency(
        (4, Generators.InterestingLong.Select(I)),
        (3, Generators.FiniteDouble.Select(F)),
        (3, Gen.Elements(Specials)),
        (1, Gen.Elements(B(false), S("b"), Arr(I(1)), Unit)));

    private static readonly Gen<int> Immediate = Gen.Frequency(
        (4, Gen.Choose(-128, 127)), (1, Gen.Elements(int.MinValue, int.MaxValue, -1, 0, 1)));

    /// <summary>What a computation produced: its type and exact value, or its error kind and message.</summary>
    private static string Outcome(Func<Value> compute)
    {
        try
        {
            var v = compute();
            return v.Kind switch
            {
                ValueKind.Int => $"int {v.AsInt}",
                ValueKind.Float => $"float {BitConverter.DoubleToInt64Bits(v.AsFloat):x16}",
                _ => $"{v.Kind} {Display.Show(v)}",
            };
        }
        catch (VeldRuntimeException e)
        {
            return $"error {e.Kind}: {e.Message}";
        }
    }

    private delegate bool TryBinary(in Value a, in Value b, out Value result);
    private delegate Value FastBinary(in Value a, in Value b);

    private static readonly (string Name, TryBinary Try, FastBinary Fast, Func<Value, Value, Value> Operator, Func<Value, Value, Value> Slow)[] Arithmetic =
    [
        ("+", FastArithmetic.TryAdd, FastArithmetic.Add, Operators.Add, Operators.AddSlow),
        ("-", FastArithmetic.TrySub, FastArithmetic.Sub, Operators.Sub, Operators.SubSlow),
        ("*", FastArithmetic.TryMul, FastArithmetic.Mul, Operators.Mul, Operators.MulSlow),
        ("/", FastArithmetic.TryDiv, FastArithmetic.Div, Operators.Div, Operators.DivSlow),
        ("%", FastArithmetic.TryMod, FastArithmetic.Mod, Operators.Mod, Operators.ModSlow),
        ("&", FastArithmetic.TryBitAnd, FastArithmetic.BitAnd, Operators.BitAnd, Operators.BitAndSlow),
        ("|", FastArithmetic.TryBitOr, FastArithmetic.BitOr, Operators.BitOr, Operators.BitOrSlow),
        ("^", FastArithmetic.TryBitXor, FastArithmetic.BitXor, Operators.BitXor, Operators.BitXorSlow),
    ];

    private delegate bool TryCompare(in Value a, in Value b, out bool result);
    private delegate bool FastCompare(in Value a, in Value b);

    private static readonly (string Name, TryCompare Try, FastCompare Fast, Func<Value, Value, bool> Operator, Func<Value, Value, bool> Slow)[] Comparisons =
    [
        ("==", FastComparison.TryEqual, FastComparison.Equal, Operators.Equal, Operators.EqualSlow),
        ("<", FastComparison.TryLess, FastComparison.Less, Operators.Less, Operators.LessSlow),
        ("<=", FastComparison.TryLessEqual, FastComparison.LessEqual, Operators.LessEqual, Operators.LessEqualSlow),
        (">", FastComparison.TryGreater, FastComparison.Greater, Operators.Greater, Operators.GreaterSlow),
        (">=", FastComparison.TryGreaterEqual, FastComparison.GreaterEqual, Operators.GreaterEqual, Operators.GreaterEqualSlow),
    ];

    private static void CheckArithmetic(int op, Value a, Value b)
    {
        var (name, tryFast, fast, @operator, slow) = Arithmetic[op];
        bool accepted = tryFast(in a, in b, out var r);
        Agree($"{Display.Show(a)} {name} {Display.Show(b)}", () => slow(a, b), accepted ? () => r : null,
            () => fast(in a, in b), () => @operator(a, b));
    }

    private static void CheckComparison(int op, Value a, Value b)
    {
        var (name, tryFast, fast, @operator, slow) = Comparisons[op];
        bool accepted = tryFast(in a, in b, out bool r);
        Agree($"{Display.Show(a)} {name} {Display.Show(b)}", () => Value.FromBool(slow(a, b)),
            accepted ? () => Value.FromBool(r) : null, () => Value.FromBool(fast(in a, in b)), () => Value.FromBool(@operator(a, b)));
    }

    /// <summary>The fast path's answer (null when it declined), the combined form and the public operator
    /// all match the general case.</summary>
    private static void Agree(string where, Func<Value> slow, Func<Value>? accepted, Func<Value> combined, Func<Value> @operator)
    {
        string expected = Outcome(slow);
        if (accepted is not null) Assert.True(expected == Outcome(accepted), $"{where}: fast {Outcome(accepted)}, slow {expected}");
        Assert.True(expected == Outcome(combined), $"{where}: combined {Outcome(combined)}, slow {expected}");
        Assert.True(expected == Outcome(@operator), $"{where}: operator {Outcome(@operator)}, slow {expected}");
    }

    private static void CheckImmediate(int op, Value a, int imm)
    {
        var b = I(imm);
        var (fast, slow) = op switch
        {
            0 => ((Func<Value>)(() => FastArithmetic.AddImmediate(in a, imm)), (Func<Value>)(() => Operators.AddSlow(a, b))),
            1 => (() => FastArithmetic.SubImmediate(in a, imm), () => Operators.SubSlow(a, b)),
            2 => (() => Value.FromBool(FastComparison.EqualImmediate(in a, imm)), () => Value.FromBool(Operators.EqualSlow(a, b))),
            3 => (() => Value.FromBool(FastComparison.LessImmediate(in a, imm)), () => Value.FromBool(Operators.LessSlow(a, b))),
            4 => (() => Value.FromBool(FastComparison.LessEqualImmediate(in a, imm)), () => Value.FromBool(Operators.LessEqualSlow(a, b))),
            5 => (() => Value.FromBool(FastComparison.GreaterImmediate(in a, imm)), () => Value.FromBool(Operators.GreaterSlow(a, b))),
            _ => (() => Value.FromBool(FastComparison.GreaterEqualImmediate(in a, imm)), () => Value.FromBool(Operators.GreaterEqualSlow(a, b))),
        };
        Assert.True(Outcome(slow) == Outcome(fast), $"immediate op {op} on {Display.Show(a)}, {imm}: {Outcome(fast)} vs {Outcome(slow)}");
        if (op == 0 && FastArithmetic.TryAddImmediate(in a, imm, out var sum)) Assert.Equal(Outcome(slow), Outcome(() => sum));
        if (op == 1 && FastArithmetic.TrySubImmediate(in a, imm, out var diff)) Assert.Equal(Outcome(slow), Outcome(() => diff));
    }

    private static void CheckNegate(Value a)
    {
        string expected = Outcome(() => Operators.NegateSlow(a));
        if (FastArithmetic.TryNegate(in a, out var r)) Assert.Equal(expected, Outcome(() => r));
        Assert.Equal(expected, Outcome(() => FastArithmetic.Negate(in a)));
        Assert.Equal(expected, Outcome(() => Operators.Negate(a)));
    }

    [Fact]
    public void Arithmetic_fast_paths_agree_with_the_runtime_operators()
    {
        var cases = from op in Gen.Choose(0, Arithmetic.Length - 1) from a in Operand from b in Operand select (op, a, b);
        PropertyRunner.Check("arithmetic fast paths", cases, c => CheckArithmetic(c.op, c.a, c.b), maxTest: 20_000);
    }

    [Fact]
    public void Comparison_fast_paths_agree_with_the_runtime_operators()
    {
        var cases = from op in Gen.Choose(0, Comparisons.Length - 1) from a in Operand from b in Operand select (op, a, b);
        PropertyRunner.Check("comparison fast paths", cases, c => CheckComparison(c.op, c.a, c.b), maxTest: 20_000);
    }

    [Fact]
    public void Immediate_and_unary_fast_paths_agree_with_the_runtime_operators()
    {
        var cases = from op in Gen.Choose(0, 7) from a in Operand from imm in Immediate select (op, a, imm);
        PropertyRunner.Check("immediate fast paths", cases,
            c => { if (c.op == 7) CheckNegate(c.a); else CheckImmediate(c.op, c.a, c.imm); }, maxTest: 10_000);
    }

    /// <summary>Every pair of the special values, deterministically, for every binary fast path.</summary>
    [Fact]
    public void Every_pair_of_special_values_agrees()
    {
        foreach (var a in Specials)
        {
            CheckNegate(a);
            foreach (var b in Specials)
            {
                for (int op = 0; op < Arithmetic.Length; op++) CheckArithmetic(op, a, b);
                for (int op = 0; op < Comparisons.Length; op++) CheckComparison(op, a, b);
            }
            foreach (int imm in new[] { int.MinValue, -1, 0, 1, int.MaxValue })
                for (int op = 0; op < 7; op++) CheckImmediate(op, a, imm);
        }
    }

    [Fact]
    public void The_int_division_guards_decline_exactly_the_error_cases()
    {
        Assert.False(FastArithmetic.TryDiv(I(long.MinValue), I(-1), out _));
        Assert.False(FastArithmetic.TryDiv(I(5), I(0), out _));
        Assert.False(FastArithmetic.TryDiv(F(5), F(-0.0), out _));
        Assert.True(FastArithmetic.TryDiv(I(-7), I(-2), out var q) && q.AsInt == 3);
        Assert.True(FastArithmetic.TryMod(I(long.MinValue), I(-1), out var m) && m.AsInt == 0);
        Assert.False(FastArithmetic.TryMod(I(1), I(0), out _));
        Assert.False(FastArithmetic.TryMod(F(1), F(2), out _));
        Assert.False(FastArithmetic.TryAdd(I(long.MaxValue), I(1), out _));
        Assert.False(FastArithmetic.TryNegate(I(long.MinValue), out _));
        Assert.False(FastArithmetic.TryAdd(I(1), F(1), out _));
    }

    private delegate void IntoBinary(Value[] registers, int slot, in Value a, in Value b);

    private static readonly (string Name, IntoBinary Into, Func<Value, Value, Value> Slow)[] IntoForms =
    [
        ("+", FastArithmetic.AddInto, Operators.AddSlow),
        ("-", FastArithmetic.SubInto, Operators.SubSlow),
        ("*", FastArithmetic.MulInto, Operators.MulSlow),
        ("/", FastArithmetic.DivInto, Operators.DivSlow),
        ("%", FastArithmetic.ModInto, Operators.ModSlow),
        ("+i", (Value[] r, int slot, in Value a, in Value b) => FastArithmetic.AddImmediateInto(r, slot, in a, (int)b.AsInt), Operators.AddSlow),
        ("-i", (Value[] r, int slot, in Value a, in Value b) => FastArithmetic.SubImmediateInto(r, slot, in a, (int)b.AsInt), Operators.SubSlow),
    ];

    /// <summary>The register VM's store-into-register forms leave in the register exactly the general case's value
    /// (or raise its error), whatever the register held before (an int, a float, a heap value) and when the register
    /// is one of the operands.</summary>
    private static void CheckInto(int op, Value a, Value b)
    {
        var (name, into, slow) = IntoForms[op];
        if (name.EndsWith('i') && !(b.IsInt && b.AsInt is >= int.MinValue and <= int.MaxValue)) return;
        string expected = Outcome(() => slow(a, b));
        foreach (var before in new[] { I(-3), F(2.5), S("held") })
        {
            var registers = new[] { a, b, before };
            string apart = Outcome(() => { into(registers, 2, in registers[0], in registers[1]); return registers[2]; });
            Assert.True(expected == apart, $"{Display.Show(a)} {name} {Display.Show(b)} over {Display.Show(before)}: into {apart}, slow {expected}");
        }
        var aliased = new[] { a, b };
        string intoOperand = Outcome(() => { into(aliased, 0, in aliased[0], in aliased[1]); return aliased[0]; });
        Assert.True(expected == intoOperand, $"{Display.Show(a)} {name} {Display.Show(b)} into its left operand: {intoOperand}, slow {expected}");
    }

    [Fact]
    public void Into_forms_agree_with_the_runtime_operators()
    {
        foreach (var a in Specials)
            foreach (var b in Specials)
                for (int op = 0; op < IntoForms.Length; op++) CheckInto(op, a, b);
        var cases = from op in Gen.Choose(0, IntoForms.Length - 1) from a in Operand from b in Operand select (op, a, b);
        PropertyRunner.Check("into-register fast paths", cases, c => CheckInto(c.op, c.a, c.b), maxTest: 10_000);
        var immediates = from op in Gen.Choose(5, 6) from a in Operand from imm in Immediate select (op, a, imm);
        PropertyRunner.Check("into-register immediates", immediates, c => CheckInto(c.op, c.a, I(c.imm)), maxTest: 5_000);
    }

    /// <summary>GETINDEX's load into a register gives the element of every storage (ints, floats, bools, values, and an
    /// int array that a float write moved to values) over whatever the register held.</summary>
    [Fact]
    public void Element_loads_into_a_register_agree_with_the_runtime_operator()
    {
        var generalized = Arr(I(1), I(2), I(3));
        FastIndexing.SetIndex(generalized, I(1), F(2.5));
        var targets = new[]
        {
            Arr(I(10), I(-20), I(long.MinValue)), Arr(F(0.5), F(-0.0), F(double.NaN)), Arr(B(true), B(false), B(true)),
            Arr(I(1), S("two"), F(3.0)), generalized, Tup(I(1), I(2)), S("abc"),
        };
        foreach (var target in targets)
            foreach (var index in new[] { I(-1), I(0), I(1), I(2), I(3), F(0), S("x") })
            {
                string expected = Outcome(() => Operators.GetIndexSlow(target, index));
                foreach (var before in new[] { I(7), F(7.5), B(false), S("held") })
                {
                    var registers = new[] { before };
                    string loaded = FastIndexing.TryLoadIndex(in target, in index, registers, 0) ? Outcome(() => registers[0]) : expected;
                    Assert.True(expected == loaded, $"{Display.Show(target)}[{Display.Show(index)}] over {Display.Show(before)}: {loaded}, slow {expected}");
                }
            }
    }

    [Fact]
    public void Indexing_fast_paths_agree_with_the_runtime_operators()
    {
        var indices = new[] { I(-1), I(0), I(2), I(3), I(long.MinValue), I(long.MaxValue), F(0), S("x") };
        var targets = new Func<Value>[] { () => Arr(I(10), I(20), I(30)), () => Tup(I(1), I(2)), () => S("abc"), () => Map((I(0), I(7))) };
        foreach (var makeTarget in targets)
            foreach (var index in indices)
            {
                var target = makeTarget();
                string expected = Outcome(() => Operators.GetIndexSlow(target, index));
                if (FastIndexing.TryGetIndex(in target, in index, out var r)) Assert.Equal(expected, Outcome(() => r));
                Assert.Equal(expected, Outcome(() => FastIndexing.GetIndex(in target, in index)));

                var slowTarget = makeTarget();
                var fastTarget = makeTarget();
                string slowSet = Outcome(() => { Operators.SetIndexSlow(slowTarget, index, I(99)); return Display.Show(slowTarget) is var s ? S(s) : Unit; });
                string fastSet = Outcome(() => { FastIndexing.SetIndex(in fastTarget, in index, I(99)); return Display.Show(fastTarget) is var s ? S(s) : Unit; });
                Assert.Equal(slowSet, fastSet);
            }
    }
}
