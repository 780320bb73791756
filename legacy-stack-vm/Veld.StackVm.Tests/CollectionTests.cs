namespace Veld.StackVm.Tests;

/// <summary>NEW_ARRAY NEW_TUPLE NEW_MAP RANGE GET/SET_INDEX TUPLE_INDEX CAST, ITER_START / ITER_NEXT.</summary>
public class CollectionTests
{
    [Fact]
    public void Literals_build_arrays_tuples_maps_and_ranges()
    {
        Assert.Equal("([1, 2], (1, \"a\"), (7,), {\"name\": \"x\", 1: 2}, 0..=3)",
            Veld.Result("([1, 2], (1, \"a\"), (7,), {name: \"x\", 1: 2}, 0..=3)"));
    }

    [Fact]
    public void Map_literals_evaluate_key_then_value_in_order()
    {
        Assert.Equal("k1\nv1\nk2\nv2\n", Veld.Output("""
            fn t(s) => do println(s)  s end
            let m = {t("k1"): t("v1"), t("k2"): t("v2")}
            """));
    }

    [Fact]
    public void Indexing_reads_and_writes_with_runtime_errors()
    {
        Assert.Equal("([1, 9, 3], 2, \"b\", 5)", Veld.Result("let a = [1, 2, 3]\nlet x = a[1]\na[1] = 9\nlet m = {k: 5}\n(a, x, \"abc\"[1], m[\"k\"])"));
        Assert.Equal(("Index", 2), Pair(Veld.Error("let a = [1]\na[1]")));
        Assert.Equal(("Index", 2), Pair(Veld.Error("let a = [1]\na[-1] = 0")));
        Assert.Equal(("Key", 2), Pair(Veld.Error("let m = {a: 1}\nm.b")));
        Assert.Equal(("Type", 1), Pair(Veld.Error("(1, 2)[\"x\"]")));
    }

    [Fact]
    public void Compound_assignment_to_elements_and_fields()
    {
        Assert.Equal("([1, 12], {\"a\": 4}, (3, 2))", Veld.Result("let a = [1, 2]\na[1] += 10\nlet m = {a: 1}\nm.a *= 4\nvar t = (1, 2)\nt = (t.0 + 2, t.1)\n(a, m, t)"));
    }

    [Fact]
    public void Tuple_index_and_casts()
    {
        Assert.Equal("(2, 3, 2.0, \"12\", true)", Veld.Result("let t = (1, 2)\n(t.1, 3.9 as int, 2 as float, 12 as str, true as bool)"));
        Assert.Equal("Type", Veld.Error("[1].0").Kind);
        Assert.Equal("Value", Veld.Error("\"x\" as int").Kind);
    }

    [Fact]
    public void For_iterates_arrays_ranges_maps_and_strings()
    {
        const string source = """
            var out = []
            for x in [1, 2] do out.push(x) end
            for i in 3..5 do out.push(i) end
            for i in 5..=5 do out.push(i) end
            for i in 3..1 do out.push(-1) end
            for (k, v) in {a: 1, b: 2} do out.push(k + v.to_str()) end
            for c in "hé" do out.push(c) end
            out
            """;
        Assert.Equal("[1, 2, 3, 4, 5, \"a1\", \"b2\", \"h\", \"é\"]", Veld.Result(source));
    }

    [Fact]
    public void Changing_a_collection_under_its_loop_is_reported_at_the_for_line()
    {
        const string source = """
            let xs = [1, 2, 3]
            for x in xs do
                xs.push(x)
            end
            """;
        var error = Veld.Error(source);
        Assert.Equal(("Value", 2), Pair(error));
        Assert.Equal(Veld.RunTree(source).Error, error);
        Assert.Equal("[9, 2]", Veld.Result("let ys = [1, 2]\nfor y in ys do ys[0] = 9 end\nys"));
    }

    [Fact]
    public void Iterating_a_non_iterable_is_a_type_error()
    {
        Assert.Equal(("Type", 2), Pair(Veld.Error("let n = 5\nfor x in n do end")));
    }

    [Fact]
    public void Builtin_methods_call_back_into_veld()
    {
        Assert.Equal("([2, 4, 6], [2], 6, true, [1, 2, 3])",
            Veld.Result("let a = [3, 1, 2]\n(a.map(x => x * 2).sort(), a.filter(x => x % 2 == 0), a.reduce(0, (s, x) => s + x), a.any(x => x > 2), a.sort())"));
    }

    private static (string, int) Pair(global::Veld.Runtime.RunError e) => (e.Kind, e.Line);
}
