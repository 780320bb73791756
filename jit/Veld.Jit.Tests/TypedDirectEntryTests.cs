using System.Text;
using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>fib's direct entry as a run compiles it (its parameter profiled int, docs/PERFORMANCE.md JIT section 33):
/// <c>n - 1</c> and <c>n - 2</c> need no overflow test once <c>n &lt; 2</c> failed on a typed <c>n</c>, the entry makes no
/// room in the register stack per call (only its paths out do), and its RETURN leaves with no exit code.</summary>
public class TypedDirectEntryTests
{
    private const string Fib = """
        fn fib(n)
            if n < 2 then n else fib(n - 1) + fib(n - 2) end
        end
        println(fib(20))
        """;

    /// <summary>The listing of fib's direct entry, compiled with the profile a run gives it (<c>n</c> seen holding ints;
    /// <c>veld disasm</c> has no profile, so there <c>n</c> stays boxed).</summary>
    private static string DirectEntryListing()
    {
        var program = ProgramCompiler.Compile(JitRuns.Check(Fib));
        var fib = program.Script.SelfAndDescendants().Single(p => p.Name == "fib");
        var profile = new SeenKinds[fib.MaxStack];
        profile[0] = SeenKinds.Int;
        // As JitCompiler plans a function calling itself: its calls return the kind its other RETURN does.
        var assumed = TypePlan.For(fib, program, new HashSet<int>(), profile).SomeReturnKind(fib);
        Assert.Equal(RegisterKind.Int, assumed);
        var calls = Enumerable.Range(0, fib.Code.Length).Where(pc => Instruction.Op(fib.Code[pc]) == OpCode.CallG)
            .ToDictionary(pc => pc, _ => RegisterKind.Int);
        var plan = TypePlan.For(fib, program, new HashSet<int>(), profile, calls);
        var hoisted = program.Hoisted.ToDictionary(h => h.GlobalIndex, h => program.Script.Protos[h.ProtoIndex]);
        var listing = new StringBuilder();
        Assert.NotNull(DirectLinking.Compile(fib, plan, generation: 0, stress: false, nativeNow: false, new JitStatistics(),
            hoisted.GetValueOrDefault, _ => [], _ => null, DirectLinking.FixedGlobals(program), out var self, listing));
        Assert.True(self is { Frameless: true, ReturnKind: RegisterKind.Int });
        var text = listing.ToString();
        int start = text.IndexOf("direct entry (calls from compiled code; no frame):", StringComparison.Ordinal);
        int end = text.IndexOf("frame entry:", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start);
        return text[start..end];
    }

    [Fact]
    public void The_subtractions_from_a_typed_parameter_past_its_test_have_no_overflow_test()
    {
        var entry = DirectEntryListing();
        Assert.DoesNotContain("overflow_3", entry); // n - 1
        Assert.DoesNotContain("overflow_5", entry); // n - 2
        Assert.Contains("overflow_7", entry); // fib(n - 1) + fib(n - 2): any two ints
    }

    [Fact]
    public void The_entry_makes_stack_room_only_on_its_way_out()
    {
        var entry = DirectEntryListing();
        Assert.Contains("RegisterMachine.EnterFramelessTyped", entry);
        Assert.DoesNotContain("RegisterMachine.EnterFrameless\n", entry.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("RegisterMachine.Registers\n", entry.ReplaceLineEndings("\n"));
        Assert.Contains("RegisterMachine.RegistersWithRoom", entry); // the deoptimisations' and bails' flushes
    }

    [Fact]
    public void The_return_leaves_without_an_exit_code()
    {
        var entry = DirectEntryListing();
        Assert.Contains("leave returned", entry);
        Assert.DoesNotContain("ldc.i4.s -3", entry); // CompiledExit.Next, stored and tested per call before
    }

    /// <summary>Fuel running out inside the typed entries (the parameter profiled int before fib compiles, threshold 20)
    /// stops where the register VM's does: each entry ticks at its call as the VM does.</summary>
    [Fact]
    public void Fuel_runs_out_inside_the_typed_entries_as_on_the_register_VM()
    {
        const string source = """
            fn fib(n)
                if n < 2 then n else fib(n - 1) + fib(n - 2) end
            end
            var s = 0
            for i in 0..16 do s = s + fib(i) end
            println(s)
            """;
        bool typed = false;
        for (long fuel = 400; fuel <= 12_000; fuel += 97)
        {
            var options = new RunOptions { JitThreshold = 20, Fuel = fuel, JitBackground = false };
            var (outcome, stats) = JitRuns.Run(source, options);
            Assert.Equal(JitRuns.Observed(JitRuns.Register(source, options)), JitRuns.Observed(outcome));
            typed |= stats.Compiled.Any(c => c.Assumptions.Contains("r0:int"));
        }
        Assert.True(typed);
    }
}
