namespace Veld.Language.Tests;

/// <summary>Every compile error the front end produces, with its line and column.</summary>
public class CompileErrorTests
{
    private const string Types = "struct Point x, y end\nenum Shape\n  Circle(f64)\n  Empty\nend\nenum Other(Circle(i64), Thing)\n";

    [Theory]
    // syntax
    [InlineData("if a then 1 else 2", "1:1: 'if' is never closed: expected 'end' but found end of file")]
    [InlineData("fn f()\n  if x then 1\nelse", "2:3: 'if' is never closed: expected 'end' but found end of file")]
    [InlineData("let x = )", "1:9: expected expression but found ')'")]
    [InlineData("let = 1", "1:5: expected a pattern but found '='")]
    [InlineData("let x 1", "1:7: expected '=' but found '1'")]
    [InlineData("if a 1 end", "1:6: expected 'then' but found '1'")]
    [InlineData("while a 1 end", "1:9: expected 'do' but found '1'")]
    [InlineData("for x of xs do end", "1:7: expected 'in' but found 'of'")]
    [InlineData("try f() end", "1:9: expected 'catch' but found 'end'")]
    [InlineData("let w = let t = 2\nt", "2:1: expected 'in' but found 't'")]
    [InlineData("f(1, 2", "1:2: '(' is never closed: expected ')' but found end of file")]
    [InlineData("[1, 2", "1:1: '[' is never closed: expected ']' but found end of file")]
    [InlineData("{a 1}", "1:4: expected ':' but found '1'")]
    [InlineData("x.", "1:3: expected a field or method name after '.' but found end of file")]
    [InlineData("match x\n  1 2\nend", "2:5: expected '=>' but found '2'")]
    [InlineData("end", "1:1: unexpected 'end'")]
    [InlineData("else", "1:1: unexpected 'else'")]
    [InlineData("_", "1:1: '_' can only be used in patterns and as a parameter name")]
    [InlineData("let fn = 1", "1:5: expected a pattern but found 'fn'")]
    [InlineData("fn 5", "1:4: expected '(' after 'fn' in a function expression but found '5'")]
    [InlineData("fn f(1) end", "1:6: expected a parameter name but found '1'")]
    [InlineData("fn f(self) end", "1:6: 'self' parameter outside an impl")]
    [InlineData("impl P\n  fn m(a, self) end\nend", "2:11: 'self' must be the first parameter")]
    [InlineData("impl P\n  let x = 1\nend", "2:3: expected 'fn' or 'end' in impl body but found 'let'")]
    [InlineData("struct P x: i64 y: i64 end", "1:17: expected ',' or 'end' but found 'y'")]
    [InlineData("let x: = 1", "1:8: expected a type but found '='")]
    [InlineData("let x: Option<i64 = 1", "1:19: expected '>' but found '='")]
    [InlineData("x as 5", "1:6: expected a type name after 'as' but found '5'")]
    [InlineData("var x = 1 in x", "1:11: 'in' can only follow 'let', not 'var'")]
    [InlineData("match x\n  1..2.5 => 0\nend", "2:6: range patterns must use integers")]
    [InlineData("match x\n  () => 0\nend", "2:4: expected a pattern but found ')' (the unit value cannot be matched)")]
    [InlineData("t.99999999999", "1:3: tuple index is too large")]
    // literals
    [InlineData("let n = 9223372036854775808", "1:9: integer literal is too large for a 64-bit integer")]
    [InlineData("let n = 99999999999999999999999", "1:9: integer literal is too large for a 64-bit integer")]
    [InlineData("let n = -9223372036854775809", "1:10: integer literal is too large for a 64-bit integer")]
    [InlineData("let n = -9223372036854775808.abs()", "1:10: integer literal is too large for a 64-bit integer")]
    [InlineData("match x\n  -9223372036854775809 => 0\nend", "2:4: integer literal is too large for a 64-bit integer")]
    [InlineData("let s = \"a\\zb\"", "1:11: unknown escape sequence '\\z'")]
    // names and assignment
    [InlineData("println(y)", "1:9: undeclared name 'y'")]
    [InlineData("let x = 1\nx = 2", "2:1: cannot assign to immutable binding 'x'")]
    [InlineData("const C = 1\nC += 1", "2:1: cannot assign to immutable binding 'C'")]
    [InlineData("fn f(a) a = 3 end", "1:9: cannot assign to immutable binding 'a'")]
    [InlineData("for i in 0..3 do i = 2 end", "1:18: cannot assign to immutable binding 'i'")]
    [InlineData("match 1\n  x => x = 2\nend", "2:8: cannot assign to immutable binding 'x'")]
    [InlineData("let (a, b) = (1, 2)\nb = 3", "2:1: cannot assign to immutable binding 'b'")]
    [InlineData("fn f() 1 end\nf = 2", "2:1: cannot assign to immutable binding 'f'")]
    [InlineData("fn f()\n  fn g() 1 end\n  g = 2\nend", "3:3: cannot assign to immutable binding 'g'")]
    [InlineData("try 1 catch e e = 2 end", "1:15: cannot assign to immutable binding 'e'")]
    [InlineData("let f = x => x = 1", "1:14: cannot assign to immutable binding 'x'")]
    [InlineData("println = 1", "1:1: cannot assign to builtin function 'println'")]
    [InlineData("nope = 1", "1:1: undeclared name 'nope'")]
    [InlineData("1 = 2", "1:1: invalid assignment target")]
    [InlineData("f() = 2", "1:1: invalid assignment target")]
    [InlineData("let t = (1, 2)\nt.0 = 5", "2:3: invalid assignment target: tuples are immutable")]
    [InlineData("let a = 1\nlet b = 2\na + b = 3", "3:3: invalid assignment target")]
    // context
    [InlineData("fn f() const D = 2 end", "1:8: 'const' is only allowed at top level")]
    [InlineData("break", "1:1: 'break' outside a loop")]
    [InlineData("continue", "1:1: 'continue' outside a loop")]
    [InlineData("while true do\n  let f = () => break\nend", "2:17: 'break' outside a loop")]
    [InlineData("fn h() self end", "1:8: 'self' can only be used inside a method that takes self")]
    [InlineData("struct P x end\nimpl P\n  fn new() self end\nend", "3:12: 'self' can only be used inside a method that takes self")]
    [InlineData("fn f() struct S x end end", "1:8: 'struct' declarations are only allowed at top level")]
    [InlineData("do enum E(A) end", "1:4: 'enum' declarations are only allowed at top level")]
    [InlineData("struct S x end\ndo impl S fn a() 1 end end end", "2:4: 'impl' declarations are only allowed at top level")]
    // declarations
    [InlineData("fn f() 1 end\nfn f() 2 end", "2:1: duplicate function 'f'")]
    [InlineData("struct A x end\nenum A(B)", "2:1: duplicate type 'A'")]
    [InlineData("struct A x end\nfn A() 1 end", "2:1: 'A' is already declared as a type")]
    [InlineData("struct A x, x end", "1:13: duplicate field 'x' in struct 'A'")]
    [InlineData("enum E(A, A)", "1:11: duplicate variant 'A' in enum 'E'")]
    [InlineData("impl Nope fn a() 1 end end", "1:1: impl of unknown type 'Nope'")]
    [InlineData("struct A x end\nimpl A fn m() 1 end end\nimpl A fn m() 2 end end", "3:8: duplicate method 'm' for type 'A'")]
    [InlineData("fn f(a, a) a end", "1:9: duplicate parameter 'a'")]
    [InlineData("let (a, a) = (1, 2)", "1:9: 'a' is bound more than once in the same pattern")]
    // structs
    [InlineData(Types + "let p = Point(x: 1)", "7:9: missing field 'y' for struct 'Point'")]
    [InlineData(Types + "let p = Point(x: 1, y: 2, z: 3)", "7:30: unknown field 'z' for struct 'Point'")]
    [InlineData(Types + "let p = Point(x: 1, x: 2, y: 3)", "7:24: duplicate field 'x' for struct 'Point'")]
    [InlineData(Types + "let p = Point(1, 2)", "7:15: fields of struct 'Point' must be named, as in Point(field: value)")]
    [InlineData("fn f(x) x end\nf(a: 1)", "2:6: named argument 'a' is only allowed when constructing a struct")]
    [InlineData("[1].push(x: 1)", "1:13: named argument 'x' is only allowed when constructing a struct")]
    [InlineData(Types + "let p = Point", "7:9: struct 'Point' is a type, not a value")]
    [InlineData(Types + "let p = Point.x", "7:15: struct 'Point' has no member 'x'")]
    [InlineData(Types + "Point.make()", "7:7: unknown method 'make' for type 'Point'")]
    [InlineData(Types + "impl Point fn n(self) 1 end end\nPoint.n()", "8:7: method 'Point.n' takes self: call it on a value")]
    [InlineData(Types + "impl Point fn mk() 1 end end\nlet m = Point.mk", "8:15: method 'Point.mk' must be called")]
    // enums
    [InlineData(Types + "Shape.Circle(1.0, 2.0)", "7:7: variant 'Shape.Circle' takes 1 value(s) but 2 were given")]
    [InlineData(Types + "Shape.Empty(1)", "7:7: variant 'Shape.Empty' takes 0 value(s) but 1 were given")]
    [InlineData(Types + "Shape.Square(1)", "7:7: unknown variant or method 'Square' for enum 'Shape'")]
    [InlineData(Types + "let c = Shape.Circle", "7:15: variant 'Shape.Circle' takes 1 value(s): construct it as Shape.Circle(..)")]
    [InlineData(Types + "let c = Shape.Square", "7:15: unknown variant 'Square' for enum 'Shape'")]
    [InlineData(Types + "Shape(1)", "7:1: enum 'Shape' cannot be called; construct a variant, as in Shape.Circle(..)")]
    [InlineData(Types + "fn m(s) => match s\n  Shape.Square => 1\nend", "8:3: unknown variant 'Square' for enum 'Shape'")]
    [InlineData(Types + "fn m(s) => match s\n  Shap.Circle(r) => 1\nend", "8:3: unknown enum 'Shap'")]
    [InlineData(Types + "fn m(s) => match s\n  Point.x => 1\nend", "8:3: 'Point' is a struct, not an enum")]
    [InlineData(Types + "fn m(s) => match s\n  Square(r) => 1\nend", "8:3: unknown variant 'Square'")]
    [InlineData(Types + "fn m(s) => match s\n  Circle(r) => 1\nend", "8:3: ambiguous variant 'Circle' (declared by 'Shape' and 'Other'): qualify it, as in Shape.Circle")]
    [InlineData(Types + "fn m(s) => match s\n  Shape.Circle => 1\nend", "8:3: variant 'Shape.Circle' has 1 value(s) but the pattern has 0")]
    [InlineData(Types + "fn m(s) => match s\n  Shape.Circle(a, b) => 1\nend", "8:3: variant 'Shape.Circle' has 1 value(s) but the pattern has 2")]
    [InlineData(Types + "fn m(s) => match s\n  Thing(a) => 1\nend", "8:3: variant 'Other.Thing' has 0 value(s) but the pattern has 1")]
    // modules
    [InlineData("std.io.write(1)", "1:8: unknown function 'std.io.write'")]
    [InlineData("io.read()", "1:4: unknown function 'io.read'")]
    [InlineData("let r = std.io.readln", "1:16: unknown function 'std.io.readln'")]
    [InlineData("std.println(1)", "1:1: undeclared name 'std'")]
    // tuples
    [InlineData("let t = (1, 2)\nt.2", "2:3: tuple index 2 out of range for a tuple of 2 element(s)")]
    [InlineData("(1,).1", "1:6: tuple index 1 out of range for a tuple of 1 element(s)")]
    [InlineData("let t = (1, (2, 3))\n(t.1, 0).5", "2:10: tuple index 5 out of range for a tuple of 2 element(s)")]
    public void First_error(string code, string error) => Assert.Equal(error, V.FirstError(code));

