using Veld.RegisterVm;

namespace Veld.Jit.Tests;

/// <summary>
/// When .NET compiles the emitted IL to machine code (<see cref="Compilation"/>): on the VM's thread at the method's first
/// call, so a method that is never called (a frame entry when compiled code calls only the direct entry) costs its
/// emission only; on a background thread at once, so that thread pays for all of it.
/// </summary>
public class NativeCompileTimingTests
{
    private const string Source = """
        fn add_up(n)
            var s = 0
            for i in 0..n do s = s + i * 3 % 7 end
            s
        end
        add_up(10)
        """;

    /// <summary>How many methods .NET compiles on this thread while <paramref name="proto"/> is emitted once.</summary>
    private static long MethodsCompiledByOneEmission(RegisterProgram program, FunctionProto proto, bool nativeNow)
    {
        var plan = TypePlan.For(proto, program, new HashSet<int>());
        long before = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        var code = DirectLinking.Compile(proto, plan, generation: 0, stress: false, nativeNow, new JitStatistics(),
            _ => null, _ => [], _ => null, new HashSet<int>(), out _);
        Assert.NotNull(code);
        return System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - before;
    }

    [Fact]
    public void A_foreground_compilation_leaves_the_machine_code_to_the_first_call_and_a_background_one_makes_it_now()
    {
        var program = RegisterVmTier.CompileVerified(JitRuns.Check(Source), optimizations: null, checkRegisters: false).Program;
        var proto = program.Script.SelfAndDescendants().Single(p => p.Name == "add_up");
        // The emitters' own methods are compiled by .NET at their first use: emit twice before counting.
        MethodsCompiledByOneEmission(program, proto, nativeNow: false);
        MethodsCompiledByOneEmission(program, proto, nativeNow: true);
        Assert.Equal(0, MethodsCompiledByOneEmission(program, proto, nativeNow: false));
        Assert.True(MethodsCompiledByOneEmission(program, proto, nativeNow: true) >= 1);
    }

    [Fact]
    public void A_foreground_run_reports_the_native_compile_time_of_the_first_calls_on_its_thread()
    {
        var loop = "fn spin(n)\n    var s = 0\n    for i in 0..n do s = s + i end\n    s\nend\nspin(200000)\n";
        var (_, foreground) = JitRuns.Run(loop, new Veld.Runtime.RunOptions { JitThreshold = 10 });
        Assert.Equal(1, foreground.FunctionsCompiled);
        // Nothing was forced after emission; .NET compiled the method at its first call, on the VM's thread, in the run.
        Assert.All(foreground.Compiled, c => Assert.Equal(0, c.NativeMs));
        Assert.True(foreground.VmThreadNativeMs > 0);
        Assert.Equal(foreground.VmThreadNativeMs, foreground.NativeCompileMs);
    }
}
