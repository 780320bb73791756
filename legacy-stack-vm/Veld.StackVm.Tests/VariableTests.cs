namespace Veld.StackVm.Tests;

/// <summary>LOAD/STORE_LOCAL, LOAD/STORE_GLOBAL, LOAD/STORE_UPVALUE, CLOSE_UPVALUE, CLOSURE.</summary>
public class VariableTests
{
    [Fact]
    public void Globals_locals_and_shadowing()
    {
        const string source = """
            let p = 2
            let p = p * 3
            let r = do let p = p + 1  p * 10 end
            (p, r)
            """;
        Assert.Equal("(6, 70)", Veld.Result(source));
    }

    [Fact]
    public void Reading_a_global_before_its_declaration_ran_is_a_value_error()
    {
        var error = Veld.Error("fn f() => later + 1\nlet x = f()\nlet later = 5");
        Assert.Equal(("Value", 1), (error.Kind, error.Line));
        Assert.Equal("global 'later' read before its declaration ran", error.Message);
    }

    [Fact]
    public void Writing_a_global_before_its_declaration_is_allowed()
    {
        Assert.Equal("(1, 2)", Veld.Result("fn set() g = 1 end\nfn read() => g\nset()\nlet before = read()\nvar g = 2\n(before, g)"));
    }

    [Fact]
    public void Closures_share_captured_variables_by_reference()
    {
        const string source = """
            fn counter()
                var n = 0
                let inc = () => do n += 1  n end
                let get = () => n
                (inc, get)
            end
            let (inc, get) = counter()
            inc()
            inc()
            get()
            """;
        Assert.Equal("2", Veld.Result(source));
    }

    [Fact]
    public void Each_iteration_has_its_own_loop_variable_and_body_locals()
    {
        const string source = """
            let fs = []
            for i in 0..3 do
                let j = i * 10
                fs.push(() => i + j)
            end
            var k = 0
            while k < 3 do
                let m = k
                fs.push(() => m)
                k += 1
            end
            fs.map(f => f())
            """;
        Assert.Equal("[0, 11, 22, 0, 1, 2]", Veld.Result(source));
    }

    [Fact]
    public void Upvalues_are_closed_on_continue_and_break()
    {
        const string source = """
            let fs = []
            for i in 0..4 do
                let v = i
                fs.push(() => v)
                if i == 1 then continue end
                if i == 2 then break end
            end
            fs.map(f => f())
            """;
        Assert.Equal("[0, 1, 2]", Veld.Result(source));
    }

    [Fact]
    public void A_closure_made_in_a_scope_keeps_its_value_after_the_slot_is_reused()
    {
        const string source = """
            var f = () => 0
            do
                let a = 1
                f = () => a
            end
            do
                let b = 99
                b
            end
            f()
            """;
        Assert.Equal("1", Veld.Result(source));
    }

    [Fact]
    public void Let_bound_lambdas_and_nested_functions_can_recurse()
    {
        const string source = """
            fn outer()
                let fact = n => if n < 2 then 1 else n * fact(n - 1) end
                fn fib(n) => if n < 2 then n else fib(n - 1) + fib(n - 2) end
                (fact(10), fib(15))
            end
            outer()
            """;
        Assert.Equal("(3628800, 610)", Veld.Result(source));
    }

    [Fact]
    public void Nested_closures_capture_through_upvalues()
    {
        const string source = """
            fn make()
                var x = 1
                () => () => do x += 1  x end
            end
            let g = make()()
            g()
            g()
            """;
        Assert.Equal("3", Veld.Result(source));
    }

    [Fact]
    public void Compound_assignment_reads_the_target_before_evaluating_the_value()
    {
        const string source = """
            var x = 1
            fn bump()
                x = 100
                5
            end
            x += bump()
            let a = [1, 2]
            fn bump2()
                a[0] = 100
                5
            end
            a[0] += bump2()
            (x, a)
            """;
        Assert.Equal("(6, [6, 2])", Veld.Result(source));
        Assert.Equal(Veld.Result(source), global::Veld.Runtime.Display.Show(Veld.RunTree(source).Result));
    }

    [Fact]
    public void Compound_index_assignment_fails_on_the_missing_key_before_the_value_runs()
    {
        const string source = "let m = {a: 1}\nfn f()\n  println(\"f ran\")\n  1\nend\nm[\"b\"] += f()";
        var outcome = Veld.Run(source);
        Assert.Equal("", outcome.Stdout);
        Assert.Equal("Key", outcome.Error!.Kind);
    }
}
