namespace Veld.RegisterVm.Tests;

/// <summary>
/// METHODCALL's inline cache: a hit calls the cached impl method without a lookup or an arity check, so the cache
/// must hold only methods the site can call, and every type the site sees must still reach its own method.
/// </summary>
public class MethodCacheTests
{
    [Fact]
    public void ASiteOverMoreTypesThanTheCacheHoldsCallsEachTypesMethod()
    {
        const string source = """
            struct A(v: i64)
            struct B(v: i64)
            struct C(v: i64)
            struct D(v: i64)
            struct E(v: i64)
            impl A fn f(self) => self.v * 1 end
            impl B fn f(self) => self.v * 10 end
            impl C fn f(self) => self.v * 100 end
            impl D fn f(self) => self.v * 1000 end
            impl E fn f(self) => self.v * 10000 end
            let xs = [A(v: 1), B(v: 1), C(v: 1), D(v: 1), E(v: 1)]
            var total = 0
            for pass in 0..3 do
                for x in xs do total += x.f() end
            end
            total
            """;
        Assert.Equal("33333", Result(source));
    }

    [Fact]
    public void AMethodOfTheWrongArityIsNeverCalledFromTheCache()
    {
        // The site passes one argument: A's f fits, B's f (no argument) is an Arity error every time it is called,
        // before and after A's f is cached, and after B was seen at the site.
        const string source = """
            struct A(v: i64)
            struct B(v: i64)
            impl A fn f(self, n) => self.v + n end
            impl B fn f(self) => self.v end
            fn call(x) => try x.f(1) catch e e.kind end
            let b = B(v: 7)
            let a = A(v: 2)
            [call(b), call(a), call(b), call(a), call(b)]
            """;
        Assert.Equal("[\"Arity\", 3, \"Arity\", 3, \"Arity\"]", Result(source));
    }

    [Fact]
    public void ACachedSiteStillCallsAFunctionHeldInAField()
    {
        const string source = """
            struct S(f: fn() -> i64)
            impl S fn g(self) => 5 end
            fn call(s) => s.g() + s.f()
            let s = S(f: () => 10)
            call(s) + call(s)
            """;
        Assert.Equal("30", Result(source));
    }
}
