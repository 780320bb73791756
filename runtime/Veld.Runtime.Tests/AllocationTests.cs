using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

/// <summary>The int/float/bool paths of the operators must not allocate: tiers call them in their inner loops.
/// Measured in bytes allocated by this thread (exact, not a timing).</summary>
public class AllocationTests
{
    private static long AllocatedBy(Action action)
    {
        action();   // warm up: JIT compilation and static initialisers may allocate once
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Arithmetic_comparison_and_equality_on_scalars_allocate_nothing()
    {
        var values = new[] { I(7), I(-3), F(2.5), F(-0.5), I(long.MaxValue) };
        var array = Arr(I(1), I(2), I(3));
        long sink = 0;
        long bytes = AllocatedBy(() =>
        {
            for (int round = 0; round < 100; round++)
            {
                foreach (var a in values)
                {
                    for (int j = 0; j < 4; j++)
                    {
                        var b = values[j];
                        if (a.IsInt && a.AsInt == long.MaxValue) continue;   // would overflow with +/*, tested elsewhere
                        sink += Operators.Add(a, b).IsInt ? 1 : 0;
                        sink += Operators.Sub(a, b).IsFloat ? 1 : 0;
                        sink += Operators.Mul(a, b).IsInt ? 1 : 0;
                        sink += Operators.Div(a, b).IsInt ? 1 : 0;
                        sink += Operators.Mod(a, b).IsInt ? 1 : 0;
                        sink += Operators.Less(a, b) ? 1 : 0;
                        sink += Operators.LessEqual(a, b) ? 1 : 0;
                        sink += Operators.Greater(a, b) ? 1 : 0;
                        sink += Operators.GreaterEqual(a, b) ? 1 : 0;
                        sink += Operators.Equal(a, b) ? 1 : 0;
                        sink += Operators.Pow(a, I(2)).IsInt ? 1 : 0;
                    }
                    sink += Operators.Negate(a).IsInt ? 1 : 0;
                    sink += Operators.Equal(a, B(true)) ? 1 : 0;
                }
                sink += Operators.BitXor(I(round), I(5)).AsInt + Operators.Shl(I(1), I(3)).AsInt + Operators.Shr(I(-8), I(1)).AsInt;
                sink += Operators.Not(B(false)).AsBool && Operators.Truth(B(true), "condition") ? 1 : 0;
                sink += Operators.GetIndex(array, I(round % 3)).AsInt;
                Operators.SetIndex(array, I(0), I(round));
            }
        });
        Assert.True(sink != 0);
        Assert.Equal(0, bytes);
    }
}