    /// <summary><paramref name="count"/> lines <c>let {prefix}i = i</c>, each indented by <paramref name="indent"/>.</summary>
    private static string Lets(int count, string prefix, string indent) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"{indent}let {prefix}{i} = {i}\n"));

    [Fact]
    public void Too_many_locals_in_one_function()
    {
        var code = "fn big()\n" + Lets(201, "v", "  ") + "end";
        Assert.Equal(["202:7: too many local variables in function 'big' (limit 200)"], V.Errors(code));
    }

    [Fact]
    public void Two_hundred_locals_are_fine_and_counted()
    {
        var code = "fn big(a)\n" + Lets(199, "v", "  ") + "end";
        Assert.Equal(200, V.Function(V.Ok(code), "big").LocalCount);
    }

    [Fact]
    public void Too_many_locals_in_a_top_level_block_names_the_script()
    {
        var code = "do\n" + Lets(201, "v", "  ") + "end";
        Assert.Equal(["202:7: too many local variables in function '<script>' (limit 200)"], V.Errors(code));
    }

    [Fact]
    public void Too_many_captured_variables()
    {
        // a: 150 locals + fn b; b: 150 locals + fn c; c reads all 300 (255 allowed).
        var a = Lets(150, "a", "  ");
        var b = Lets(150, "b", "    ");
        var reads = string.Concat(Enumerable.Range(0, 150).Select(i => $"      a{i}\n      b{i}\n"));
        var code = "fn a()\n" + a + "  fn b()\n" + b + "    fn c()\n" + reads + "    end\n    c\n  end\n  b\nend";
        var errors = V.Errors(code);
        // The 256th capture is a127 (reads alternate a0 b0 a1 b1 ...), on line 1 + 150 + 1 + 150 + 1 + 256.
        Assert.Equal(["559:7: too many captured variables in function 'c' (limit 255)"], errors);
    }

    [Fact]
    public void Several_errors_in_one_file_are_all_reported_in_order()
    {
        const string code = """
            let x = 1
            x = 2
            println(y)
            fn f() break end
            let t = (1, 2)
            t.3
            """;
        Assert.Equal(
        [
            "2:1: cannot assign to immutable binding 'x'",
            "3:9: undeclared name 'y'",
            "4:8: 'break' outside a loop",
            "6:3: tuple index 3 out of range for a tuple of 2 element(s)",
        ], V.Errors(code));
    }

    [Fact]
    public void Syntax_errors_recover_at_statement_boundaries()
    {
        const string code = """
            let a = (1 +
            let b = 2
            fn f()
              let c = ]
              c
            end
            let d = 3 3 )
            let e = 4
            """;
        Assert.Equal(
        [
            "3:1: expected 'in' but found 'fn'", // `let b = 2` continues the open parenthesis as a let-in
            "4:11: expected expression but found ']'",
            "7:13: expected expression but found ')'",
        ], V.Errors(code));
    }

    [Fact]
    public void Diagnostics_stop_at_the_limit()
    {
        var code = string.Concat(Enumerable.Range(0, 200).Select(i => $"let x{i} = )\n"));
        var errors = V.Errors(code);
        Assert.Equal(LanguageLimits.MaxDiagnostics, errors.Count);
        Assert.Equal("1:10: expected expression but found ')'", errors[0]);
        Assert.Equal("50:11: expected expression but found ')'", errors[^1]);
    }

    [Fact]
    public void Resolution_errors_are_not_reported_when_the_syntax_is_broken()
    {
        Assert.Equal(["2:9: expected expression but found ')'"], V.Errors("println(undeclared)\nlet x = )"));
    }

    [Fact]
    public void Nesting_too_deep_is_a_clean_error()
    {
        var code = "let x = " + new string('(', 10_000) + "1" + new string(')', 10_000);
        // The let's value is depth 1, so parenthesis number MaxNestingDepth + 1 (at column 8 + that) is one too many.
        Assert.Equal([$"1:{9 + LanguageLimits.MaxNestingDepth}: nesting too deep"], V.Errors(code));
    }

    [Fact]
    public void Nesting_just_under_the_limit_compiles()
    {
        int depth = LanguageLimits.MaxNestingDepth - 2;
        V.Ok("let x = " + new string('(', depth) + "1" + new string(')', depth));
    }
}
