namespace Veld.Language.Tests;

/// <summary>Valid programs covering every construct; the seeds of the mutation property.</summary>
internal static class SamplePrograms
{
    public static readonly string[] All =
    [
        SampleDeclarations.FunctionForms + """
        proc log(msg) println(msg) end
        println(add(1, 2), add2(3, 4), inc(5), add3(1, 2, 3), thunk(), blk(2), f(3), g(4))
        """,
        SampleDeclarations.Point + SampleDeclarations.Shape + """
        struct Pair(a: i64, b: i64);
        let p = Point.new(3.0, 4.0)
        p.move_by(1.0)
        enum Color(Red, Green, Blue)
        println(area(Shape.Circle(2.0)), Color.Red, Pair(a: 1, b: 2), p.norm2())
        """,
        """
        var total = 0
        for i in 0..10 do
            if i % 2 == 0 then continue end
            total += i
            if total > 20 then break end
        end
        var n = 0
        while n < 3 do n += 1 end
        let m = {name: "x", age: 3}
        for (k, v) in m do println~("{k} = {v}") end
        let v = do let t = 2  t * 3 end
        let w = let t = 2 in t * 3
        let (a, (b, _)) = (1, (2, 3))
        let s = if n < 0 then "neg" else if n == 0 then "zero" else "pos" end
        let r = try 1 / 0 catch e e.message end
        let xs = [1, 2, 3] |> len
        let q = -2 *^ 3 *^ 2
        println~("x = {} and {}", a, b)
        assert~(v == 6, "six")
        import std.io.{print, println}
        std.io.println(format~("{s} {r} {xs} {q}"), 'c', 0xFF, 0b101, 1_000, 2.5e3, t(1).0)
        fn t(x) (x, x + 1) end
        -9223372036854775808
        """,
        """
        let is_even = n => if n == 0 then true else is_odd(n - 1) end
        let is_odd = n => if n == 0 then false else is_even(n - 1) end
        fn counter()
            var count = 0
            let next = () => do count += 1  count end
            next
        end
        fn fact(n) => if n < 2 then 1 else n * fact(n - 1) end
        fn loop_sum(n, acc)
            if n == 0 then return acc end
            loop_sum(n - 1, acc + n)
        end
        let c = counter()
        c()
        println(is_even(10), fact(5), loop_sum(100, 0), c(), [1, 2, 3].map(x => x * x).filter(x => x > 1))
        let matrix = [[1, 2], [3, 4]]
        matrix[0][1] = 5
        let nested = match (1, "a")
            (1, "a") => "one",
            (n, _) where n > 1 => "many",
            _ => "none"
        end
        nested
        """,
    ];
}
