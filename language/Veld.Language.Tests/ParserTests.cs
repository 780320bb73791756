using Veld.Language.Syntax;

namespace Veld.Language.Tests;

public class ParserTests
{
    [Theory]
    [InlineData("let x = 1", "(let x 1)")]
    [InlineData("let mut y = 2", "(let-mut mut y 2)")]
    [InlineData("var z = 3", "(var mut z 3)")]
    [InlineData("const LIMIT = 100", "(const LIMIT 100)")]
    [InlineData("let x: i64 = 1;", "(let x:i64 1)")]
    [InlineData("let (a, (b, _)) = (1, (2, 3))", "(let (tuple a (tuple b _)) (tuple 1 (tuple 2 3)))")]
    [InlineData("let _ = f()", "(let _ (call f))")]
    [InlineData("let mut (a, b) = (1, 2)", "(let-mut (tuple mut a mut b) (tuple 1 2))")]
    public void Declarations(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Theory]
    [InlineData("fn add(a, b) a + b end", "(fn add (a b) (block (+ a b)))")]
    [InlineData("fn add2(a: i64, b: i64) -> i64 => a + b", "(fn add2 (a:i64 b:i64) -> i64 (block (+ a b)))")]
    [InlineData("proc log(msg) println(msg) end", "(proc log (msg) (block (call println msg)))")]
    [InlineData("fn id<T>(x: T) -> T => x", "(fn id (x:T) -> T (block x))")]
    [InlineData("fn empty() end", "(fn empty () (block))")]
    [InlineData("pub fn f() 1 end", "(fn f () (block 1))")]
    [InlineData("fn f()\n  let x = 1\n  x\nend", "(fn f () (block (let x 1) x))")]
    public void Function_declarations(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Theory]
    [InlineData("let inc = x => x + 1", "(let inc (fn (x) (block (+ x 1))))")]
    [InlineData("let add3 = (a, b, c) => a + b + c", "(let add3 (fn (a b c) (block (+ (+ a b) c))))")]
    [InlineData("let typed = (a, b: i64) => a", "(let typed (fn (a b:i64) (block a)))")]
    [InlineData("let thunk = () => 42", "(let thunk (fn () (block 42)))")]
    [InlineData("let ret = (x: i64) -> i64 => x", "(let ret (fn (x:i64) -> i64 (block x)))")]
    [InlineData("let blk = x => do let y = x * 2  y + 1 end", "(let blk (fn (x) (block (do (let y (* x 2)) (+ y 1)))))")]
    [InlineData("let f = fn(x) x * 2 end", "(let f (fn (x) (block (* x 2))))")]
    [InlineData("let g = fn(x) => x * 3", "(let g (fn (x) (block (* x 3))))")]
    [InlineData("let k = _ => 0", "(let k (fn (_) (block 0)))")]
    [InlineData("let curry = a => b => a + b", "(let curry (fn (a) (block (fn (b) (block (+ a b))))))")]
    [InlineData("xs.map(x => x * 2)", "(.map xs (fn (x) (block (* x 2))))")]
    [InlineData("let sum = x => total += x", "(let sum (fn (x) (block (+= total x))))")]
    [InlineData("let hof = (f: fn(i64) -> i64, xs: [i64]) => f", "(let hof (fn (f:fn(i64) -> i64 xs:[i64]) (block f)))")]
    public void Lambdas(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Fact]
    public void Lambdas_are_flagged_and_named_functions_are_not()
    {
        var program = V.Ok("fn named() 1 end\nlet anon = x => x\nlet anon2 = fn(y) y end");
        var functions = V.Nodes(program.Script.Body).OfType<FunctionNode>().ToList();
        Assert.Equal([false, true, true], functions.Select(f => f.IsLambda));
        Assert.Equal(["named", "lambda@2", "lambda@3"], functions.Select(f => f.DisplayName));
    }

