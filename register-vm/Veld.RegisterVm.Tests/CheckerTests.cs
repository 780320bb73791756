using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm.Tests;

/// <summary>
/// The bytecode checker and verifier reject broken prototypes. Each test compiles a valid program,
/// breaks one function in one way, and expects that exact problem to be reported.
/// </summary>
public class CheckerTests
{
    private const string Source = """
        fn f(a, b)
            let x = a * 2
            let y = x + b
            println(y)
            x + y
        end
        f(1, 2)
        """;

    /// <summary>The program with function f's code (and optionally its frame size) replaced.</summary>
    private static RegisterProgram WithF(Func<uint[], uint[]> edit, int? maxStack = null) => WithCode(Source, "f", edit, maxStack);

    /// <summary><paramref name="source"/> compiled, with top-level function <paramref name="name"/>'s code replaced
    /// (each word on the function's line, unless <paramref name="lines"/> gives them).</summary>
    internal static RegisterProgram WithCode(string source, string name, Func<uint[], uint[]> edit, int? maxStack = null, int[]? lines = null)
    {
        var program = CompileRegister(source);
        var protos = program.Script.Protos.Select(p =>
        {
            if (p.Name != name) return p;
            var code = edit([.. p.Code]);
            return new FunctionProto
            {
                Name = p.Name, Line = p.Line, ParamCount = p.ParamCount, HasSelf = p.HasSelf,
                MaxStack = maxStack ?? p.MaxStack, Code = code, Lines = lines ?? [.. Enumerable.Repeat(p.Line, code.Length)],
                Constants = p.Constants, Protos = p.Protos, Upvalues = p.Upvalues, Captures = p.Captures, Locals = p.Locals,
            };
        }).ToArray();
        var script = program.Script;
        var newScript = new FunctionProto
        {
            Name = script.Name, Line = script.Line, ParamCount = 0, MaxStack = script.MaxStack, Code = script.Code,
            Lines = script.Lines, Constants = script.Constants, Protos = protos, Upvalues = script.Upvalues, Captures = script.Captures, Locals = script.Locals,
        };
        return new RegisterProgram
        {
            Script = newScript, GlobalNames = program.GlobalNames, UserGlobalCount = program.UserGlobalCount,
            Hoisted = program.Hoisted, Types = program.Types, Methods = program.Methods, Constructors = program.Constructors,
        };
    }

    private static int RegisterOfLocal(string name) => Proto(CompileRegister(Source), "f").Locals.Single(l => l.Name == name).Register;

    private static string Violations(RegisterProgram program) => string.Join("\n", RegisterChecker.Check(program));

    [Fact]
    public void TheCompilersOutputIsProven()
    {
        Assert.Empty(RegisterChecker.Check(CompileRegister(Source)));
        Assert.Empty(RegisterChecker.Check(WithF(code => code)));
    }

    [Fact]
    public void ReadingARegisterNoPathWroteIsRejected()
    {
        var program = WithF(code => [ABC(OpCode.Add, 2, 0, 4), ABC(OpCode.Return, 2, 0, 0)], maxStack: 6);
        Assert.Contains("ADD reads r4, which is not written on every path", Violations(program));
    }

    [Fact]
    public void ARegisterWrittenOnOnlyOnePathIsRejected()
    {
        var program = WithF(code =>
        [
            ABC(OpCode.EqI, 0, OffsetSC, 0, k: true),   // if a == 0
            SJ(OpCode.Jmp, 1),                          //   skip the write
            ABC(OpCode.LoadTrue, 3, 0, 0),
            ABC(OpCode.Return, 3, 0, 0),                // r3 is undefined on the jump path
        ], maxStack: 4);
        Assert.Contains("RETURN reads r3", Violations(program));
    }

    [Fact]
    public void OverwritingALiveImmutableLocalIsRejected()
    {
        int x = RegisterOfLocal("x");
        var program = WithF(code =>
        {
            int last = code.Length - 1;
            return [.. code[..last], AsBx(OpCode.LoadI, x, 99), code[last]];
        });
        Assert.Contains($"LOADI overwrites live immutable local 'x' in r{x}", Violations(program));
    }

    [Fact]
    public void ACallWindowOverALiveLocalIsRejected()
    {
        int x = RegisterOfLocal("x"), y = RegisterOfLocal("y");
        Assume(y > x);
        var program = WithF(code =>
        {
            int last = code.Length - 1;
            // A call whose window starts at x clobbers y above it while y is still live.
            return [.. code[..last], ABC(OpCode.CallG, x, 0, 0), code[last]];
        });
        Assert.Contains($"CALLG window at r{x} overlaps live local 'y' in r{y}", Violations(program));
    }

