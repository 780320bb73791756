namespace Veld.RegisterVm.Tests;

/// <summary>The luac -l style listing: headers, decoded operands with what they name, source lines, tables.</summary>
public class DisassemblerTests
{
    [Fact]
    public void ListingOfAProgramWithClosuresLoopsMatchAndTry()
    {
        const string source = """
            enum Shape
                Circle(f64),
                Dot
            end
            fn area(s) => match s
                Shape.Circle(r) => 3.0 * r * r,
                Shape.Dot => 0.0
            end
            fn counter()
                var n = 0
                () => do n += 1  n end
            end
            let tick = counter()
            var total = 0.0
            for i in 0..3 do
                total += area(Shape.Circle(i as f64))
            end
            let safe = try [1][5] catch e e.kind end
            println~("{total} {tick()} {safe}")
            """;
        Snapshot.Verify(Disassembler.Disassemble(CompileRegister(source)));
    }

    [Fact]
    public void EveryInstructionShowsItsSourceLine()
    {
        var program = CompileRegister("let a = args().len()\nlet b = a + 2\nprintln(b)");
        var lines = Disassembler.Disassemble(program, program.Script).Split('\n').Where(l => l.StartsWith('\t') && l.Contains('[')).ToList();
        Assert.Contains(lines, l => l.Contains("[1]\tCALLK"));
        Assert.Contains(lines, l => l.Contains("[2]\tADDI"));
        Assert.Contains(lines, l => l.Contains("[3]\tCALLK"));
    }
}