    [Theory]
    [InlineData("if a then 1 end", "(if a (block 1))")]
    [InlineData("if a then 1 else 2 end", "(if a (block 1) else (block 2))")]
    [InlineData("if n < 0 then \"neg\" else if n == 0 then \"zero\" else \"pos\" end",
        "(if (< n 0) (block \"neg\") (== n 0) (block \"zero\") else (block \"pos\"))")]
    [InlineData("if a then\n  x\nelse\n  if b then y end\nend", "(if a (block x) else (block (if b (block y))))")]
    [InlineData("while i < 10 do i += 1 end", "(while (< i 10) (block (+= i 1)))")]
    [InlineData("for x in [1, 2] do println(x) end", "(for x (array 1 2) (block (call println x)))")]
    [InlineData("for (k, v) in {a: 1} do k end", "(for (tuple k v) (map (\"a\" 1)) (block k))")]
    [InlineData("for i in 0..=10 do end", "(for i (..= 0 10) (block))")]
    [InlineData("let v = do let t = 2  t * 3 end", "(let v (do (let t 2) (* t 3)))")]
    [InlineData("let w = let t = 2 in t * 3", "(let w (let-in t 2 (* t 3)))")]
    [InlineData("let a = 1 in a", "(let-in a 1 a)")]
    [InlineData("let w = let (a, b) = p in a + b", "(let w (let-in (tuple a b) p (+ a b)))")]
    public void Control_flow(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Fact]
    public void Match_arms_with_guards_commas_and_newlines()
    {
        const string code = """
            fn area(s) => match s
                Shape.Circle(r) => 3.14 * r * r,
                Shape.Rect(w, h) where w == h => w * w,
                Rect(w, h) => w * h
                Color.Red => 1
                -1 => 2, "s" => 3, 'c' => 4
                1..=9 => 5
                -5..0 => 6
                (a, _) where a > 0 and a < 3 => a
                true => 7
                x => x
                _ => 0.0
            end
            """;
        Assert.Equal(
            "(fn area (s) (block (match s (arm Shape.Circle(r) (* (* 3.14 r) r)) (arm Shape.Rect(w, h) where (== w h) (* w w)) " +
            "(arm Rect(w, h) (* w h)) (arm Color.Red 1) (arm -1 2) (arm \"s\" 3) (arm \"c\" 4) (arm 1..=9 5) (arm -5..0 6) " +
            "(arm (tuple a _) where (and (> a 0) (< a 3)) a) (arm true 7) (arm x x) (arm _ 0.0))))",
            V.Tree(code));
    }

    [Fact]
    public void A_guard_may_still_contain_lambdas_inside_brackets()
    {
        Assert.Equal("(match v (arm xs where (.any xs (fn (x) (block (> x 0)))) 1))",
            V.Tree("match v\n  xs where xs.any(x => x > 0) => 1\nend"));
    }

    [Theory]
    [InlineData("_ => return 0", "(fn (_) (block (return 0)))")]
    [InlineData("_ => return", "(fn (_) (block (return)))")]
    [InlineData("_ => throw \"x\"", "(fn (_) (block (throw \"x\")))")]
    public void Jumps_are_expressions(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Fact]
    public void Return_takes_a_value_only_from_its_own_line()
    {
        Assert.Equal("(fn f () (block (return) x))", V.Tree("fn f()\n  return\n  x\nend"));
        Assert.Equal("(fn f () (block (if a (block (return)))))", V.Tree("fn f() if a then return end end"));
        Assert.Equal("(while a (block (break) (continue)))", V.Tree("while a do break continue end"));
    }

