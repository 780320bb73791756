using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class ArrayMethodTests
{
    private readonly ExecutionContext _context = Contexts.New();
    private TestInvoker Invoker => (TestInvoker)_context.Invoker;

    private Value Call(Value target, string name, params Value[] args) => BuiltinMethods.Call(_context, target, name, args);
    private static string Show(Value v) => Display.Show(v);

    [Fact]
    public void Len_and_is_empty()
    {
        Assert.Equal(2, Call(Arr(I(1), I(2)), "len").AsInt);
        Assert.False(Call(Arr(I(1)), "is_empty").AsBool);
        Assert.True(Call(Arr(), "is_empty").AsBool);
    }

    [Fact]
    public void Push_pop_insert_remove_change_the_array_in_place()
    {
        var a = Arr(I(1));
        Assert.True(Call(a, "push", I(2)).IsUnit);
        Assert.Equal("[1, 2]", Show(a));
        Assert.True(Call(a, "insert", I(0), I(0)).IsUnit);
        Call(a, "insert", I(3), I(3));   // at the end: appends
        Assert.Equal("[0, 1, 2, 3]", Show(a));
        Assert.Equal(1, Call(a, "remove", I(1)).AsInt);
        Assert.Equal(3, Call(a, "pop").AsInt);
        Assert.Equal("[0, 2]", Show(a));
    }

    [Fact]
    public void Out_of_range_positions_and_empty_arrays_are_index_errors()
    {
        Raises(ErrorKind.Index, "pop from an empty array", () => Call(Arr(), "pop"));
        Raises(ErrorKind.Index, "first of an empty array", () => Call(Arr(), "first"));
        Raises(ErrorKind.Index, "last of an empty array", () => Call(Arr(), "last"));
        Raises(ErrorKind.Index, "array.insert index 3 out of range for array of length 2", () => Call(Arr(I(1), I(2)), "insert", I(3), I(0)));
        Raises(ErrorKind.Index, "array.insert index -1 out of range for array of length 2", () => Call(Arr(I(1), I(2)), "insert", I(-1), I(0)));
        Raises(ErrorKind.Index, "index 2 out of range for array of length 2", () => Call(Arr(I(1), I(2)), "remove", I(2)));
        Raises(ErrorKind.Index, "index -1 out of range for array of length 2", () => Call(Arr(I(1), I(2)), "remove", I(-1)));
        Raises(ErrorKind.Type, "array.remove expects an int, got str", () => Call(Arr(I(1)), "remove", S("0")));
        Raises(ErrorKind.Type, "array.insert expects an int, got float", () => Call(Arr(I(1)), "insert", F(0), I(1)));
    }

    [Fact]
    public void First_last_contains_index_of()
    {
        var a = Arr(I(1), Arr(S("x")), F(2));
        Assert.Equal(1, Call(a, "first").AsInt);
        Assert.Equal(2.0, Call(a, "last").AsFloat);
        Assert.True(Call(a, "contains", Arr(S("x"))).AsBool);   // structural equality
        Assert.True(Call(a, "contains", I(2)).AsBool);          // 2 == 2.0
        Assert.False(Call(a, "contains", S("1")).AsBool);
        Assert.Equal(1, Call(a, "index_of", Arr(S("x"))).AsInt);
        Assert.Equal(-1, Call(a, "index_of", I(7)).AsInt);
        Assert.Equal(0, Call(Arr(I(5), I(5)), "index_of", I(5)).AsInt);
    }

    [Fact]
    public void Reverse_slice_copy_return_new_arrays()
    {
        var a = Arr(I(1), I(2), I(3));
        var r = Call(a, "reverse");
        Assert.Equal("[3, 2, 1]", Show(r));
        Assert.Equal("[1, 2, 3]", Show(a));
        Assert.Equal("[2]", Show(Call(a, "slice", I(1), I(2))));
        Assert.Equal("[]", Show(Call(a, "slice", I(3), I(3))));
        Assert.Equal("[1, 2, 3]", Show(Call(a, "slice", I(0), I(3))));
        var c = Call(a, "copy");
        Assert.NotSame(a.AsObject, c.AsObject);
        AsArray(c).Add(I(4));
        Assert.Equal(3, AsArray(a).Count);
        Raises(ErrorKind.Index, "array.slice 2..4 out of range for array of length 3", () => Call(a, "slice", I(2), I(4)));
        Raises(ErrorKind.Index, "array.slice 2..1 out of range for array of length 3", () => Call(a, "slice", I(2), I(1)));
        Raises(ErrorKind.Index, "array.slice -1..1 out of range for array of length 3", () => Call(a, "slice", I(-1), I(1)));
        Raises(ErrorKind.Type, "array.slice expects an int, got float", () => Call(a, "slice", F(0), I(1)));
    }

    [Fact]
    public void Join_uses_display_forms_with_strings_raw()
    {
        Assert.Equal("a, 1, 2.5, [\"b\"]", Call(Arr(S("a"), I(1), F(2.5), Arr(S("b"))), "join", S(", ")).As<VeldString>().Text);
        Assert.Equal("", Call(Arr(), "join", S("-")).As<VeldString>().Text);
        Raises(ErrorKind.Type, "array.join expects a str, got int", () => Call(Arr(), "join", I(1)));
    }

    [Fact]
    public void Map_filter_reduce_call_back_through_the_invoker()
    {
        var a = Arr(I(1), I(2), I(3), I(4));
        Assert.Equal("[2, 4, 6, 8]", Show(Call(a, "map", TestFunction.Of("double", x => Operators.Mul(x[0], I(2))))));
        Assert.Equal("[2, 4]", Show(Call(a, "filter", TestFunction.Of("even", x => B(x[0].AsInt % 2 == 0)))));
        Invoker.Calls.Clear();
        var joined = Call(a, "reduce", S(""), TestFunction.Of("cat", x => Operators.Add(x[0], S(Display.Show(x[1])))));
        Assert.Equal("1234", joined.As<VeldString>().Text);
        // reduce calls f(acc, x)
        Assert.Equal("(\"\", 1)", Show(Tup(Invoker.Calls[0])));
        Assert.Equal("(\"1\", 2)", Show(Tup(Invoker.Calls[1])));
        Assert.Equal(7, Call(Arr(), "reduce", I(7), TestFunction.Of("f", x => I(0))).AsInt);
        Assert.Equal("[]", Show(Call(Arr(), "map", TestFunction.Of("f", x => I(0)))));
        // Builtin functions are functions too.
        Assert.Equal("[1, 2]", Show(Call(Arr(S("a"), S("bc")), "map", Value.FromObject(Builtins.Get("len")))));
    }

    [Fact]
    public void Any_and_all_short_circuit()
    {
        var a = Arr(I(1), I(2), I(3));
        Invoker.Calls.Clear();
        Assert.True(Call(a, "any", TestFunction.Of("is2", x => B(x[0].AsInt == 2))).AsBool);
        Assert.Equal(2, Invoker.Calls.Count);
        Assert.False(Call(a, "any", TestFunction.Of("big", x => B(x[0].AsInt > 5))).AsBool);
        Invoker.Calls.Clear();
        Assert.False(Call(a, "all", TestFunction.Of("small", x => B(x[0].AsInt < 2))).AsBool);
        Assert.Equal(2, Invoker.Calls.Count);
        Assert.True(Call(a, "all", TestFunction.Of("pos", x => B(x[0].AsInt > 0))).AsBool);
        Assert.False(Call(Arr(), "any", TestFunction.Of("f", x => B(true))).AsBool);
        Assert.True(Call(Arr(), "all", TestFunction.Of("f", x => B(false))).AsBool);
    }

    [Fact]
    public void Predicates_must_return_bools_and_callbacks_must_be_functions()
    {
        var a = Arr(I(1));
        Raises(ErrorKind.Type, "array.filter callback must return a bool, got int", () => Call(a, "filter", TestFunction.Of("f", x => I(1))));
        Raises(ErrorKind.Type, "array.any callback must return a bool, got unit", () => Call(a, "any", TestFunction.Of("f", x => Unit)));
        Raises(ErrorKind.Type, "array.all callback must return a bool, got str", () => Call(a, "all", TestFunction.Of("f", x => S("y"))));
        Raises(ErrorKind.Type, "array.map expects a function, got int", () => Call(a, "map", I(1)));
        Raises(ErrorKind.Type, "array.reduce expects a function, got int", () => Call(a, "reduce", I(0), I(1)));
    }

    [Fact]
    public void Errors_from_callbacks_propagate()
    {
        var a = Arr(I(1), I(0));
        Raises(ErrorKind.DivisionByZero, () => Call(a, "map", TestFunction.Of("inv", x => Operators.Div(I(1), x[0]))));
    }

    [Fact]
    public void A_callback_that_changes_the_arrays_length_stops_the_method()
    {
        var a = Arr(I(1), I(2));
        Raises(ErrorKind.Value, "array changed size during map", () => Call(a, "map", TestFunction.Of("grow", x => { AsArray(a).Add(x[0]); return x[0]; })));
        var b = Arr(I(1), I(2));
        Raises(ErrorKind.Value, "array changed size during filter", () => Call(b, "filter", TestFunction.Of("shrink", x => { AsArray(b).RemoveAt(0); return B(true); })));
    }

    [Fact]
    public void Sort_orders_numbers_or_strings_stably()
    {
        var a = Arr(I(3), F(1.5), I(-2), F(3.0), I(1));
        var sorted = Call(a, "sort");
        Assert.Equal("[-2, 1, 1.5, 3, 3.0]", Show(sorted));   // 3 before 3.0: stable
        Assert.Equal("[3, 1.5, -2, 3.0, 1]", Show(a));         // original unchanged
        Assert.Equal("[3.0, 3]", Show(Call(Arr(F(3), I(3)), "sort")));
        Assert.Equal("[\"B\", \"a\", \"b\", \"\uFF5E\", \"\U0001F600\"]",
            Show(Call(Arr(S("\U0001F600"), S("b"), S("\uFF5E"), S("a"), S("B")), "sort")));
        Assert.Equal("[-inf, 1, inf, nan, nan]", Show(Call(Arr(F(double.NaN), F(double.PositiveInfinity), I(1), F(double.NaN), F(double.NegativeInfinity)), "sort")));
        Assert.Equal("[]", Show(Call(Arr(), "sort")));
        Raises(ErrorKind.Type, "array.sort needs all numbers or all strings, found int and str", () => Call(Arr(I(1), S("a")), "sort"));
        Raises(ErrorKind.Type, "array.sort needs all numbers or all strings, found bool and bool", () => Call(Arr(B(true), B(false)), "sort"));
        Raises(ErrorKind.Type, "array.sort needs all numbers or all strings, found str and array", () => Call(Arr(S("a"), Arr()), "sort"));
    }

    [Fact]
    public void Wrong_argument_counts_are_arity_errors()
    {
        Raises(ErrorKind.Arity, "array.push expects 1 argument(s), got 0", () => Call(Arr(), "push"));
        Raises(ErrorKind.Arity, "array.len expects 0 argument(s), got 1", () => Call(Arr(), "len", I(1)));
        Raises(ErrorKind.Arity, "array.reduce expects 2 argument(s), got 1", () => Call(Arr(), "reduce", I(1)));
        Raises(ErrorKind.Arity, "array.slice expects 2 argument(s), got 3", () => Call(Arr(), "slice", I(0), I(0), I(0)));
    }
}
