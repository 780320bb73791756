using Veld.Language.Syntax;

namespace Veld.Language.Tests;

/// <summary>Slots, scopes, upvalues and globals filled in by the resolver.</summary>
public class ResolverScopeTests
{
    private static VarRef RefOf(CheckedProgram program, string name, int line) =>
        Assert.Single(V.All<NameExpr>(program), n => n.Name == name && n.Line == line).Ref;

    [Fact]
    public void Parameters_take_the_first_slots_and_locals_follow()
    {
        var program = V.Ok("fn f(a, b)\n  let c = a + b\n  c\nend");
        var f = V.Function(program, "f");
        Assert.Equal([0, 1], f.Parameters.Select(p => p.Binding.Index));
        Assert.All(f.Parameters, p => Assert.Equal(BindingKind.Local, p.Binding.Kind));
        var c = Assert.Single(f.Body.Locals);
        Assert.Equal(("c", 2), (c.Name, c.Index));
        Assert.Equal(3, f.LocalCount);
        Assert.Equal(new VarRef(VarKind.Local, 1, f.Parameters[1].Binding), RefOf(program, "b", 2));
        Assert.Equal(VarKind.Local, RefOf(program, "c", 3).Kind);
    }

    [Fact]
    public void Slots_of_ended_scopes_are_reused()
    {
        var program = V.Ok("fn f()\n  do let a = 1 end\n  do let b = 2  let b2 = 3 end\n  let c = 3\nend");
        var f = V.Function(program, "f");
        var blocks = V.Nodes(f.Body).OfType<BlockExpr>().ToList();
        Assert.Equal(0, Assert.Single(blocks[0].Block.Locals).Index);
        Assert.Equal([0, 1], blocks[1].Block.Locals.Select(b => b.Index));
        Assert.Equal(0, Assert.Single(f.Body.Locals).Index);
        Assert.Equal(2, f.LocalCount);
    }

    [Fact]
    public void Let_initializer_reads_the_outer_binding()
    {
        var program = V.Ok("fn f(p)\n  let p = p * 3\n  p\nend");
        var f = V.Function(program, "f");
        Assert.Equal(0, RefOf(program, "p", 2).Index);   // the parameter
        Assert.Equal(1, RefOf(program, "p", 3).Index);   // the new let
        Assert.Equal(2, f.LocalCount);
    }

    [Fact]
    public void Shadowing_in_the_same_scope_makes_a_new_slot()
    {
        var program = V.Ok("fn f()\n  let x = 1\n  let x = x + 1\n  x\nend");
        var f = V.Function(program, "f");
        Assert.Equal([0, 1], f.Body.Locals.Select(b => b.Index));
        Assert.Equal(0, RefOf(program, "x", 3).Index);
        Assert.Equal(1, RefOf(program, "x", 4).Index);
    }

    [Fact]
    public void Captured_locals_become_upvalues()
    {
        var program = V.Ok("fn outer()\n  var n = 0\n  let inc = () => do n += 1  n end\n  inc\nend");
        var outer = V.Function(program, "outer");
        var n = outer.Body.Locals[0];
        Assert.True(n.IsCaptured);
        Assert.False(outer.Body.Locals[1].IsCaptured);
        var lambda = V.Nodes(outer.Body).OfType<FunctionNode>().Single();
        Assert.Equal([new UpvalueDesc(true, 0, n)], lambda.Upvalues);
        Assert.All(V.All<NameExpr>(program).Where(x => x.Name == "n"), x => Assert.Equal(new VarRef(VarKind.Upvalue, 0, n), x.Ref));
    }

