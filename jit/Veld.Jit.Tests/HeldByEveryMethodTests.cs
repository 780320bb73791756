using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// A loop whose METHODCALL site calls a hot interpreted method waits for it (<see cref="InterpretedCallees.Holding"/>)
/// whichever of the site's methods the cache found first: a site judged by its first method alone let the loop compile
/// while the hot method was interpreted, and left compiled code for the VM's trampoline at every call until the loop was
/// compiled again to link it (deltablue's `execute_plan`, section 35 of docs/PERFORMANCE.md).
/// </summary>
public class HeldByEveryMethodTests
{
    private static readonly RunOptions Threshold10 = new() { JitThreshold = 10, JitBackground = false };

    /// <summary>The site finds `Cold.step` first (iteration 0, then every 100th) and `Hot.step` at every other iteration.</summary>
    private const string Source = """
        struct Cold
            v: i64
        end
        struct Hot
            v: i64
        end
        impl Cold
            fn step(self, x) => x + self.v
        end
        impl Hot
            fn step(self, x) => x * 3 % 1000 + self.v
        end
        fn work(n)
            let cold = Cold(v: 1)
            let hot = Hot(v: 2)
            var s = 0
            for i in 0..n do
                let o = if i % 100 == 0 then cold else hot end
                s = o.step(s)
            end
            s
        end
        println(work(3600))
        """;

    [Fact]
    public void A_loop_waits_for_the_hot_method_its_site_found_second_and_compiles_once_with_it()
    {
        var (_, stats) = JitRuns.RunAgreeing(Source, Threshold10);
        // Judged by `Cold.step` alone: `work`, then `step` (hot in compiled code's general calls), then `work` again.
        Assert.Equal(["step", "work"], stats.Compiled.Select(c => c.Name));
        Assert.Equal(0, stats.CallersRecompiled);
    }
}
