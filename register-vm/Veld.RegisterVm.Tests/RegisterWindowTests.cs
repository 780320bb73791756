namespace Veld.RegisterVm.Tests;

/// <summary>
/// The dispatch loop reaches registers through a reference to the frame's first register, and a run's inline
/// caches are one per constant, shared by the sites that name it. These programs fail if the reference is not
/// derived again after the stack moves, or if a shared cache answers for the wrong type.
/// </summary>
public class RegisterWindowTests
{
    /// <summary>The callback of a builtin method recurses deep enough to reallocate the register stack (it starts
    /// at 256 slots); the caller's next Veld call reloads its registers from the new stack, so a result written
    /// through a stale reference into the old one would be lost.</summary>
    [Fact]
    public void ResultsOfABuiltinWhoseCallbackGrewTheStackSurviveTheNextCall()
    {
        const string source = """
            fn deep(n) => if n == 0 then 0 else 1 + deep(n - 1) end
            fn id(x) => x
            fn f()
                let xs = [1, 2].map(x => deep(1000) + x)
                let y = id(7)
                xs[0] + xs[1] + y
            end
            f()
            """;
        Assert.Equal("2010", Result(source));
    }

    /// <summary>The same with two more callbacks (reduce, then filter) in one frame, each followed by a Veld call.</summary>
    [Fact]
    public void ResultsOfSeveralBuiltinsWhoseCallbacksGrewTheStackSurviveTheNextCalls()
    {
        const string source = """
            fn deep(n) => if n == 0 then 0 else 1 + deep(n - 1) end
            fn id(x) => x
            fn f()
                let total = [3, 1, 2].reduce(0, (s, x) => s + deep(700) * 0 + x)
                let b = id(5)
                let kept = [1, 2, 3, 4].filter(x => deep(600) > 0 and x % 2 == 0)
                let c = id(11)
                total * 1000 + kept.len() * 100 + b + c
            end
            f()
            """;
        Assert.Equal("6216", Result(source));
    }

    /// <summary>Two GETFIELD and two SETFIELD sites of one function name <c>x</c>, which is field 0 of P and field 1
    /// of Q: they share one cache, which must miss and refill whenever the type changes.</summary>
    [Fact]
    public void FieldSitesSharingACacheAnswerForEachType()
    {
        const string source = """
            struct P
                x: i64
            end
            struct Q
                y: i64,
                x: i64
            end
            fn bump(a, b)
                a.x = a.x + 1
                b.x = b.x + 10
                a.x * 1000 + b.x
            end
            let p = P(x: 0)
            let q = Q(y: -1, x: 0)
            var last = 0
            for i in 0..3 do
                last = bump(p, q) + bump(q, p)
            end
            (last, p.x, q.x, q.y)
            """;
        Assert.Equal("(56065, 33, 33, -1)", Result(source));
    }

    /// <summary>Two METHODCALL sites of one function call <c>get</c> on alternating types through one shared cache.</summary>
    [Fact]
    public void MethodSitesSharingACacheCallEachTypesMethod()
    {
        const string source = """
            struct P
                v: i64
            end
            struct Q
                v: i64
            end
            impl P
                fn get(self) => self.v
            end
            impl Q
                fn get(self) => self.v * 100
            end
            fn both(a, b) => a.get() * 10000 + b.get()
            let p = P(v: 1)
            let q = Q(v: 2)
            (both(p, q), both(q, p), both(p, p), both(q, q))
            """;
        Assert.Equal("(10200, 2000001, 10001, 2000200)", Result(source));
    }
}
