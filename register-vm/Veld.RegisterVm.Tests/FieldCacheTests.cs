namespace Veld.RegisterVm.Tests;

/// <summary>
/// GETFIELD/SETFIELD's cache hit in the dispatch loop reads and writes the field at the cached index without looking
/// the name up, so it must take that index only for a struct of the cached type: a site that sees two struct types
/// whose field of that name sits at different indices must read and write each one's own field, and a value that is
/// not a struct must still reach the general path's error.
/// </summary>
public class FieldCacheTests
{
    private const string TwoLayouts = """
        struct A(x: f64, y: f64)
        struct B(y: f64, z: f64, x: f64)
        fn get_x(p) => p.x
        fn set_x(p, v)
            p.x = v
        end

        """;

    [Fact]
    public void ASiteReadsTheFieldOfEachTypeItSees()
    {
        const string source = TwoLayouts + """
            let a = A(x: 1.5, y: 2.5)
            let b = B(y: 10.0, z: 20.0, x: 30.0)
            [get_x(a), get_x(a), get_x(b), get_x(b), get_x(a)]
            """;
        Assert.Equal("[1.5, 1.5, 30.0, 30.0, 1.5]", Result(source));
    }

    [Fact]
    public void ASiteWritesTheFieldOfEachTypeItSees()
    {
        const string source = TwoLayouts + """
            let a = A(x: 1.5, y: 2.5)
            let b = B(y: 10.0, z: 20.0, x: 30.0)
            set_x(a, 4.0)
            set_x(a, 5.0)
            set_x(b, 6)
            set_x(a, 7.0)
            set_x(b, 8.0)
            [a.x, a.y, b.y, b.z, b.x]
            """;
        Assert.Equal("[7.0, 2.5, 10.0, 20.0, 8.0]", Result(source));
    }

    [Fact]
    public void AnIntStoredOverAFloatFieldStaysAnInt()
    {
        const string source = TwoLayouts + """
            let a = A(x: 1.5, y: 2.5)
            set_x(a, 1.0)
            set_x(a, 3)
            get_x(a) + 1
            """;
        Assert.Equal("4", Result(source));
    }

    [Fact]
    public void AValueThatIsNotAStructAfterAHitRaisesTheFieldError()
    {
        const string source = TwoLayouts + """
            let a = A(x: 1.5, y: 2.5)
            get_x(a)
            [get_x(a), try get_x(5) catch e e.kind end, try get_x((1, 2)) catch e e.kind end]
            """;
        Assert.Equal("[1.5, \"Field\", \"Field\"]", Result(source));
    }
}
