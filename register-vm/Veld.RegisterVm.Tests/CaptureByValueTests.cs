namespace Veld.RegisterVm.Tests;

/// <summary>
/// Capture by value (<see cref="OptimizationPasses.CaptureByValue"/>): a closure copies a captured local that nothing
/// assigns once it holds its value, and shares through an open upvalue only what can still change (a <c>mut</c>
/// local) or is not written yet (a function that names itself).
/// </summary>
public class CaptureByValueTests
{
    private const string Source = """
        fn make_adder(k) => x => x + k
        fn counter()
            var n = 0
            () => do n += 1  n end
        end
        fn countdown(n)
            fn down(m) => if m == 0 then 0 else 1 + down(m - 1) end
            down(n)
        end
        fn loop_values()
            let fs = []
            for i in 0..3 do
                let ten = i * 10
                fs.push(() => ten + i)
            end
            fs.map(f => f())
        end
        let add2 = make_adder(2)
        let tick = counter()
        tick()
        (add2(40), tick(), countdown(5), loop_values())
        """;

    private const string Expected = "(42, 2, 5, [0, 11, 22])";

    private static UpvalueInfo Upvalue(RegisterProgram program, string name) =>
        program.Script.SelfAndDescendants().SelectMany(p => p.Upvalues).First(u => u.Name == name);

    [Fact]
    public void LocalsNothingAssignsAreCapturedByValue()
    {
        var program = CompileRegister(Source);
        Assert.True(Upvalue(program, "k") is { InStack: true, ByValue: true });
        Assert.True(Upvalue(program, "ten") is { InStack: true, ByValue: true });
        Assert.True(Upvalue(program, "i") is { InStack: true, ByValue: true });
    }

    [Fact]
    public void AMutableLocalAndAFunctionNamingItselfKeepAnOpenUpvalue()
    {
        var program = CompileRegister(Source);
        Assert.True(Upvalue(program, "n") is { InStack: true, ByValue: false });
        Assert.True(Upvalue(program, "down") is { InStack: true, ByValue: false });
        // A let whose value makes the closure is captured before its register holds it.
        var selfNaming = CompileRegister("fn f()\n    let g = m => if m == 0 then 0 else g(m - 1) end\n    g(3)\nend\nf()");
        Assert.True(Upvalue(selfNaming, "g") is { InStack: true, ByValue: false });
    }

    [Fact]
    public void ThePassOffSharesEveryCapturedLocal()
    {
        var off = PassListings.Compile(Source, PassListings.Off(OptimizationPasses.CaptureByValue));
        Assert.DoesNotContain(off.Script.SelfAndDescendants().SelectMany(p => p.Upvalues), u => u.ByValue);
    }

    [Fact]
    public void ClosuresSeeTheSameValuesEitherWay()
    {
        Assert.Equal(Expected, Result(Source));
        var off = TierHost.Run(new RegisterVmTier(PassListings.Off(OptimizationPasses.CaptureByValue)), Check(Source), new RunOptions());
        Assert.Equal(Expected, Display.ShowNested(off.Result));
    }

    [Fact]
    public void TheDisassemblyAndTheFileKeepTheCapture()
    {
        var program = CompileRegister(Source);
        Assert.Contains("\tk\tvalue\t0", Disassembler.Disassemble(program));
        var loaded = VeldcReader.Read(VeldcWriter.Write(program));
        Assert.True(Upvalue(loaded, "k") is { InStack: true, ByValue: true });
        Assert.True(Upvalue(loaded, "n") is { InStack: true, ByValue: false });
    }

    [Fact]
    public void CapturingTheClosuresOwnTargetByValueIsRejected()
    {
        var program = WithUpvaluesOf(CompileRegister(Source), "down", u => u with { ByValue = true });
        Assert.Contains(RegisterChecker.Check(program), v => v.ToString().Contains("captures its own target", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEnclosingUpvalueCannotBeCapturedByValue()
    {
        var program = WithUpvaluesOf(CompileRegister(Source), "k", u => u with { InStack = false, ByValue = true });
        var error = Assert.ThrowsAny<Exception>(() => ProgramVerifier.Verify(program));
        Assert.Contains("captured by value but is not a register", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The program with the descriptor of every upvalue called <paramref name="name"/> edited.</summary>
    private static RegisterProgram WithUpvaluesOf(RegisterProgram program, string name, Func<UpvalueInfo, UpvalueInfo> edit)
    {
        FunctionProto Rebuild(FunctionProto p) => new()
        {
            Name = p.Name, Line = p.Line, ParamCount = p.ParamCount, HasSelf = p.HasSelf, MaxStack = p.MaxStack,
            Code = p.Code, Lines = p.Lines, Columns = p.Columns, Constants = p.Constants, Locals = p.Locals,
            Protos = [.. p.Protos.Select(Rebuild)],
            Upvalues = [.. p.Upvalues.Select(u => u.Name == name ? edit(u) : u)],
        };
        return new RegisterProgram
        {
            Script = Rebuild(program.Script), GlobalNames = program.GlobalNames, UserGlobalCount = program.UserGlobalCount,
            Hoisted = program.Hoisted, Types = program.Types, Methods = program.Methods, Constructors = program.Constructors,
        };
    }
}
