namespace Veld.RegisterVm.Tests;

/// <summary>
/// What the compiler emits, per instruction family: destination targeting, folding, constant and
/// immediate forms, fused comparisons, call forms, closures, loops, patterns, try, macros, casts. Each test
/// also runs the program, so the shape is checked together with its meaning.
/// </summary>
public class CompilerShapeTests
{
    [Fact]
    public void ExpressionsAreComputedStraightIntoTheirDestination()
    {
        const string source = """
            fn f(a, b, c)
                var x = 0
                x = a + b * c
                x
            end
            println(f(1, 2, 3))
            """;
        var f = Proto(CompileRegister(source), "f");
        Assert.DoesNotContain(OpCode.Move, Opcodes(f));
        Assert.Equal([OpCode.LoadI, OpCode.Mul, OpCode.Add, OpCode.Return], Opcodes(f));
        Assert.Equal("7\n", Output(source));
    }

    [Fact]
    public void ConstantSubexpressionsFoldButErrorsAreLeftToRunTime()
    {
        const string source = """
            fn seven() 2 * 3 + 1 end
            fn boom() 1 / 0 end
            println(seven())
            boom()
            """;
        var program = CompileRegister(source);
        Assert.Equal([OpCode.LoadI, OpCode.Return], Opcodes(Proto(program, "seven")));
        Assert.Contains(Opcodes(Proto(program, "boom")), op => op is OpCode.Div or OpCode.DivK);
        var outcome = Run(source);
        Assert.Equal("7\n", outcome.Stdout);
        Assert.Equal(new RunError("DivisionByZero", outcome.Error!.Message, 2, 13), outcome.Error with { Stack = null });
        Assert.Equal(["boom at 2:13", "script at 4:1"], outcome.Error.Stack!.Lines());
    }

    [Fact]
    public void ConstantsUseImmediateAndConstantForms()
    {
        const string source = """
            fn f(x) x + 1 end
            fn g(x) x * 2.5 end
            fn h(x) x - 1000 end
            println(f(1), g(2), h(3))
            """;
        var program = CompileRegister(source);
        Assert.Contains(OpCode.AddI, Opcodes(Proto(program, "f")));
        Assert.Contains(OpCode.MulK, Opcodes(Proto(program, "g")));
        Assert.Contains(OpCode.SubK, Opcodes(Proto(program, "h")));
        Assert.Equal("2 5.0 -997\n", Output(source));
    }

    [Fact]
    public void ComparisonsInConditionsFuseWithTheirJump()
    {
        const string source = """
            fn f(x) if x < 10 then "small" else "big" end end
            println(f(3), f(30))
            """;
        var ops = Opcodes(Proto(CompileRegister(source), "f"));
        int lt = ops.IndexOf(OpCode.LtI);
        Assert.True(lt >= 0 && ops[lt + 1] == OpCode.Jmp);
        Assert.DoesNotContain(OpCode.Test, ops);
        Assert.DoesNotContain(OpCode.SetLt, ops);
        Assert.Equal("small big\n", Output(source));
    }

    [Fact]
    public void ComparisonValuesAreOneInstruction()
    {
        const string source = """
            fn same(x, y) x == y end
            fn differs(s) s != "a" end
            println(same(1, 1.0), differs("a"), differs("b"))
            """;
        var program = CompileRegister(source);
        Assert.Equal([OpCode.SetEq, OpCode.Return], Opcodes(Proto(program, "same")));
        Assert.Equal([OpCode.SetEqK, OpCode.Return], Opcodes(Proto(program, "differs")));
        Assert.Equal("true false true\n", Output(source));
    }

    [Fact]
    public void ANonBoolConditionIsATypeErrorAtTheConditionsLine()
    {
        const string source = """
            let n = 3
            if n
            then 1 else 2 end
            """;
        var outcome = Run(source);
        Assert.Equal("Type", outcome.Error!.Kind);
        Assert.Equal("condition must be a bool, got int", outcome.Error.Message);
        Assert.Equal(2, outcome.Error.Line);
    }

