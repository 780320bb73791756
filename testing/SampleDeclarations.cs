namespace Veld.Testing;

/// <summary>
/// Veld declarations that tests of several layers build their programs on (front end, tree-walk, stack VM):
/// one text, so that a program means the same in each. Each ends with a newline, so they concatenate.
/// </summary>
internal static class SampleDeclarations
{
    /// <summary>Every way to write a function: named with a block or an arrow, typed, lambdas of each arity, a block body, anonymous fn.</summary>
    public const string FunctionForms = """
        fn add(a, b) a + b end
        fn add2(a: i64, b: i64) -> i64 => a + b
        let inc = x => x + 1
        let add3 = (a, b, c) => a + b + c
        let thunk = () => 42
        let blk = x => do let y = x * 2  y + 1 end
        let f = fn(x) x * 2 end
        let g = fn(x) => x * 3

        """;

    /// <summary>A struct with a constructor, a pure method and a mutating one.</summary>
    public const string Point = """
        struct Point
            x: f64,
            y: f64
        end
        impl Point
            fn new(x, y) => Point(x: x, y: y)
            fn norm2(self) => self.x * self.x + self.y * self.y
            fn move_by(self, dx) self.x = self.x + dx end
        end

        """;

    /// <summary>An enum with payload and unit variants, and a match over it with a guard and a bare variant name.
    /// The unguarded Rect arm adds 0.5, so that a square's area (9.0, not 9.5) shows the guard was taken.</summary>
    public const string Shape = """
        enum Shape
            Circle(f64),
            Rect(f64, f64),
            Empty
        end
        fn area(s) => match s
            Shape.Circle(r) => 3.0 * r * r,
            Shape.Rect(w, h) where w == h => w * w,
            Rect(w, h) => w * h + 0.5,
            _ => 0.0
        end

        """;
}
