using Veld.Testing;

namespace Veld.StackVm.Tests;

/// <summary>Disassembly snapshots of representative programs: the encoding and the compiler's code shapes.</summary>
public class DisassemblyTests
{
    public static TheoryData<string> Programs() => [.. Sources.Keys];

    private static readonly Dictionary<string, string> Sources = new()
    {
        ["arithmetic"] = """
            fn poly(x, y)
                let s = x * x + 2 * x * y
                s - y / 3 % 2
            end
            poly(3, 4.5)
            """,
        ["if_chain"] = """
            fn sign(n) => if n < 0 then -1 else if n == 0 then 0 else 1 end
            sign(-3)
            """,
        ["while_break_continue"] = """
            var i = 0
            var odd = 0
            while true do
                i += 1
                if i > 9 then break end
                if i % 2 == 0 then continue end
                odd += i
            end
            odd
            """,
        ["for_closures"] = """
            let fs = []
            for i in 0..3 do
                let sq = i * i
                fs.push(() => sq + i)
            end
            fs.map(f => f())
            """,
        ["upvalues"] = """
            fn counter()
                var n = 0
                () => do n += 1  n end
            end
            let c = counter()
            c()
            c()
            """,
        ["tail_calls"] = """
            fn sum(n, acc) => if n == 0 then acc else sum(n - 1, acc + n) end
            fn even(n) => match n
                0 => true,
                _ => odd(n - 1)
            end
            fn odd(n) => if n == 0 then false else even(n - 1) end
            (sum(100, 0), even(10))
            """,
        // A static and a dynamic method call, a compound assignment to a field, named arguments out of field order.
        ["structs"] = SampleDeclarations.Point + """
            let p = Point.new(1.0, 2.0)
            p.move_by(0.5)
            p.x += 0.25
            (p.norm2(), Point(y: 2.0, x: 1.0))
            """,
        ["enums_match"] = SampleDeclarations.Shape + """
            fn pair(t) => match t
                (0, _) => "zero",
                (1..=9, (a, "x")) => "digit",
                _ => "other"
            end
            (area(Shape.Rect(2.0, 3.0)), pair((3, (1, "x"))), Shape.Empty)
            """,
        ["collections"] = """
            let a = [1, 2, 3]
            let m = {name: "veld", 1: (2, 3)}
            a[0] += 10
            m.name = m.name + "!"
            let t = m[1]
            (a, m, t.1, 0..=2, 1.9 as int)
            """,
        ["try_catch"] = """
            fn risky(n) => if n > 2 then throw "big" else 10 / n end
            let r = try
                let k = risky(3)
                k
            catch e
                "caught " + e
            end
            let z = try risky(0) catch e e.kind end
            (r, z)
            """,
        ["macros"] = """
            let name = "veld"
            let n = 3
            println~("hello {name}, {n + 1}!")
            print~("{} and {}", n, name)
            let s = format~("<{n}>")
            assert~(n > 2, "n too small: " + s)
            assert~(true)
            """,
        ["logic_and_compound_order"] = """
            var x = 1
            fn f() => do x = 10  2 end
            let ok = x > 0 and (x < 5 or f() == 2)
            x += f()
            let a = [1]
            a[0] -= f()
            (ok, x, a)
            """,
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void Disassembly_is_stable(string name)
    {
        var source = Sources[name];
        var program = Veld.Compile(source);
        Snapshot.Verify(Disassembler.Disassemble(program), variant: name);
        foreach (var chunk in program.AllChunks()) CodeVerifier.Verify(chunk);
        // The program behind each snapshot runs, and agrees with the tree-walk tier.
        var stack = Veld.Run(source);
        var tree = Veld.RunTree(source);
        Assert.Equal(tree.Kind, stack.Kind);
        Assert.Equal(tree.Stdout, stack.Stdout);
        Assert.Equal(global::Veld.Runtime.Display.Show(tree.Result), global::Veld.Runtime.Display.Show(stack.Result));
    }
}