    [Fact]
    public void BuiltinCallsNameTheBuiltinAsAConstantAndPassALocalInPlace()
    {
        const string source = """
            proc show(x) println(x) end
            show(42)
            """;
        var show = Proto(CompileRegister(source), "show");
        Assert.Equal([OpCode.CallK, OpCode.ReturnUnit], Opcodes(show));
        Assert.Equal(0, Instruction.A(show.Code[0])); // the argument's own register, no MOVE
        Assert.Equal("42\n", Output(source));
    }

    [Fact]
    public void CallsOfGlobalFunctionsReadTheCalleeFromTheGlobal()
    {
        const string source = """
            fn twice(n) n * 2 end
            fn f(n) twice(n) + 1 end
            fn count(n) if n == 0 then 0 else count(n - 1) end end
            println(f(4), count(5))
            """;
        var program = CompileRegister(source);
        Assert.Contains(OpCode.CallG, Opcodes(Proto(program, "f")));
        Assert.DoesNotContain(OpCode.GetGlobal, Opcodes(Proto(program, "f")));
        Assert.Contains(OpCode.TailCallG, Opcodes(Proto(program, "count")));
        Assert.Equal("9 0\n", Output(source));
    }

    [Fact]
    public void MethodCallsInTailPositionAreTailCalls()
    {
        const string source = """
            struct Counter(n: i64)
            impl Counter
                fn down(self, k) => if k == 0 then self.n else self.down(k - 1) end
            end
            println(Counter(n: 7).down(100000))
            """;
        Assert.Contains(OpCode.TailMethod, Opcodes(Proto(CompileRegister(source), "down")));
        Assert.Equal("7\n", Output(source));
    }

    [Fact]
    public void ClosuresCaptureRegistersAndEachIterationGetsAFreshVariable()
    {
        const string source = """
            let fs = []
            for i in 0..3 do
                fs.push(() => i * 10)
            end
            println(fs.map(f => f()))
            fn counter()
                var n = 0
                let inc = () => do n += 1  n end
                inc()
                inc()
                n
            end
            println(counter())
            """;
        var program = CompileRegister(source);
        Assert.Contains(OpCode.Close, Opcodes(program.Script));
        var inc = program.Script.SelfAndDescendants().Single(p => p.Upvalues.Any(u => u.Name == "n"));
        Assert.True(inc.Upvalues is [{ InStack: true, Name: "n" }]);
        Assert.Equal("[0, 10, 20]\n2\n", Output(source));
    }

    [Fact]
    public void RangeLoopsUseForPrepAndOtherLoopsTheIterator()
    {
        const string source = """
            var s = 0
            for i in 1..=4 do s += i end
            for x in [10, 20] do s += x end
            for (k, v) in {a: 1} do s += v end
            println(s)
            """;
        var ops = Opcodes(CompileRegister(source));
        Assert.Contains(OpCode.ForPrepInc, ops);
        Assert.Contains(OpCode.ForLoop, ops);
        Assert.Equal(2, ops.Count(o => o == OpCode.IterNext));
        Assert.Contains(OpCode.TestTuple, ops);
        Assert.Equal("41\n", Output(source));
    }

    [Fact]
    public void PatternsCompileToTestsAndExtraction()
    {
        const string source = """
            enum Shape
                Circle(f64),
                Rect(f64, f64)
            end
            fn kind(v) => match v
                0 => "zero",
                1..=9 => "digit",
                (a, _) => "pair",
                Shape.Circle(r) => "circle",
                _ => "other"
            end
            println(kind(0), kind(5), kind((1, 2)), kind(Shape.Circle(1.0)), kind(Shape.Rect(1.0, 2.0)))
            """;
        var ops = Opcodes(Proto(CompileRegister(source), "kind"));
        foreach (var op in new[] { OpCode.EqI, OpCode.TestRange, OpCode.TestTuple, OpCode.TestVariant, OpCode.GetPayload })
            Assert.Contains(op, ops);
        Assert.Equal("zero digit pair circle other\n", Output(source));
    }

