namespace Veld.StackVm.Tests;

/// <summary>NEW_STRUCT, GET/SET_FIELD, INVOKE dispatch, NEW_ENUM, MATCH_* and ELEMENT, MATCH_FAIL.</summary>
public class StructEnumMatchTests
{
    private const string Shapes = SampleDeclarations.Point + SampleDeclarations.Shape;

    [Fact]
    public void Structs_are_mutable_references_with_methods()
    {
        Assert.Equal("(26.0, Point(x: 5.0, y: 1.0))", Veld.Result(Shapes + "let p = Point.new(4.0, 1.0)\nlet q = p\nq.move_by(1.0)\n(Point.new(5.0, 1.0).norm2(), p)"));
    }

    [Fact]
    public void Struct_arguments_are_evaluated_as_written()
    {
        Assert.Equal("Point(x: 2.0, y: 1.0)\n", Veld.Output(Shapes + "var n = 0.0\nfn next() => do n += 1.0  n end\nprintln(Point(y: next(), x: next()))"));
    }

    [Fact]
    public void Match_tests_variants_payloads_guards_and_wildcards()
    {
        Assert.Equal("[12.0, 16.0, 6.5, 0.0]",
            Veld.Result(Shapes + "[Shape.Circle(2.0), Shape.Rect(4.0, 4.0), Shape.Rect(2.0, 3.0), Shape.Empty].map(area)"));
    }

    [Fact]
    public void Nested_patterns_literals_and_ranges()
    {
        const string source = """
            fn classify(v) => match v
                (0, _) => "zero first",
                (1..=9, "x") => "digit x",
                (n, (a, b)) where a == b => "pair {n}",
                (-1, s) => "minus one",
                1.5 => "one and a half",
                true => "yes",
                _ => "other"
            end
            [classify((0, 5)), classify((7, "x")), classify((10, (2, 2))), classify((-1, 3)), classify(1.5), classify(true), classify((10, (2, 3)))]
            """;
        Assert.Equal("[\"zero first\", \"digit x\", \"pair {n}\", \"minus one\", \"one and a half\", \"yes\", \"other\"]", Veld.Result(source));
    }

    [Fact]
    public void No_matching_arm_is_a_match_error_at_the_match_line()
    {
        var error = Veld.Error("let v = 3\nlet r = match v\n  1 => \"one\",\n  2 => \"two\"\nend");
        Assert.Equal(("Match", 2), (error.Kind, error.Line));
        Assert.Equal("no match arm matches 3", error.Message);
    }

    [Fact]
    public void A_guard_must_be_a_bool()
    {
        var error = Veld.Error("match 1\n  x where x => 1,\n  _ => 2\nend");
        Assert.Equal(("Type", 2), (error.Kind, error.Line));
        Assert.Contains("match guard", error.Message);
    }

    [Fact]
    public void Refutable_let_and_for_patterns_raise_match_errors()
    {
        var let = Veld.Error("let x = 1\nlet (a, b) = (1, 2, 3)");
        Assert.Equal(("Match", 2), (let.Kind, let.Line));
        var loop = Veld.Error("for (a, b) in [(1, 2), 3] do\n  println(a)\nend");
        Assert.Equal(("Match", 1), (loop.Kind, loop.Line));
    }

    [Fact]
    public void Method_dispatch_order_is_impl_then_function_field_then_builtin()
    {
        const string source = """
            struct Box
                f: i64,
                g: i64
            end
            impl Box
                fn f(self) => "method"
                fn make() => Box(f: 1, g: 2)
            end
            struct Holder
                call: i64
            end
            let h = Holder(call: 0)
            let hb = { run: x => x * 2, len: 99 }
            (Box.make().f(), Box.make().to_str(), hb.run(21), hb.len())
            """;
        Assert.Equal("(\"method\", \"Box(f: 1, g: 2)\", 42, 2)", Veld.Result(source));
        var notCallable = Veld.Error("struct H\n  call: i64\nend\nH(call: 0).call()");
        Assert.Equal("Field", notCallable.Kind);
        var staticOnValue = Veld.Error("struct B\n  v: i64\nend\nimpl B\n  fn make() => B(v: 1)\nend\nB.make().make()");
        Assert.Equal("Field", staticOnValue.Kind);
    }

    [Fact]
    public void Method_arity_errors_do_not_count_self()
    {
        var error = Veld.Error(Shapes + "Point.new(1.0, 2.0).move_by()");
        Assert.Equal("Arity", error.Kind);
        Assert.Equal("move_by expects 1 argument(s), got 0", error.Message);
    }

    [Fact]
    public void Enums_with_methods_and_unit_variants()
    {
        const string source = """
            enum Color(Red, Green, Blue)
            impl Color
                fn next(self) => match self
                    Color.Red => Color.Green,
                    Color.Green => Color.Blue,
                    Color.Blue => Color.Red
                end
            end
            (Color.Red.next(), Color.Blue.next().next(), Color.Red == Color.Red)
            """;
        Assert.Equal("(Color.Green, Color.Green, true)", Veld.Result(source));
    }
}