    [Theory]
    [InlineData("try f() catch e e.message end", "(try (block (call f)) catch e (block (.message e)))")]
    [InlineData("try f() catch\n  0\nend", "(try (block (call f)) catch _ (block 0))")]
    [InlineData("try f() catch _ 0 end", "(try (block (call f)) catch _ (block 0))")]
    [InlineData("try f() catch println(\"failed\") end", "(try (block (call f)) catch _ (block (call println \"failed\")))")]
    [InlineData("try f() catch err\n  println(err)\nend", "(try (block (call f)) catch err (block (call println err)))")]
    public void Try_catch(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Theory]
    [InlineData("struct Point\n    x: f64,\n    y: f64\nend", "(struct Point x:f64 y:f64)")]
    [InlineData("struct Point\n    x: f64\n    y: f64\nend", "(struct Point x:f64 y:f64)")]
    [InlineData("struct Pair(a: i64, b: i64);", "(struct Pair a:i64 b:i64)")]
    [InlineData("struct Box<T>\n  value: T\nend", "(struct Box value:T)")]
    [InlineData("pub struct S pub a: i64 end", "(struct S a:i64)")]
    [InlineData("enum Shape\n    Circle(f64),\n    Rect(f64, f64),\n    Empty\nend", "(enum Shape Circle(f64) Rect(f64, f64) Empty)")]
    [InlineData("enum Color(Red, Green, Blue)", "(enum Color Red Green Blue)")]
    [InlineData("enum Option<T>\n  Some(T)\n  None\nend", "(enum Option Some(T) None)")]
    [InlineData("import std.io", "(import std.io)")]
    [InlineData("import std.io.{print, println}", "(import std.io {print println})")]
    public void Type_declarations_and_imports(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Fact]
    public void Impl_blocks_with_and_without_self()
    {
        const string code = """
            impl Point
                fn new(x, y) => Point(x: x, y: y)
                pub fn norm2(self) => self.x * self.x + self.y * self.y
                fn move_by(self, dx) self.x = self.x + dx end
            end
            """;
        Assert.Equal(
            "(impl Point (fn new (x y) (block (call Point x:x y:y))) (fn norm2 (self) (block (+ (* (.x self) (.x self)) (* (.y self) (.y self))))) " +
            "(fn move_by (self dx) (block (= (.x self) (+ (.x self) dx)))))",
            V.Tree(code));
        var (syntax, _) = VeldCompiler.Parse(V.Src(code));
        var impl = Assert.IsType<ImplDecl>(syntax.Statements[0]);
        Assert.Equal([false, true, true], impl.Methods.Select(m => m.HasSelf));
    }

    [Theory]
    [InlineData("f(1, 2)", "(call f 1 2)")]
    [InlineData("f()", "(call f)")]
    [InlineData("Point(x: 1, y: 2)", "(call Point x:1 y:2)")]
    [InlineData("p.move_by(1.0)", "(.move_by p 1.0)")]
    [InlineData("make().norm2()", "(.norm2 (call make))")]
    [InlineData("p.x", "(.x p)")]
    [InlineData("t.0", "(.0 t)")]
    [InlineData("t.0.1", "(.1 (.0 t))")]
    [InlineData("a[i][j]", "(index (index a i) j)")]
    [InlineData("x as int", "(as x int)")]
    [InlineData("f(a)(b)", "(call (call f a) b)")]
    [InlineData("std.io.println(1)", "(.println (.io std) 1)")]
    public void Postfix_forms(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Theory]
    [InlineData("[1, 2, 3]", "(array 1 2 3)")]
    [InlineData("[]", "(array)")]
    [InlineData("[1, 2,]", "(array 1 2)")]
    [InlineData("(1, \"a\")", "(tuple 1 \"a\")")]
    [InlineData("(x,)", "(tuple x)")]
    [InlineData("()", "()")]
    [InlineData("(x)", "x")]
    [InlineData("{}", "(map)")]
    [InlineData("{name: \"x\", age: 3}", "(map (\"name\" \"x\") (\"age\" 3))")]
    [InlineData("{1: \"a\", (1, 2): \"b\", \"k\": 3, k2 + 1: 4}", "(map (1 \"a\") ((tuple 1 2) \"b\") (\"k\" 3) ((+ k2 1) 4))")]
    [InlineData("'a'", "\"a\"")]
    [InlineData("true", "true")]
    [InlineData("2.5", "2.5")]
    public void Constructors_and_literals(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Theory]
    [InlineData("x |> f", "(call f x)")]
    [InlineData("x |> f(a)", "(call f x a)")]
    [InlineData("x |> obj.m(a)", "(.m obj x a)")]
    [InlineData("x |> f |> g(1)", "(call g (call f x) 1)")]
    [InlineData("xs\n  |> map(double)\n  |> sum", "(call sum (call map xs double))")]
    public void Pipelines_become_calls(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Fact]
    public void Pipeline_into_a_call_keeps_the_call_position_and_a_bare_callee_gets_the_operator_position()
    {
        var (syntax, _) = VeldCompiler.Parse(V.Src("x |> f(a)\ny |> g"));
        var first = Assert.IsType<CallExpr>(((ExprStmt)syntax.Statements[0]).Expr);
        var second = Assert.IsType<CallExpr>(((ExprStmt)syntax.Statements[1]).Expr);
        Assert.Equal(new SourcePos(1, 6), first.Pos);
        Assert.Equal(new SourcePos(2, 3), second.Pos);
    }