    [Fact]
    public void Upvalues_chain_through_intermediate_functions()
    {
        var program = V.Ok("fn a()\n  let x = 1\n  let y = 2\n  fn b()\n    fn c() y + x end\n    c\n  end\n  b\nend");
        var b = V.Function(program, "b");
        var c = V.Function(program, "c");
        var a = V.Function(program, "a");
        Assert.Equal([new UpvalueDesc(true, 1, a.Body.Locals[1]), new UpvalueDesc(true, 0, a.Body.Locals[0])], b.Upvalues);
        Assert.Equal([new UpvalueDesc(false, 0, a.Body.Locals[1]), new UpvalueDesc(false, 1, a.Body.Locals[0])], c.Upvalues);
        Assert.Equal(VarKind.Upvalue, RefOf(program, "x", 5).Kind);
        Assert.Equal(1, RefOf(program, "x", 5).Index);
    }

    [Fact]
    public void A_variable_captured_twice_gets_one_upvalue()
    {
        var program = V.Ok("fn f(x)\n  () => x + x * x\nend");
        Assert.Single(V.Nodes(program.Script.Body).OfType<FunctionNode>().Single(fn => fn.IsLambda).Upvalues);
    }

    [Fact]
    public void Globals_are_never_upvalues()
    {
        var program = V.Ok("let g = 1\nfn f() () => g end");
        var lambda = V.Nodes(program.Script.Body).OfType<FunctionNode>().Single(fn => fn.IsLambda);
        Assert.Empty(lambda.Upvalues);
        Assert.Equal(VarKind.Global, RefOf(program, "g", 2).Kind);
    }

    [Fact]
    public void Top_level_declarations_are_globals_in_source_order()
    {
        var program = V.Ok("let a = 1\nfn f() a end\nvar (b, c) = (2, 3)\nconst D = 4\nproc p() end");
        Assert.Equal(["a", "f", "b", "c", "D", "p"], program.Globals.Select(g => g.Binding.Name));
        Assert.Equal([0, 1, 2, 3, 4, 5], program.Globals.Select(g => g.Index));
        Assert.All(program.Globals, g => Assert.Equal((BindingKind.Global, g.Index), (g.Binding.Kind, g.Binding.Index)));
        Assert.Equal([false, true, false, false, false, true], program.Globals.Select(g => g.HoistedFunction is not null));
        Assert.Same(program.Globals[1].Binding, ((FnDecl)program.Syntax.Statements[1]).Binding);
        Assert.Equal([false, false, true, true, false, false], program.Globals.Select(g => g.Binding.IsMutable));
        Assert.Empty(program.Script.Body.Locals);
    }

    [Fact]
    public void Hoisted_functions_are_usable_before_their_text()
    {
        var program = V.Ok("let r = later(1)\nfn later(x) x end");
        Assert.Equal(new VarRef(VarKind.Global, 1, program.Globals[1].Binding), RefOf(program, "later", 1));
    }

    [Fact]
    public void Top_level_code_sees_a_global_only_after_its_declaration()
    {
        Assert.Equal("1:9: undeclared name 'x'", V.FirstError("println(x)\nlet x = 1"));
        Assert.Equal("1:9: undeclared name 'x'", V.FirstError("let x = x + 1"));
        Assert.Equal("2:7: undeclared name 'y'", V.FirstError("for i in 0..2 do\n  i + y\nend\nlet y = 1"));
    }

    [Fact]
    public void Function_bodies_see_globals_declared_later()
    {
        var program = V.Ok("let is_even = n => if n == 0 then true else is_odd(n - 1) end\nlet is_odd = n => if n == 0 then false else is_even(n - 1) end");
        Assert.Equal(new VarRef(VarKind.Global, 1, program.Globals[1].Binding), RefOf(program, "is_odd", 1));
        Assert.Equal(new VarRef(VarKind.Global, 0, program.Globals[0].Binding), RefOf(program, "is_even", 2));
    }

    [Fact]
    public void A_shadowed_global_resolves_to_the_latest_before_the_reference()
    {
        var program = V.Ok("fn early() x end\nlet x = 1\nlet x = x + 1\nfn late() x end");
        Assert.Equal(1, RefOf(program, "x", 1).Index); // no x before: the first one after
        Assert.Equal(1, RefOf(program, "x", 3).Index); // the initializer reads the previous x
        Assert.Equal(2, RefOf(program, "x", 4).Index);
    }

