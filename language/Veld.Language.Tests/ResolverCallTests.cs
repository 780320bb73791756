using Veld.Language.Syntax;

namespace Veld.Language.Tests;

/// <summary>What calls, method calls, members and casts are (CallKind, MethodCallKind, MemberKind, CastTarget).</summary>
public class ResolverCallTests
{
    private const string Types = SampleDeclarations.Point + SampleDeclarations.Shape + "enum Color(Red, Green, Blue)\n\n";

    /// <summary>Line number of the first line appended after <see cref="Types"/>.</summary>
    private static readonly int First = Types.Split('\n').Length;

    [Fact]
    public void Struct_construction_orders_arguments_by_field_declaration()
    {
        var program = V.Ok(Types + "let p = Point(y: 2.0, x: 1.0)");
        var call = V.Single<CallExpr>(program, c => c.Line == First);
        Assert.Equal(CallKind.StructConstruct, call.Kind);
        Assert.Equal("Point", call.Struct!.Name);
        Assert.Equal([1.0, 2.0], call.FieldOrderArgs!.Select(e => ((FloatLiteral)e).Value));
    }

    [Fact]
    public void A_variable_named_like_a_struct_is_called_as_a_function()
    {
        var program = V.Ok(Types + "fn f(Point) Point(1) end");
        var call = V.Single<CallExpr>(program, c => c.Line == First);
        Assert.Equal(CallKind.Function, call.Kind);
        Assert.Equal(VarKind.Local, ((NameExpr)call.Callee).Ref.Kind);
    }

    [Fact]
    public void Builtin_error_struct_can_be_constructed()
    {
        var program = V.Ok("let e = Error(kind: \"Value\", message: \"m\", line: 3)");
        var call = V.All<CallExpr>(program).Single();
        Assert.Same(program.ErrorStruct, call.Struct);
    }

    [Fact]
    public void A_user_type_named_error_shadows_the_builtin_for_names_only()
    {
        var program = V.Ok("enum Error(Bad, Worse)\nlet e = Error.Bad");
        Assert.Equal("Error", program.ErrorStruct.Name);
        Assert.Equal(0, program.ErrorStruct.TypeId);
        var member = V.All<MemberExpr>(program).Single();
        Assert.Equal(MemberKind.UnitVariant, member.Kind);
        Assert.Equal(1, member.Enum!.TypeId);
    }

    [Fact]
    public void Static_method_calls_and_dynamic_method_calls()
    {
        var program = V.Ok(Types + "let p = Point.new(3.0, 4.0)\np.norm2()\n[1].len()");
        var calls = V.All<MethodCallExpr>(program);
        var create = calls.Single(c => c.Name == "new");
        Assert.Equal((MethodCallKind.Static, "Point", "new"), (create.Kind, create.Type!.Name, create.StaticMethod!.Name));
        Assert.All(calls.Where(c => c.Name != "new"), c => Assert.Equal(MethodCallKind.Dynamic, c.Kind));
    }

    [Fact]
    public void Variant_construction_and_unit_variants()
    {
        var program = V.Ok(Types + "let s = Shape.Rect(1.0, 2.0)\nlet c = Color.Blue\nlet e = Shape.Empty\nlet e2 = Shape.Empty()");
        var rect = V.All<MethodCallExpr>(program).Single(m => m.Name == "Rect");
        Assert.Equal((MethodCallKind.VariantConstruct, "Shape", 1), (rect.Kind, rect.Type!.Name, rect.VariantIndex));
        var members = V.All<MemberExpr>(program).Where(m => m.Line >= First).ToList();
        Assert.Equal([("Color", 2), ("Shape", 2)], members.Select(m => (m.Enum!.Name, m.VariantIndex)));
        Assert.All(members, m => Assert.Equal(MemberKind.UnitVariant, m.Kind));
        Assert.Equal(MethodCallKind.VariantConstruct, V.All<MethodCallExpr>(program).Single(m => m.Line == First + 3).Kind);
    }

    [Fact]
    public void Io_module_functions_are_builtins()
    {
        var program = V.Ok("import std.io\nstd.io.println(1)\nio.print(2)\nlet p = std.io.println\nlet q = io.print");
        var calls = V.All<MethodCallExpr>(program);
        Assert.Equal([("println", MethodCallKind.Builtin), ("print", MethodCallKind.Builtin)], calls.Select(c => (c.BuiltinName!, c.Kind)));
        var members = V.All<MemberExpr>(program).Where(m => m.Kind == MemberKind.Builtin).Select(m => m.BuiltinName).ToList();
        Assert.Equal(["println", "print"], members);
    }

    [Fact]
    public void A_variable_named_io_hides_the_module()
    {
        var program = V.Ok("let io = {println: x => x}\nio.println(1)");
        Assert.Equal(MethodCallKind.Dynamic, V.All<MethodCallExpr>(program).Single().Kind);
    }

    [Fact]
    public void Member_reads_are_fields()
    {
        var program = V.Ok(Types + "fn f(p, e) p.x + e.line end");
        Assert.All(V.All<MemberExpr>(program), m => Assert.Equal(MemberKind.Field, m.Kind));
    }

    [Fact]
    public void Variant_patterns_resolve_qualified_and_bare()
    {
        var program = V.Ok(Types + "fn size(s) => match s\n  Shape.Circle(r) => r,\n  Rect(w, h) => w * h,\n  Color.Green => 0.0,\n  _ => 1.0\nend");
        var patterns = V.All<VariantPattern>(program).Where(p => p.Line >= First);
        Assert.Equal([("Shape", 0), ("Shape", 1), ("Color", 1)], patterns.Select(p => (p.Enum!.Name, p.VariantIndex)));
    }

    [Theory]
    [InlineData("i8", CastTarget.Int)]
    [InlineData("i16", CastTarget.Int)]
    [InlineData("i32", CastTarget.Int)]
    [InlineData("i64", CastTarget.Int)]
    [InlineData("u8", CastTarget.Int)]
    [InlineData("u16", CastTarget.Int)]
    [InlineData("u32", CastTarget.Int)]
    [InlineData("u64", CastTarget.Int)]
    [InlineData("int", CastTarget.Int)]
    [InlineData("f32", CastTarget.Float)]
    [InlineData("f64", CastTarget.Float)]
    [InlineData("float", CastTarget.Float)]
    [InlineData("str", CastTarget.Str)]
    [InlineData("char", CastTarget.Str)]
    [InlineData("bool", CastTarget.Bool)]
    [InlineData("Point", CastTarget.Invalid)]
    [InlineData("string", CastTarget.Invalid)]
    public void Cast_targets_come_from_the_type_name(string type, CastTarget target)
    {
        var program = V.Ok($"let x = 1 as {type}");
        Assert.Equal(target, V.All<CastExpr>(program).Single().Target);
    }

    [Fact]
    public void Tuple_index_in_range_compiles()
    {
        V.Ok("let t = (1, (2, 3))\nt.1.1\n(1, 2).1\nvar u = (1, 2)\nu.7");
    }
}