    [Fact]
    public void NoMatchingArmIsAMatchErrorAtTheMatch()
    {
        const string source = """
            let v = 5
            let w = match v
                1 => "one"
            end
            """;
        var outcome = Run(source);
        Assert.Equal(new RunError("Match", "no match arm matches 5", 2, 9), outcome.Error! with { Stack = null });
    }

    [Fact]
    public void LeavingATryWithBreakLeavesTheHandlerToo()
    {
        const string source = """
            var n = 0
            while true do
                try
                    n += 1
                    if n == 3 then break end
                catch e
                    println("never")
                end
            end
            let after = try 1 / 0 catch e e.kind end
            println(n, after)
            """;
        var ops = Opcodes(CompileRegister(source));
        Assert.Equal(2, ops.Count(o => o == OpCode.Try));
        Assert.Equal(3, ops.Count(o => o == OpCode.EndTry)); // two normal exits, one for the break
        Assert.Equal("3 DivisionByZero\n", Output(source));
    }

    [Fact]
    public void MacrosUseOneTemplateConstant()
    {
        const string source = """
            let name = "Veld"
            println~("hi {name}, {1 + 1}")
            let s = format~("<{}>", name)
            println(s)
            """;
        var program = CompileRegister(source);
        Assert.Contains(OpCode.Print, Opcodes(program));
        Assert.Contains(OpCode.Format, Opcodes(program));
        Assert.Equal("hi Veld, 2\n<Veld>\n", Output(source));
    }

    [Fact]
    public void AMacroPartIsShownWhenItIsEvaluated()
    {
        // Found by veld fuzz: a later part changed an array an earlier part had already produced.
        const string source = """
            var xs = [""]
            println~("{}{}", xs, xs[0] += "-")
            println~("{xs}")
            """;
        Assert.Contains(OpCode.ToStr, Opcodes(CompileRegister(source)));
        Assert.Equal("[\"\"]()\n[\"-\"]\n", Output(source));
    }

    [Fact]
    public void AnUnusedValueIsStillEvaluatedWhenItCanRaise()
    {
        // Pure reads are dropped, but reading a global whose declaration has not run still raises.
        const string source = """
            fn early()
                1 + 2
                later
                3
            end
            early()
            let later = 2
            """;
        var error = Run(source).Error!;
        Assert.Equal(new RunError("Value", "global 'later' read before its declaration ran", 3, 5), error with { Stack = null });
        Assert.Equal(["early at 3:5", "script at 6:1"], error.Stack!.Lines());
    }

    [Fact]
    public void StoringAConstantUsesTheConstantOperand()
    {
        const string source = """
            struct P(x: i64)
            fn reset(p, xs)
                p.x = 0
                xs[1] = "zero"
            end
            let p = P(x: 5)
            let xs = [1, 2]
            reset(p, xs)
            println(p, xs)
            """;
        var reset = Proto(CompileRegister(source), "reset");
        Assert.Equal([OpCode.SetField, OpCode.LoadI, OpCode.SetIndex, OpCode.ReturnUnit], Opcodes(reset));
        Assert.True(Instruction.K(reset.Code[0]) && Instruction.K(reset.Code[2]));
        Assert.Equal("P(x: 0) [1, \"zero\"]\n", Output(source));
    }

    [Fact]
    public void CastsCarryTheirTypeTextInAnExtraArgument()
    {
        const string source = """
            fn f(x) x as i64 end
            println(f(3.9), f("12"))
            f("x")
            """;
        var ops = Opcodes(Proto(CompileRegister(source), "f"));
        Assert.Equal(OpCode.ExtraArg, ops[ops.IndexOf(OpCode.Cast) + 1]);
        var outcome = Run(source);
        Assert.Equal("3 12\n", outcome.Stdout);
        Assert.Equal("Value", outcome.Error!.Kind);
    }