    [Fact]
    public void Let_bound_lambdas_can_recurse()
    {
        var program = V.Ok("fn f()\n  let fact = n => if n < 2 then 1 else n * fact(n - 1) end\n  fact(5)\nend\nlet top = n => top(n)");
        var f = V.Function(program, "f");
        var fact = f.Body.Locals[0];
        Assert.True(fact.IsCaptured);
        Assert.Equal(new VarRef(VarKind.Upvalue, 0, fact), RefOf(program, "fact", 2));
        Assert.Equal(VarKind.Global, RefOf(program, "top", 5).Kind);
    }

    [Fact]
    public void Only_a_function_initializer_sees_its_own_binding()
    {
        Assert.Equal("2:11: undeclared name 'g'", V.FirstError("fn f()\n  let g = g\nend"));
        Assert.Equal("3:22: undeclared name 'h'", V.FirstError("fn make(f) f end\nfn f()\n  let h = make(() => h)\nend"));
    }

    [Fact]
    public void Nested_fn_is_a_local_visible_in_its_own_body_but_not_before_it()
    {
        var program = V.Ok("fn f()\n  fn g(n) if n == 0 then 0 else g(n - 1) end end\n  g(3)\nend");
        var f = V.Function(program, "f");
        var fnDecl = Assert.IsType<FnDecl>(f.Body.Statements[0]);
        Assert.Equal((BindingKind.Local, 0, true), (fnDecl.Binding!.Kind, fnDecl.Binding.Index, fnDecl.Binding.IsCaptured));
        Assert.Same(fnDecl.Binding, f.Body.Locals[0]);
        Assert.Equal("2:3: undeclared name 'g'", V.FirstError("fn f()\n  g()\n  fn g() 1 end\nend"));
    }

    [Fact]
    public void Builtins_resolve_unless_shadowed()
    {
        var program = V.Ok("println(len([1]))\nfn max(a, b) a end\nmax(1, 2)");
        Assert.Equal(new VarRef(VarKind.Builtin, -1, null, "println"), RefOf(program, "println", 1));
        Assert.Equal(new VarRef(VarKind.Builtin, -1, null, "len"), RefOf(program, "len", 1));
        Assert.Equal(VarKind.Global, RefOf(program, "max", 3).Kind);
    }

    [Fact]
    public void Locals_of_top_level_blocks_belong_to_the_script()
    {
        var program = V.Ok("let fns = []\nfor i in 0..3 do\n  let y = i * 2\n  fns.push(() => y + i)\nend");
        var loop = V.All<ForExpr>(program).Single();
        Assert.Equal(["i", "y"], loop.Body.Locals.Select(b => b.Name));
        Assert.Equal([0, 1], loop.Body.Locals.Select(b => b.Index));
        Assert.All(loop.Body.Locals, b => Assert.True(b.IsCaptured));
        Assert.Equal(2, program.Script.LocalCount);
        var lambda = V.Nodes(program.Script.Body).OfType<FunctionNode>().Single();
        Assert.Equal([new UpvalueDesc(true, 1, loop.Body.Locals[1]), new UpvalueDesc(true, 0, loop.Body.Locals[0])], lambda.Upvalues);
        Assert.Equal(VarKind.Global, RefOf(program, "fns", 4).Kind);
    }

    [Fact]
    public void Match_arm_let_in_and_catch_bindings_live_in_their_own_scopes()
    {
        var program = V.Ok("""
            fn f(v)
              let a = match v
                (x, y) where x > y => x
                z => z
              end
              let b = let (p, q) = v in p + q
              try a catch e e end
            end
            """);
        var f = V.Function(program, "f");
        var arms = V.Nodes(f.Body).OfType<MatchArm>().ToList();
        Assert.Equal([["x", "y"], ["z"]], arms.Select(arm => arm.Locals.Select(b => b.Name).ToList()));
        Assert.Equal([1, 2], arms[0].Locals.Select(b => b.Index));
        Assert.Equal(1, arms[1].Locals[0].Index);
        var letIn = V.Nodes(f.Body).OfType<LetInExpr>().Single();
        Assert.Equal([2, 3], letIn.Locals.Select(b => b.Index)); // a is slot 1, so p and q follow it
        var tryExpr = V.Nodes(f.Body).OfType<TryExpr>().Single();
        Assert.Same(tryExpr.CatchBinding, Assert.Single(tryExpr.Handler.Locals));
        Assert.Equal(3, tryExpr.CatchBinding!.Index);
        Assert.Equal(4, f.LocalCount);
    }

