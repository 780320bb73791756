namespace Veld.TreeWalk.Tests;

/// <summary>Functions, procs, lambdas, builtins as values, closures capturing by reference.</summary>
public class FunctionAndClosureTests
{
    [Fact]
    public void Function_forms()
    {
        Assert.Equal("(3, 7, 5, 6, 42, 9, 8, 9)", Result(SampleDeclarations.FunctionForms + """
            (add(1, 2), add2(3, 4), inc(4), add3(1, 2, 3), thunk(), blk(4), f(4), g(3))
            """));
    }

    [Fact]
    public void Proc_returns_unit_even_with_a_value()
    {
        var outcome = Succeeds("""
            proc log(msg) println(msg) end
            proc five() 5 end
            (log("hi"), five())
            """);
        Assert.Equal("hi\n", outcome.Stdout);
        Assert.Equal("((), ())", Display.Show(outcome.Result));
    }

    [Fact]
    public void Top_level_functions_are_hoisted() =>
        Assert.Equal("9\n", Stdout("println(sq(3))\nfn sq(x) x * x end"));

    [Fact]
    public void Pipeline_calls_the_right_side()
    {
        Assert.Equal("(10, 13)", Result("""
            fn double(x) x * 2 end
            fn add(x, y) x + y end
            (5 |> double, 5 |> double |> add(3))
            """));
    }

    [Fact]
    public void Builtins_and_functions_are_values()
    {
        Assert.Equal("x\n", Stdout("let p = println\np(\"x\")"));
        Assert.Equal("(\"<fn sq>\", \"<fn lambda@2>\", \"<builtin len>\")", Result("""
            fn sq(x) x * x end
            let l = x => x
            (sq.to_str(), l.to_str(), len.to_str())
            """));
    }

    [Fact]
    public void Wrong_argument_count_is_an_arity_error_at_the_call()
    {
        var outcome = FailsWith("fn f(a) a end\n\nf(1, 2)", ErrorKind.Arity, 3);
        Assert.Equal("f expects 1 argument(s), got 2", outcome.Error!.Message);
        FailsWith("let l = (a, b) => a\nl(1)", ErrorKind.Arity, 2);
        FailsWith("len(1, 2)", ErrorKind.Arity, 1);
    }

    [Fact]
    public void Calling_a_non_function_is_a_type_error() => FailsWith("let x = 1\nx(2)", ErrorKind.Type, 2);

    [Fact]
    public void Arguments_are_evaluated_before_the_arity_check()
    {
        var outcome = FailsWith("fn f(a) a end\nf(println(1), println(2))", ErrorKind.Arity, 2);
        Assert.Equal("1\n2\n", outcome.Stdout);
    }

    [Fact]
    public void Counter_closure_keeps_private_state()
    {
        Assert.Equal("3\n1\n", Stdout("""
            fn make_counter()
                var n = 0
                () => do n += 1  n end
            end
            let c = make_counter()
            c()
            c()
            println(c())
            let d = make_counter()
            println(d())
            """));
    }

    [Fact]
    public void Each_loop_iteration_captures_a_fresh_variable()
    {
        Assert.Equal("[0, 1, 2]\n[0, 10, 20]\n", Stdout("""
            let fs = []
            for i in 0..3 do
                fs.push(() => i)
            end
            println(fs.map(f => f()))
            let gs = []
            var j = 0
            while j < 3 do
                let k = j * 10
                gs.push(() => k)
                j += 1
            end
            println(gs.map(g => g()))
            """));
    }

    [Fact]
    public void Closures_share_captured_variables_by_reference()
    {
        Assert.Equal("(2, 5, 7)", Result("""
            fn make()
                var n = 0
                let inc = () => n += 1
                let get = () => n
                (inc, get)
            end
            let (inc, get) = make()
            inc()
            inc()
            fn write_through()
                var x = 1
                let set = v => x = v
                set(5)
                x
            end
            fn later_write()
                var x = 1
                let read = () => x
                x = 7
                read()
            end
            (get(), write_through(), later_write())
            """));
    }

    [Fact]
    public void Captured_parameters_and_nested_closures()
    {
        Assert.Equal("(15, 6)", Result("""
            fn adder(n) => x => y => n + x + y
            fn acc(start)
                var total = start
                let add = x => do total += x  total end
                add(1)
                add(2)
            end
            (adder(10)(2)(3), acc(3))
            """));
    }

    [Fact]
    public void Let_bound_lambdas_and_nested_fns_can_recurse()
    {
        Assert.Equal("(3628800, 55, 120)", Result("""
            let fact = n => if n < 2 then 1 else n * fact(n - 1) end
            fn outer()
                let fib = n => if n < 2 then n else fib(n - 1) + fib(n - 2) end
                fn f(n) if n < 2 then 1 else n * f(n - 1) end end
                (fib(10), f(5))
            end
            let (a, b) = outer()
            (fact(10), a, b)
            """));
    }

    [Fact]
    public void Let_initializer_reads_the_outer_binding()
    {
        Assert.Equal("(6, 2)", Result("""
            fn f()
                let p = 2
                let g = do
                    let p = p * 3
                    p
                end
                (g, p)
            end
            f()
            """));
    }
}