    [Fact]
    public void ConstantArraysAndTuplesAreOneInstruction()
    {
        const string source = """
            fn a() [1, 2.5, "x"] end
            fn t() (1, (2, "y")) end
            let x = a()
            x.push(4)
            println(x, a(), t())
            """;
        var program = CompileRegister(source);
        Assert.Equal([OpCode.NewArrayK, OpCode.Return], Opcodes(Proto(program, "a")));
        Assert.Equal([OpCode.LoadK, OpCode.Return], Opcodes(Proto(program, "t")));
        Assert.Equal("[1, 2.5, \"x\", 4] [1, 2.5, \"x\"] (1, (2, \"y\"))\n", Output(source));
    }

    [Fact]
    public void GlobalsOnlyTopLevelCodeUsesLiveInRegisters()
    {
        const string onlyTopLevel = """
            let x = [5].len()
            println(x + 1)
            """;
        Assert.DoesNotContain(OpCode.GetGlobal, Opcodes(CompileRegister(onlyTopLevel)));
        Assert.DoesNotContain(OpCode.SetGlobal, Opcodes(CompileRegister(onlyTopLevel)));
        Assert.Equal("2\n", Output(onlyTopLevel));

        const string seenByAFunction = """
            let x = [5].len()
            fn f() x end
            println(f())
            """;
        Assert.Contains(OpCode.SetGlobal, Opcodes(CompileRegister(seenByAFunction)));
        Assert.Equal("1\n", Output(seenByAFunction));
    }

    [Fact]
    public void ModuleConstantsDeclaredBeforeAnyCodeRunsAreCompiledAsTheirValue()
    {
        const string source = """
            const LIMIT = 100
            let HALF = LIMIT / 2
            fn f(x) x + HALF end
            println(f(1))
            let LATE = 7
            fn g() LATE end
            println(g())
            """;
        var program = CompileRegister(source);
        var f = Proto(program, "f");
        Assert.Equal([OpCode.AddI, OpCode.Return], Opcodes(f));                    // HALF is the constant 50
        Assert.Equal(50, Instruction.SC(f.Code[0]));
        Assert.Contains(OpCode.GetGlobal, Opcodes(Proto(program, "g")));           // code ran before LATE was declared
        Assert.Equal("51\n7\n", Output(source));

        // A function called before a later declaration runs still sees the global as not yet set.
        const string early = """
            fn g() LATE end
            println(g())
            let LATE = 7
            """;
        Assert.Equal("Value", Run(early).Error?.Kind);
    }

    [Fact]
    public void ConstantIndexesBeyondAnOperandFieldUseExtraArg()
    {
        // 300 distinct string constants before the field name push its constant index past 254.
        var lengths = string.Join("\n", Enumerable.Range(0, 300).Select(i => $"    n += \"s{i}\".len()"));
        var source = $$"""
            fn f(m)
                var n = 0
            {{lengths}}
                m.target + n
            end
            println(f({target: 1}))
            """;
        var ops = Opcodes(Proto(CompileRegister(source), "f"));
        Assert.Equal(OpCode.ExtraArg, ops[ops.IndexOf(OpCode.GetField) + 1]);
        Assert.Equal($"{1 + Enumerable.Range(0, 300).Sum(i => $"s{i}".Length)}\n", Output(source));
    }

    [Fact]
    public void NeedingMoreThan255RegistersIsReportedNotCrashed()
    {
        var args = string.Join(", ", Enumerable.Range(0, 300).Select(i => $"{i} + x"));
        var source = $"let x = 1\nfn f(a) a end\nprintln(f([{args}]))\nlet y = 2\nprintln(max({args}))";
        var outcome = TierHost.Run(new RegisterVmTier(), Check(source), new RunOptions());
        Assert.Equal(OutcomeKind.Unsupported, outcome.Kind);
        Assert.Contains("255 registers", outcome.Error!.Message);
    }
}
