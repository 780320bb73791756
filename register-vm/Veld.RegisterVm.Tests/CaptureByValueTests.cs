namespace Veld.RegisterVm.Tests;

/// <summary>
/// Capture by value (<see cref="OptimizationPasses.CaptureByValue"/>): a closure copies a captured local that nothing
/// assigns once it holds its value into itself (<see cref="FunctionProto.Captures"/>, read by GETCAPT), and shares
/// through an open upvalue only what can still change (a <c>mut</c> local) or is not written yet (a function that
/// names itself).
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

    /// <summary>Where <paramref name="name"/> is captured: (true, descriptor) when some closure copies it by value,
    /// (false, descriptor) when one shares it through an upvalue.</summary>
    private static (bool ByValue, UpvalueInfo Info) Capture(RegisterProgram program, string name)
    {
        var protos = program.Script.SelfAndDescendants().ToList();
        var captured = protos.SelectMany(p => p.Captures).Where(u => u.Name == name).ToList();
        var shared = protos.SelectMany(p => p.Upvalues).Where(u => u.Name == name).ToList();
        Assert.True(captured.Count == 0 || shared.Count == 0, $"{name} is both captured by value and shared");
        return captured.Count > 0 ? (true, captured[0]) : (false, Assert.Single(shared.Take(1)));
    }

    /// <summary>The nested function whose code reads <paramref name="name"/>.</summary>
    private static FunctionProto Reader(RegisterProgram program, string name) =>
        program.Script.SelfAndDescendants().First(p => p.Captures.Any(u => u.Name == name) || p.Upvalues.Any(u => u.Name == name));

    [Fact]
    public void LocalsNothingAssignsAreCapturedByValueAndReadByGetCapt()
    {
        var program = CompileRegister(Source);
        Assert.True(Capture(program, "k") is (true, { InStack: true }));
        Assert.True(Capture(program, "ten") is (true, { InStack: true }));
        Assert.True(Capture(program, "i") is (true, { InStack: true }));
        var adder = Reader(program, "k");
        Assert.Contains(OpCode.GetCapt, Opcodes(adder));
        Assert.DoesNotContain(OpCode.GetUpval, Opcodes(adder));
        Assert.Empty(adder.Upvalues);
    }

    [Fact]
    public void AMutableLocalAndAFunctionNamingItselfKeepAnOpenUpvalue()
    {
        var program = CompileRegister(Source);
        Assert.True(Capture(program, "n") is (false, { InStack: true }));
        Assert.True(Capture(program, "down") is (false, { InStack: true }));
        Assert.DoesNotContain(OpCode.GetCapt, Opcodes(Reader(program, "n")));
        Assert.DoesNotContain(OpCode.GetCapt, Opcodes(Reader(program, "down")));
        // A let whose value makes the closure is captured before its register holds it.
        var selfNaming = CompileRegister("fn f()\n    let g = m => if m == 0 then 0 else g(m - 1) end\n    g(3)\nend\nf()");
        Assert.True(Capture(selfNaming, "g") is (false, { InStack: true }));
        Assert.DoesNotContain(OpCode.GetCapt, Opcodes(selfNaming));
    }

    [Fact]
    public void AValueCapturedByValueIsCopiedAgainByANestedClosure()
    {
        const string nested = "fn outer(k) => () => () => k + 1\nouter(41)()()";
        var program = CompileRegister(nested);
        var innermost = program.Script.SelfAndDescendants().Single(p => p.Protos.Length == 0 && p.Captures.Length == 1);
        Assert.True(innermost.Captures is [{ InStack: false, Index: 0, Name: "k" }]);
        Assert.Equal("42", Result(nested));
    }

    [Fact]
    public void AClosureCapturingOnlyValuesHoldsThemWithoutUpvalueObjects()
    {
        var outcome = Run("fn make_adder(k) => x => x + k\nmake_adder(7)");
        var closure = Assert.IsType<Closure>(outcome.Result.AsObject);
        Assert.Empty(closure.Upvalues);
        Assert.Equal(7, Assert.Single(closure.Captured).AsInt);
    }

    [Fact]
    public void ThePassOffSharesEveryCapturedLocal()
    {
        var off = PassListings.Compile(Source, PassListings.Off(OptimizationPasses.CaptureByValue));
        Assert.All(off.Script.SelfAndDescendants(), p => Assert.Empty(p.Captures));
        Assert.DoesNotContain(OpCode.GetCapt, Opcodes(off));
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
        string listing = Disassembler.Disassemble(program);
        Assert.Contains("captured (1) for lambda@1:\n\t0\tk\tregister\t0", listing);
        Assert.Contains("GETCAPT", listing);
        var loaded = VeldcReader.Read(VeldcWriter.Write(program));
        Assert.True(Capture(loaded, "k") is (true, { InStack: true }));
        Assert.True(Capture(loaded, "n") is (false, { InStack: true }));
        Assert.Equal(Disassembler.Disassemble(program), Disassembler.Disassemble(loaded));
    }

    [Fact]
    public void AFileOfTheFormatBeforeGetCaptIsRefused()
    {
        var file = VeldcWriter.Write(CompileRegister(Source));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), 4);
        var error = Assert.Throws<VeldcFormatException>(() => VeldcReader.Read(file));
        Assert.Contains("version 4 (this build reads version 5): the file comes from an older build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CapturingTheClosuresOwnTargetByValueIsRejected()
    {
        var program = WithCapturesOf(CompileRegister(Source), "down", toValue: true, u => u);
        Assert.Contains(RegisterChecker.Check(program), v => v.ToString().Contains("captures its own target", StringComparison.Ordinal));
    }

    [Fact]
    public void ACaptureOfAnEnclosingCaptureOutOfRangeIsRejected()
    {
        var program = WithCapturesOf(CompileRegister(Source), "k", toValue: false, u => u with { InStack = false, Index = 9 });
        var error = Assert.ThrowsAny<Exception>(() => ProgramVerifier.Verify(program));
        Assert.Contains("refers to captured value 9 of make_adder, out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetCaptPastTheClosuresCapturesIsRejected()
    {
        var program = CompileRegister(Source);
        var adder = Reader(program, "k");
        int pc = Array.FindIndex(adder.Code, w => Instruction.Op(w) == OpCode.GetCapt);
        uint word = adder.Code[pc];
        adder.Code[pc] = Instruction.ABC(OpCode.GetCapt, Instruction.A(word), 1, 0);
        var error = Assert.ThrowsAny<Exception>(() => ProgramVerifier.Verify(program));
        Assert.Contains("captured value 1 out of range (1 captured)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The program with every capture called <paramref name="name"/> edited, and moved to the captured values
    /// (<paramref name="toValue"/>, read by GETCAPT; only for a function with no other capture) or kept where it is.</summary>
    private static RegisterProgram WithCapturesOf(RegisterProgram program, string name, bool toValue, Func<UpvalueInfo, UpvalueInfo> edit)
    {
        FunctionProto Rebuild(FunctionProto p) => new()
        {
            Name = p.Name, Line = p.Line, ParamCount = p.ParamCount, HasSelf = p.HasSelf, MaxStack = p.MaxStack,
            Code = [.. p.Code.Select(w => toValue && Instruction.Op(w) == OpCode.GetUpval && p.Upvalues[Instruction.B(w)].Name == name
                ? Instruction.ABC(OpCode.GetCapt, Instruction.A(w), p.Captures.Length, 0) : w)],
            Lines = p.Lines, Columns = p.Columns, Constants = p.Constants, Locals = p.Locals,
            Protos = [.. p.Protos.Select(Rebuild)],
            Upvalues = [.. p.Upvalues.Where(u => !(toValue && u.Name == name)).Select(u => u.Name == name ? edit(u) : u)],
            Captures = [.. p.Captures.Select(u => u.Name == name ? edit(u) : u),
                        .. p.Upvalues.Where(u => toValue && u.Name == name).Select(edit)],
        };
        return new RegisterProgram
        {
            Script = Rebuild(program.Script), GlobalNames = program.GlobalNames, UserGlobalCount = program.UserGlobalCount,
            Hoisted = program.Hoisted, Types = program.Types, Methods = program.Methods, Constructors = program.Constructors,
        };
    }
}