    [Fact]
    public void EndTryOutsideATryIsRejected()
    {
        var program = WithF(code => [ABC(OpCode.EndTry, 0, 0, 0), .. code]);
        Assert.Contains("ENDTRY outside any try", Violations(program));
    }

    [Fact]
    public void OperandsOutOfRangeAreRejectedBeforeTheVmSeesThem()
    {
        Assert.Contains("outside the frame", Verify(WithF(code => [ABC(OpCode.Move, 0, 200, 0), .. code])));
        Assert.Contains("outside the code", Verify(WithF(code => [SJ(OpCode.Jmp, 1000), .. code])));
        Assert.Contains("constant 77 out of range", Verify(WithF(code => [ABx(OpCode.LoadK, 0, 77), .. code])));
        Assert.Contains("global 99 out of range", Verify(WithF(code => [ABx(OpCode.GetGlobal, 0, 99), .. code])));
        Assert.Contains("upvalue 3 out of range", Verify(WithF(code => [ABC(OpCode.GetUpval, 0, 3, 0), .. code])));
        Assert.Contains("proto 5 out of range", Verify(WithF(code => [ABx(OpCode.Closure, 0, 5), .. code])));
    }

    [Fact]
    public void MalformedControlFlowIsRejected()
    {
        Assert.Contains("a test must be followed by a JMP", Verify(WithF(code => [ABC(OpCode.Lt, 0, 1, 0), .. code])));
        Assert.Contains("missing EXTRAARG", Verify(WithF(code => [ABC(OpCode.LoadKX, 0, 0, 0), .. code])));
        Assert.Contains("the middle of an instruction", Verify(WithF(code => [SJ(OpCode.Jmp, 1), ABC(OpCode.LoadKX, 0, 0, 0), Ax(OpCode.ExtraArg, 0), .. code])));
        Assert.Contains("outside the code", Verify(WithF(code => code[..^1]))); // falls off the end
        Assert.Contains("unknown opcode", Verify(WithF(code => [127u, .. code])));
    }

    [Fact]
    public void ConstantsOfTheWrongKindAreRejected()
    {
        // K[0] of f is not a string, so it cannot name a field.
        var program = WithF(code => [ABC(OpCode.GetField, 0, 0, 0), .. code]);
        var f = program.Script.Protos.Single(p => p.Name == "f");
        Assume(f.Constants.Length > 0 && f.Constants[0].AsObject is not Runtime.VeldString);
        Assert.Contains("wrong kind", Verify(program));
    }

    [Fact]
    public void IterNextWithoutItsIterPrepIsRejected()
    {
        // ITERNEXT on the parameter a, which no ITERPREP turned into an iterator.
        var program = WithF(code => [AsBx(OpCode.IterNext, 0, -1), ABC(OpCode.Return, 0, 0, 0)]);
        Assert.Contains("ITERNEXT on r0, which does not hold an ITERPREP iterator on every path", Violations(program));
    }

    [Fact]
    public void AnIteratorNeverLeavesItsLoop()
    {
        // ITERPREP jumps to the next instruction, which copies the iterator where Veld code could use it.
        var program = WithF(code => [AsBx(OpCode.IterPrep, 0, 0), ABC(OpCode.Move, 2, 0, 0), ABC(OpCode.Return, 2, 0, 0)]);
        Assert.Contains("MOVE reads r0, which may hold a for loop's iterator", Violations(program));
    }

    private const string Capturing = """
        fn g(a)
            let b = a * 2
            let h = () => b
            h()
        end
        println(g(1))
        """;

    /// <summary>The register g's lambda captures (b's).</summary>
    private static int CapturedRegister() => Proto(CompileRegister(Capturing), "g").Protos[0].Captures.Single().Index;

    [Fact]
    public void CapturingARegisterNoPathWroteIsRejected()
    {
        int b = CapturedRegister();
        var program = WithCode(Capturing, "g", code => [ABx(OpCode.Closure, b + 1, 0), ABC(OpCode.Return, b + 1, 0, 0)]);
        Assert.Contains($"CLOSURE captures r{b}, which is not written on every path", Violations(program));
    }

    private static void Assume(bool condition) => Assert.True(condition, "test premise does not hold");

    internal static string Verify(RegisterProgram program)
    {
        try
        {
            ProgramVerifier.Verify(program);
            return "";
        }
        catch (BytecodeVerificationException e)
        {
            return e.Message;
        }
    }
}