    [Theory]
    [InlineData("-9223372036854775808", "-9223372036854775808")]
    [InlineData("-5", "(neg 5)")]
    [InlineData("- -5", "(neg (neg 5))")]
    [InlineData("!done", "(not done)")]
    public void Unary_minus_folds_only_i64_min(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Theory]
    [InlineData("let x: Option<Option<i64>> = y", "(let x:Option<Option<i64>> y)")]
    [InlineData("let x: Map<str, [i64]> = y", "(let x:Map<str, [i64]> y)")]
    [InlineData("let f: fn(i32) -> i32 = g", "(let f:fn(i32) -> i32 g)")]
    [InlineData("let t: (i64, str) = y", "(let t:(i64, str) y)")]
    [InlineData("let u: i64 | str = y", "(let u:i64 | str y)")]
    [InlineData("let n: () = y", "(let n:() y)")]
    public void Type_annotations_are_kept_as_text(string code, string tree) => Assert.Equal(tree, V.Tree(code));

    [Fact]
    public void Type_refs_keep_the_head_name_of_simple_and_generic_types()
    {
        var (syntax, _) = VeldCompiler.Parse(V.Src("let a: Option<i64> = 1\nlet b: [i64] = 2"));
        Assert.Equal("Option", ((LetStmt)syntax.Statements[0]).Type!.Name);
        Assert.Null(((LetStmt)syntax.Statements[1]).Type!.Name);
    }

    [Fact]
    public void Semicolons_end_statements_and_are_ignored()
    {
        Assert.Equal("(let x 1)\n(let y 2)\n(call f x y)", V.Tree("let x = 1; let y = 2;\nf(x, y);;"));
    }

    [Fact]
    public void Statements_need_no_separator()
    {
        Assert.Equal("(do (let t 2) (* t 3))", V.Tree("do let t = 2  t * 3 end"));
    }

    [Fact]
    public void Expression_body_is_a_block_of_one_expression_statement()
    {
        var (syntax, _) = VeldCompiler.Parse(V.Src("fn f(x) => x + 1"));
        var body = ((FnDecl)syntax.Statements[0]).Function.Body;
        var stmt = Assert.IsType<ExprStmt>(Assert.Single(body.Statements));
        Assert.IsType<BinaryExpr>(stmt.Expr);
    }

    [Fact]
    public void Node_positions_point_at_the_operator_or_the_start()
    {
        var (syntax, _) = VeldCompiler.Parse(V.Src("let z = a +\n  b * c"));
        var add = Assert.IsType<BinaryExpr>(((LetStmt)syntax.Statements[0]).Value);
        Assert.Equal(new SourcePos(1, 11), add.Pos);
        Assert.Equal(new SourcePos(2, 5), add.Right.Pos);
        Assert.Equal(new SourcePos(1, 1), syntax.Statements[0].Pos);
    }
}
