using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

/// <summary>The semantics every tier takes from the runtime: method lookup order, the range pattern
/// test, bool contexts, and the unit variant cache.</summary>
public class SemanticsSharedTests
{
    /// <summary>A tier's closure, as far as method lookup sees it.</summary>
    private sealed class Fn(string name, bool takesSelf) : FunctionObject
    {
        public override string DisplayName => $"<fn {name}>";
        public override bool TakesSelf => takesSelf;
    }

    private static Value Function(string name, bool takesSelf = false) => Value.FromObject(new Fn(name, takesSelf));

    private static readonly StructType Counter = new("Counter", ["step", "count"]);

    [Fact]
    public void An_impl_method_taking_self_comes_before_a_field_holding_a_function()
    {
        var type = new StructType("S", ["go"]);
        var method = Function("S.go", takesSelf: true);
        type.Methods["go"] = method;
        var target = Operators.NewStruct(type, [Function("field")]);
        Assert.Equal(MethodKind.Self, MethodLookup.Find(target, "go", out var callee));
        Assert.Same(method.AsObject, callee.AsObject);
    }

    [Fact]
    public void A_method_without_self_is_not_found_on_a_value_so_the_field_is_called()
    {
        var type = new StructType("S", ["make"]);
        type.Methods["make"] = Function("S.make", takesSelf: false);
        var field = Function("field");
        var target = Operators.NewStruct(type, [field]);
        Assert.Equal(MethodKind.Function, MethodLookup.Find(target, "make", out var callee));
        Assert.Same(field.AsObject, callee.AsObject);
    }

    [Fact]
    public void A_field_that_is_not_a_function_falls_through_to_the_builtin_methods()
    {
        var target = Operators.NewStruct(Counter, [I(1), I(0)]);
        Assert.Equal(MethodKind.Builtin, MethodLookup.Find(target, "step", out _));
        Assert.Equal(MethodKind.Builtin, MethodLookup.Find(target, "to_str", out _));
    }

    [Fact]
    public void Enum_values_find_their_impl_methods_taking_self()
    {
        var type = new EnumType("E", ["A"], [0]);
        var method = Function("E.name", takesSelf: true);
        type.Methods["name"] = method;
        var target = Operators.NewEnum(type, 0, []);
        Assert.Equal(MethodKind.Self, MethodLookup.Find(target, "name", out var callee));
        Assert.Same(method.AsObject, callee.AsObject);
        Assert.Equal(MethodKind.Builtin, MethodLookup.Find(target, "other", out _));
    }

    [Fact]
    public void On_a_map_builtin_methods_win_over_keys_holding_functions()
    {
        var keyed = Function("keyed");
        var map = Map((S("len"), Function("len")), (S("run"), keyed), (S("data"), I(3)));
        Assert.Equal(MethodKind.Builtin, MethodLookup.Find(map, "len", out _));
        Assert.Equal(MethodKind.Function, MethodLookup.Find(map, "run", out var callee));
        Assert.Same(keyed.AsObject, callee.AsObject);
        Assert.Equal(MethodKind.Builtin, MethodLookup.Find(map, "data", out _));
    }

    [Fact]
    public void Other_values_always_use_builtin_methods()
    {
        Assert.Equal(MethodKind.Builtin, MethodLookup.Find(Arr(I(1)), "len", out _));
        Assert.Equal(MethodKind.Builtin, MethodLookup.Find(I(1), "anything", out _));
    }

    [Theory]
    [InlineData(1L, 1L, 5L, false, true)]
    [InlineData(5L, 1L, 5L, false, false)]
    [InlineData(5L, 1L, 5L, true, true)]
    [InlineData(0L, 1L, 5L, true, false)]
    [InlineData(long.MaxValue, 0L, long.MaxValue, true, true)]
    [InlineData(long.MinValue, long.MinValue, 0L, false, true)]
    [InlineData(3L, 5L, 1L, true, false)]
    public void The_range_pattern_matches_ints_between_its_ends(long v, long low, long high, bool inclusive, bool matches)
    {
        Assert.Equal(matches, RangeTest.Matches(I(v), low, high, inclusive));
        Assert.Equal(matches, RangeTest.Matches(I(v), new VeldRange(low, high, inclusive)));
    }

    [Fact]
    public void The_range_pattern_never_matches_a_value_that_is_not_an_int()
    {
        Assert.False(RangeTest.Matches(F(2.0), 1, 5, true));
        Assert.False(RangeTest.Matches(S("2"), 1, 5, true));
        Assert.False(RangeTest.Matches(B(true), 0, 5, true));
    }

    [Theory]
    [InlineData(BoolContext.Condition, "condition must be a bool, got int")]
    [InlineData(BoolContext.Guard, "match guard must be a bool, got int")]
    [InlineData(BoolContext.And, "operand of 'and' must be a bool, got int")]
    [InlineData(BoolContext.Or, "operand of 'or' must be a bool, got int")]
    [InlineData(BoolContext.Assert, "assert~ condition must be a bool, got int")]
    public void A_non_bool_condition_raises_the_contexts_type_error(BoolContext context, string message)
    {
        Raises(ErrorKind.Type, message, () => BoolContexts.Check(I(1), context));
        Assert.True(BoolContexts.Check(B(true), context));
        Assert.False(BoolContexts.Check(B(false), context));
    }

    [Fact]
    public void The_not_context_raises_the_not_operators_error_and_every_context_has_words()
    {
        var e = Assert.Throws<VeldRuntimeException>(() => BoolContexts.Check(S("x"), BoolContext.Not));
        Assert.Equal(ErrorKind.Type, e.Kind);
        Assert.Contains("'!'", e.Message);
        Assert.Equal(BoolContexts.Count, Enum.GetValues<BoolContext>().Length);
        foreach (var context in Enum.GetValues<BoolContext>()) Assert.NotEmpty(BoolContexts.Describe(context));
    }

    [Fact]
    public void The_unit_variant_cache_shares_one_value_per_variant()
    {
        var cache = new UnitVariantCache(typeCount: 2);
        var red = cache.Get(1, Color, 0);
        Assert.Same(red.AsObject, cache.Get(1, Color, 0).AsObject);
        Assert.NotSame(red.AsObject, cache.Get(1, Color, 1).AsObject);
        Assert.Equal(0, red.As<EnumInstance>().Variant);
        Raises(ErrorKind.Arity, () => cache.Get(0, Shape, 0));
    }
}
