using System.Reflection;
using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Jit.Tests;

/// <summary>
/// Compiled code calls the VM's helpers for its cold paths (general calls and returns, fields by name on a cache miss,
/// allocation, text, the clock's check) through <see cref="ColdCalls"/>, whose wrappers .NET may not inline into the
/// emitted methods (inlining them was two thirds of .NET's compile time of deltablue's code), and the paths still work.
/// </summary>
public class ColdCallTests
{
    private static readonly string[] ColdHelpers =
    [
        "CallFromCompiled", "TailCall", "ReturnValue", "GetField", "SetField",
        "NewStruct", "NewVariant", "NewArray", "NewTuple", "NewMap", "NewClosure", "Format", "Print",
    ];

    [Fact]
    public void The_emitter_gets_a_wrapper_dotnet_may_not_inline_for_each_cold_helper()
    {
        foreach (var name in ColdHelpers)
        {
            var method = VmMembers.Vm(name);
            Assert.Equal(typeof(ColdCalls), method.DeclaringType);
            Assert.True(method.MethodImplementationFlags.HasFlag(MethodImplAttributes.NoInlining), name);
        }
        Assert.Equal(typeof(ColdCalls), VmMembers.CheckClockNow.DeclaringType);
        // A hot helper stays the VM's own, for .NET to inline.
        Assert.Equal(typeof(RegisterMachine), VmMembers.Vm(nameof(RegisterMachine.Registers)).DeclaringType);
    }

    [Fact]
    public void Every_wrapper_takes_its_helpers_arguments_with_the_machine_first()
    {
        foreach (var wrapper in typeof(ColdCalls).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            Assert.True(wrapper.MethodImplementationFlags.HasFlag(MethodImplAttributes.NoInlining), wrapper.Name);
            var owner = wrapper.Name == nameof(ColdCalls.CheckClockNow) ? typeof(Veld.Runtime.ExecutionContext) : typeof(RegisterMachine);
            var helper = owner.GetMethod(wrapper.Name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)!;
            var expected = (helper.IsStatic ? [] : new[] { owner }).Concat(helper.GetParameters().Select(p => p.ParameterType));
            Assert.Equal(expected, wrapper.GetParameters().Select(p => p.ParameterType));
            Assert.Equal(helper.ReturnType, wrapper.ReturnType);
        }
    }

    /// <summary>A cache miss (two struct types at one field site), general calls of an interpreted callee, a tail call,
    /// every allocation, text and the clock's check.</summary>
    private const string ColdPaths = """
        struct P
            x: i64,
            y: i64
        end
        struct Q
            y: i64,
            x: i64
        end
        enum Shape
            Circle(i64),
            Square(i64)
        end
        fn pick(v) => v.y
        fn shift(v)
            v.x = v.x + 1
        end
        fn interpreted(n) => n * 2
        fn tail(n) => interpreted(n)
        fn work(n)
            var total = 0
            for i in 0..n do
                let p = if i % 2 == 0 then P(x: i, y: 1) else Q(y: 2, x: i) end
                shift(p)
                total = total + pick(p) + p.x + tail(i)
                let xs = [i, i + 1]
                let t = (i, 2)
                let m = {k: i}
                let s = if i % 3 == 0 then Shape.Circle(i) else Shape.Square(i) end
                let f = (a) => a + i
                total = total + xs[1] + t.1 + m["k"] + f(1)
                total = total + match s
                    Shape.Circle(r) => r,
                    Shape.Square(q) => 0 - q
                end
                if i % 50 == 0 then println~("{i}: {total}") end
            end
            total
        end
        println(work(200))
        """;

    [Theory]
    [InlineData(0, null)]
    [InlineData(10, null)]
    [InlineData(0, 1)]
    [InlineData(0, 2)]
    public void Cold_paths_through_the_wrappers_give_the_interpreters_results(int threshold, int? stress)
    {
        var options = new RunOptions { JitThreshold = threshold, JitStress = stress, Output = new StringWriter() };
        var (jit, stats) = JitRuns.Run(ColdPaths, options with { Output = new StringWriter() });
        var tree = JitRuns.Tree(ColdPaths, options with { Output = new StringWriter() });
        Assert.Equal(OutcomeKind.Success, tree.Kind);
        Assert.Equal(JitRuns.Observed(tree), JitRuns.Observed(jit));
        Assert.Contains(stats.Compiled, c => c.Name == "work");
    }

    [Fact]
    public void The_listing_names_the_wrappers_the_compiled_code_calls()
    {
        var listing = JitDisassembler.Disassemble(ProgramCompiler.Compile(JitRuns.Check(ColdPaths)));
        foreach (var name in new[] { "GetField", "SetField", "NewStruct", "NewArray", "NewTuple", "NewMap", "NewVariant", "NewClosure", "ReturnValue", "TailCall", "CallFromCompiled", "CheckClockNow" })
            Assert.Contains($"call ColdCalls.{name}", listing);
    }
}
