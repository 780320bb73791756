namespace Veld.TreeWalk.Tests;

/// <summary>Structs, impl methods, enums and every pattern kind.</summary>
public class StructEnumMatchTests
{
    private const string PointDecl = SampleDeclarations.Point;

    [Fact]
    public void Structs_are_shared_references_with_methods()
    {
        Assert.Equal("(Point(x: 4.0, y: 4.0), 32.0, 25.0)", Result(PointDecl + """
            let p = Point.new(3.0, 4.0)
            let q = p
            let before = Point.new(3.0, 4.0).norm2()
            q.move_by(1.0)
            (p, p.norm2(), before)
            """));
    }

    [Fact]
    public void Struct_arguments_run_in_written_order()
    {
        Assert.Equal("yx\nPair(a: 1, b: 2)\n", Stdout("""
            struct Pair(a: i64, b: i64);
            fn t(label, v)
                print(label)
                v
            end
            let p = Pair(b: t("y", 2), a: t("x", 1))
            println()
            println(p)
            """));
    }

    [Fact]
    public void Field_assignment_and_unknown_fields()
    {
        Assert.Equal("Point(x: 1.0, y: 9.0)", Result(PointDecl + "let p = Point(x: 1.0, y: 2.0)\np.y = 9.0\np"));
        Assert.Equal("Point(x: 4.0, y: 2.0)", Result(PointDecl + "let p = Point(x: 1.0, y: 2.0)\np.x += 3.0\np"));
        FailsWith(PointDecl + "let p = Point(x: 1.0, y: 2.0)\n\np.z", ErrorKind.Field, 12);
        FailsWith(PointDecl + "let p = Point(x: 1.0, y: 2.0)\np.nope()", ErrorKind.Field, 11);
    }

    [Fact]
    public void Enum_variants_and_guards()
    {
        Assert.Equal("(12.0, 9.0, 6.5, 0.0, Shape.Circle(2.0), Shape.Empty)", Result(SampleDeclarations.Shape + """
            let c = Shape.Circle(2.0)
            (area(c), area(Shape.Rect(3.0, 3.0)), area(Shape.Rect(2.0, 3.0)), area(Shape.Empty), c, Shape.Empty)
            """));
    }

    [Fact]
    public void Unit_variants_match_only_themselves()
    {
        Assert.Equal("[\"r\", \"other\", \"b\"]", Result("""
            enum Color(Red, Green, Blue)
            fn name(c) => match c
                Color.Red => "r",
                Color.Blue => "b",
                _ => "other"
            end
            [name(Color.Red), name(Color.Green), name(Color.Blue)]
            """));
    }

    [Fact]
    public void Enum_impl_methods()
    {
        Assert.Equal("(true, false)", Result("""
            enum Opt
                Some(i64),
                None
            end
            impl Opt
                fn is_some(self) => match self
                    Some(_) => true,
                    _ => false
                end
            end
            (Opt.Some(1).is_some(), Opt.None.is_some())
            """));
    }

    [Theory]
    [InlineData("1", "one")]
    [InlineData("1.0", "one")]
    [InlineData("-1", "minus one")]
    [InlineData("5", "digit")]
    [InlineData("10", "teen")]
    [InlineData("20", "other")]
    [InlineData("2.5", "float")]
    [InlineData("\"hi\"", "greeting")]
    [InlineData("true", "yes")]
    [InlineData("(1, (2, 3))", "tuple 3")]
    [InlineData("(1, 2)", "pair")]
    public void Literal_range_tuple_and_binding_patterns(string value, string expected)
    {
        Assert.Equal(expected, Result($$"""
            let v = {{value}}
            match v
                1 => "one",
                -1 => "minus one",
                0..=9 => "digit",
                10..20 => "teen",
                2.5 => "float"
                "hi" => "greeting"
                true => "yes"
                (1, (_, z)) => format~("tuple {z}"),
                (a, b) => "pair",
                _ => "other"
            end
            """));
    }

    [Fact]
    public void Guards_must_be_bools() =>
        FailsWith("let v = 1\nmatch v\n    x where x => 1,\n    _ => 2\nend", ErrorKind.Type, 3);

    [Fact]
    public void No_matching_arm_is_a_match_error_at_the_match_line()
    {
        var outcome = FailsWith("""
            let v = 3
            let r = match v
                1 => "one",
                2 => "two"
            end
            """, ErrorKind.Match, 2);
        Assert.Contains("3", outcome.Error!.Message);
    }

    [Fact]
    public void Methods_on_any_expression_and_function_fields()
    {
        Assert.Equal("(25.0, 8, 3, 2)", Result(PointDecl + """
            struct Holder
                f: fn(i64) -> i64
            end
            fn make() => Point(x: 3.0, y: 4.0)
            let h = Holder(f: x => x + 1)
            let m = {double: x => x * 2, len: () => 99}
            (make().norm2(), m.double(4), h.f(2), m.len())
            """));
    }
}
