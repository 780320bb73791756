using Veld.Language.Syntax;

namespace Veld.RegisterVm.Tests;

/// <summary>The compiler's binding-to-register table, keyed by the resolver's slot and global numbers.</summary>
public class BindingRegistersTests
{
    private static Binding Local(string name, int slot) => new() { Name = name, Kind = BindingKind.Local, Index = slot };

    [Fact]
    public void ALocalWhoseSlotALaterLocalTookIsStillFound()
    {
        // let x = { let y = 1; y }: x is placed first, then y, which the resolver gave x's slot.
        var table = new BindingRegisters();
        var x = Local("x", 0);
        var y = Local("y", 0);
        table.Set(x, 3);
        table.Set(y, 4);

        Assert.True(table.TryGet(x, out int rx));
        Assert.Equal(3, rx);
        Assert.True(table.TryGet(y, out int ry));
        Assert.Equal(4, ry);

        table.Set(x, 5); // placed again: the latest register wins wherever the entry is
        Assert.True(table.TryGet(x, out rx));
        Assert.Equal(5, rx);
        table.Set(y, 6);
        Assert.True(table.TryGet(x, out rx));
        Assert.Equal(5, rx);
    }

    [Fact]
    public void LocalsAndGlobalsOfTheSameNumberAreApartAndClearForgetsBoth()
    {
        var table = new BindingRegisters();
        var local = Local("a", 40);
        var global = new Binding { Name = "g", Kind = BindingKind.Global, Index = 40 };
        table.Set(local, 1);
        table.Set(global, 2);
        Assert.True(table.TryGet(local, out int rl) && rl == 1);
        Assert.True(table.TryGet(global, out int rg) && rg == 2);

        table.Clear();
        Assert.False(table.TryGet(local, out _));
        Assert.False(table.TryGet(global, out _));
    }

    [Fact]
    public void AProgramWhoseLocalsReuseTheSlotOfTheLocalTheyInitialiseRuns()
    {
        string source = """
            fn run()
                let x = do
                    let y = 5
                    y + 1
                end
                let f = do
                    let z = 2
                    (n) => if n == 0 then z else n * x end
                end
                println(x, f(0), f(3))
            end
            run()
            """;
        Assert.Equal("6 2 18\n", TestSupport.Output(source));
    }
}