    [Fact]
    public void Self_is_parameter_zero_and_closures_capture_it()
    {
        var program = V.Ok("struct P x: i64 end\nimpl P\n  fn get(self) => () => self.x\nend");
        var get = V.Function(program, "get");
        Assert.Equal(("self", 0), (get.Parameters[0].Binding.Name, get.Parameters[0].Binding.Index));
        Assert.True(get.Parameters[0].Binding.IsCaptured);
        var lambda = V.Nodes(get.Body).OfType<FunctionNode>().Single();
        Assert.Equal([new UpvalueDesc(true, 0, get.Parameters[0].Binding)], lambda.Upvalues);
    }

    [Fact]
    public void Methods_are_attached_to_their_type_with_an_owner()
    {
        var program = V.Ok("struct P x: i64 end\nimpl P\n  fn a(self) 1 end\nend\nimpl P\n  fn b() 2 end\nend\nenum E(X)\nimpl E fn c(self) 3 end end");
        var p = Assert.IsType<StructDecl>(program.Types.Single(t => t.Name == "P"));
        Assert.Equal(["a", "b"], p.Methods.Select(m => m.Name));
        Assert.All(p.Methods, m => Assert.Same(p, m.Owner));
        var e = program.Types.Single(t => t.Name == "E");
        Assert.Equal("c", Assert.Single(e.Methods).Name);
    }

    [Fact]
    public void Types_have_dense_ids_with_the_builtin_error_struct_first()
    {
        var program = V.Ok("struct A x: i64 end\nenum B(X, Y)\nstruct C(y: i64);");
        Assert.Equal(["Error", "A", "B", "C"], program.Types.Select(t => t.Name));
        Assert.Equal([0, 1, 2, 3], program.Types.Select(t => t.TypeId));
        Assert.Same(program.ErrorStruct, program.Types[0]);
        Assert.Equal(["kind", "message", "line"], program.ErrorStruct.Fields.Select(f => f.Name));
    }

    [Fact]
    public void The_script_is_a_parameterless_function_over_the_top_level_statements()
    {
        var program = V.Ok("let x = 1\nx + 1");
        Assert.True(program.Script.IsScript);
        Assert.Empty(program.Script.Parameters);
        Assert.Same(program.Syntax.Statements, program.Script.Body.Statements);
        Assert.Equal("test.veld", program.FileName);
    }

    [Fact]
    public void A_global_named_in_any_function_body_is_marked_and_one_named_only_at_top_level_is_not()
    {
        var program = V.Ok(string.Join("\n",
            "let only_top = 1",
            "let in_fn = 2",
            "let in_lambda = 3",
            "let in_method = 4",
            "let in_nested = 5",
            "struct P",
            "  x: i64",
            "end",
            "impl P",
            "  fn get(self) => self.x + in_method",
            "end",
            "fn f() in_fn end",
            "let g = () => in_lambda",
            "fn outer()",
            "  fn inner() in_nested end",
            "  inner()",
            "end",
            "println(only_top + f() + g() + P(x: 1).get() + outer())"));
        var marked = program.Globals.ToDictionary(g => g.Binding.Name, g => g.Binding.IsNamedInFunction);
        Assert.False(marked["only_top"]);
        Assert.True(marked["in_fn"]);
        Assert.True(marked["in_lambda"]);
        Assert.True(marked["in_method"]);
        Assert.True(marked["in_nested"]);
        Assert.False(marked["f"]); // functions named only by top-level calls
        Assert.False(marked["g"]);
    }
}
