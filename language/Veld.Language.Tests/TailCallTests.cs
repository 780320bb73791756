using Veld.Language.Syntax;

namespace Veld.Language.Tests;

/// <summary>Tail positions of docs/SPEC.md section 6, as marked by the resolver.</summary>
public class TailCallTests
{
    private const string Prelude = "fn g(x) x end\nfn h(x) x end\nstruct S a: i64 end\nimpl S\n  fn make() => S(a: 1)\n  fn m(self) 1 end\nend\nenum E(A(i64))\n";

    /// <summary>Names of the callees of tail calls and of non-tail calls among the plain calls of g/h.</summary>
    private static (List<string> Tail, List<string> NotTail) Calls(string code)
    {
        var program = V.Ok(Prelude + code);
        var calls = V.All<CallExpr>(program).Where(c => c.Callee is NameExpr { Name: "g" or "h" }).ToList();
        return (calls.Where(c => c.IsTail).Select(Describe).ToList(), calls.Where(c => !c.IsTail).Select(Describe).ToList());
    }

    /// <summary><c>g1</c> for <c>g(1)</c>; <c>g</c> when the argument is not a literal.</summary>
    private static string Describe(CallExpr call) =>
        ((NameExpr)call.Callee).Name + (call.Args[0].Value is IntLiteral literal ? literal.Value.ToString() : "");

    [Theory]
    [InlineData("fn f() g(1) end", "g1", "")]
    [InlineData("fn f() => g(1)", "g1", "")]
    [InlineData("fn f() g(1)\n h(2) end", "h2", "g1")]
    [InlineData("fn f() 1 + g(1) end", "", "g1")]
    [InlineData("fn f() return g(1) end", "g1", "")]
    [InlineData("fn f(c) if c then return g(1) end\n h(2) end", "g1,h2", "")]
    [InlineData("fn f(c) if c then g(1) else if c then h(2) else g(3) end end", "g1,h2,g3", "")]
    [InlineData("fn f(c) if c then g(1) end end", "g1", "")]
    [InlineData("fn f(x) match x\n 1 => g(1),\n _ => do h(2)\n g(3) end\n end end", "g1,g3", "h2")]
    [InlineData("fn f() let a = 1 in g(1) end", "g1", "")]
    [InlineData("fn f() do g(1) end end", "g1", "")]
    [InlineData("fn f() try g(1) catch e h(2) end end", "", "g1,h2")]
    [InlineData("fn f() try return g(1) catch e 0 end end", "", "g1")]
    [InlineData("fn f() try () => g(1) catch e 0 end end", "g1", "")]
    [InlineData("fn f(c) while c do g(1) end end", "", "g1")]
    [InlineData("fn f() let x = g(1)\n x end", "", "g1")]
    [InlineData("fn f() g(h(1)) end", "g", "h1")]
    [InlineData("proc p() g(1) end", "", "g1")]
    [InlineData("proc p() return g(1) end", "", "g1")]
    [InlineData("g(1)", "", "g1")]
    [InlineData("let k = x => g(1)", "g1", "")]
    [InlineData("fn f() fn(x) g(1) end end", "g1", "")]
    public void Tail_positions(string code, string tail, string notTail)
    {
        var (tails, notTails) = Calls(code);
        static string Key(List<string> names) => string.Join(",", names);
        Assert.Equal(tail, Key(tails));
        Assert.Equal(notTail, Key(notTails));
    }

    [Fact]
    public void Method_calls_in_tail_position_are_marked_but_constructions_are_not()
    {
        var program = V.Ok(Prelude + "fn f(s) s.m() end\nfn f2() S.make() end\nfn f3() E.A(1) end\nfn f4() S(a: 2) end\nfn f5(s) 1 + s.m() end");
        var methods = V.All<MethodCallExpr>(program);
        Assert.True(methods.Single(m => m.Line == 9).IsTail);
        Assert.True(methods.Single(m => m.Line == 10).IsTail);
        Assert.False(methods.Single(m => m.Line == 11).IsTail);
        Assert.False(methods.Single(m => m.Line == 13).IsTail);
        Assert.False(V.All<CallExpr>(program).Single(c => c.Line == 12).IsTail);
    }
}
