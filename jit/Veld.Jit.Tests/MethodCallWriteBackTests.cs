using System.Text;
using Veld.RegisterVm;

namespace Veld.Jit.Tests;

/// <summary>
/// A METHODCALL linked to its methods' direct entries writes none of the caller's typed registers back before the
/// direct call (as a linked CALLG): only the general path, a bail and an error write them. Checked on the IL listing of
/// the caller compiled with its site linked, and on the results of a callee that bails or raises.
/// </summary>
public class MethodCallWriteBackTests
{
    private const string Program = """
        struct Sq
            side: i64
        end
        impl Sq
            fn area(self) => self.side * self.side
        end
        fn total(shapes, passes)
            var s = 0
            var k = 0
            for p in 0..passes do
                k += 2
                for shape in shapes do s += shape.area() + k end
            end
            s
        end
        println(total([Sq(side: 3)], 100))
        """;

    /// <summary>The IL of <c>total</c>'s METHODCALL from its bytecode comment to the inline method lookup.</summary>
    private static string BeforeTheLookup(string source)
    {
        var program = ProgramCompiler.Compile(JitRuns.Check(source));
        var protos = program.Script.SelfAndDescendants().ToList();
        var total = protos.Single(p => p.Name == "total");
        var area = protos.Single(p => p.Name == "area");
        var stats = new JitStatistics();
        var none = new HashSet<int>();
        DirectEntry? EntryOf(FunctionProto p) => DirectLinking.CompileEntry(p, TypePlan.For(p, program, none), generation: 0, stress: false,
            stats, _ => null, _ => [], _ => null, none);
        var listing = new StringBuilder();
        Assert.NotNull(DirectLinking.Compile(total, TypePlan.For(total, program, none), generation: 0, stress: false, nativeNow: false, stats,
            _ => null, _ => [area], EntryOf, none, out _, listing));
        var text = listing.ToString();
        int call = text.IndexOf(": MethodCall", StringComparison.Ordinal);
        Assert.True(call >= 0, "no METHODCALL in the listing");
        int lookup = text.IndexOf(nameof(RegisterMachine.LinkedMethodOf), call, StringComparison.Ordinal);
        Assert.True(lookup >= 0, "the site is not linked");
        return text[call..lookup];
    }

    [Fact]
    public void A_linked_method_call_writes_no_typed_register_back_before_the_call()
    {
        Assert.DoesNotContain("stobj", BeforeTheLookup(Program));
    }

    [Fact]
    public void A_function_whose_catch_reads_typed_registers_writes_them_back_before_the_call()
    {
        var caught = Program.Replace("""
                for shape in shapes do s += shape.area() + k end
            """, """
                try
                    for shape in shapes do s += shape.area() + k end
                catch e
                    s = k
                end
            """);
        Assert.NotEqual(Program, caught);
        Assert.Contains("stobj", BeforeTheLookup(caught));
    }
}
