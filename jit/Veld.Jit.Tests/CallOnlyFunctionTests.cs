using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// The cost model's rule for small functions without loops (<see cref="CallOnlyFunctions"/>): one that compiled code
/// could only call through a general call (its caller compiled before it, or the callee in a register) stays
/// interpreted however hot it gets; a longer one, or one that calls itself, still compiles by itself.
/// </summary>
public class CallOnlyFunctionTests
{
    private static readonly RunOptions Threshold10 = new() { JitThreshold = 10 };

    /// <summary>`work` compiles after 10 iterations, before it first calls `g` (so no proto is known at its register call
    /// site, which stays a general call: <see cref="ClosureCalls"/>); `f` is then called from compiled code 2,900 times,
    /// almost three times the 1,000 calls a function without loops needs at threshold 10.</summary>
    private static string CalledThroughARegister(string body) => $$"""
        fn f(x)
            {{body}}
        end
        fn work(n, g)
            var s = 0
            for i in 0..n do
                if i >= 100 then s = g(s) end
            end
            s
        end
        work(3000, f)
        """;

    [Fact]
    public void A_small_function_called_from_compiled_code_through_a_register_stays_interpreted()
    {
        var order = CostModelTests.CompiledInOrder(CalledThroughARegister("x * 2 % 1000 + 1"), Threshold10);
        Assert.Equal(["work"], order);
    }

    [Fact]
    public void A_function_longer_than_the_small_bound_compiles_by_itself()
    {
        const string body = "let y = x * 3 % 1000 + x % 7 - x % 11 + x % 13 - x % 17\n    y - x * 3 % 1000 - x % 7 + x % 11 - x % 13 + x % 17 + x + 1";
        var order = CostModelTests.CompiledInOrder(CalledThroughARegister(body), Threshold10);
        Assert.Equal(["work", "f"], order);
    }

    [Fact]
    public void A_small_function_that_calls_itself_compiles_by_itself()
    {
        const string source = """
            fn count(n) => if n == 0 then 0 else 1 + count(n - 1) end
            count(50)
            """;
        Assert.Equal(["count"], CostModelTests.CompiledInOrder(source, Threshold10));
    }
}
