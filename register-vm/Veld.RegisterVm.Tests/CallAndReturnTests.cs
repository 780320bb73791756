namespace Veld.RegisterVm.Tests;

/// <summary>
/// The call and return paths' cheap cases (PERFORMANCE.md, register section 1, "Session 11: what a call costs"): a
/// frame push whose room test is also the bounds check, a return that closes upvalues and drops handlers only behind
/// a count test, and the depth and fuel errors built out of line. Each test covers a case the fast path must not lose.
/// </summary>
public class CallAndReturnTests
{
    [Fact]
    public void AReturnUnderACallersTryKeepsThatHandler()
    {
        // inner returns while outer's handler is above the activation's floor: the return must drop only its own frame's
        // handlers, so the throw after it is still caught by outer.
        const string source = """
            fn inner(x) x + 1 end
            fn outer()
                let r = try
                    let a = inner(1)
                    if a == 2 then throw "after" end
                    a
                catch e
                    e
                end
                r
            end
            outer()
            """;
        Assert.Equal("\"after\"", Result(source));
    }

    [Fact]
    public void AReturnClosesTheUpvaluesOfItsFrameBeforeTheSlotsAreReused()
    {
        // n is assigned after its capture, so it is a shared upvalue (not captured by value); the second call reuses
        // the first call's stack slots, so an upvalue left open would read 110 for both.
        const string source = """
            fn make(start)
                var n = start
                let get = () => n
                n += 10
                get
            end
            let a = make(1)
            let b = make(100)
            (a(), b())
            """;
        Assert.Equal("(11, 110)", Result(source));
    }

    [Fact]
    public void RecursionPastTheInitialFrameArrayReturnsEveryResult()
    {
        // 64 frames are allocated at first: depths 63 to 65 and 129 cross a growth of the frame array.
        const string source = "fn sum(n) if n == 0 then 0 else n + sum(n - 1) end end\n(sum(62), sum(63), sum(64), sum(128), sum(300))";
        Assert.Equal("(1953, 2016, 2080, 8256, 45150)", Result(source));
    }

    [Theory]
    [InlineData("let down = n => if n == 0 then 0 else 1 + down(n - 1) end\ndown(N)")]
    [InlineData("struct S(k: i64)\nimpl S\n    fn down(self, n) if n == 0 then 0 else 1 + self.down(n - 1) end end\nend\nS(k: 0).down(N)")]
    public void TheDepthLimitIsExactThroughLambdasAndCachedMethods(string source)
    {
        var options = new RunOptions { MaxCallDepth = 100 };
        Assert.Equal(OutcomeKind.Success, Run(source.Replace("N", "99"), options).Kind);
        var error = Run(source.Replace("N", "100"), options).Error;
        Assert.Equal("StackOverflow", error?.Kind);
        Assert.Equal("call depth limit of 100 exceeded", error?.Message);
    }

    [Fact]
    public void FuelRunsOutAtACallWithItsOwnError()
    {
        const string source = "fn f(n) if n == 0 then 0 else f(n - 1) + 1 end end\nf(1000)";
        var error = Run(source, new RunOptions { Fuel = 50 }).Error;
        Assert.Equal("LimitExceeded", error?.Kind);
        Assert.Equal("fuel exhausted", error?.Message);
    }
}
