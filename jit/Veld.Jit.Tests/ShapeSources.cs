namespace Veld.Jit.Tests;

/// <summary>Struct types with an <c>area</c> method each, for tests of method sites over several receiver types.</summary>
internal static class ShapeSources
{
    public const string SquareAndRect = """
        struct Square
            side: i64
        end
        impl Square
            fn area(self) => self.side * self.side
        end
        struct Rect
            w: i64,
            h: i64
        end
        impl Rect
            fn area(self) => self.w * self.h
        end

        """;

    public const string SquareRectCircle = SquareAndRect + """
        struct Circle
            r: i64
        end
        impl Circle
            fn area(self) => 3 * self.r * self.r
        end

        """;
}
