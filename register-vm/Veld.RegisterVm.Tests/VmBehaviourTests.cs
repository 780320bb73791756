namespace Veld.RegisterVm.Tests;

/// <summary>Calls, depth, tail calls, re-entry, counting, limits and run isolation of the VM.</summary>
public class VmBehaviourTests
{
    [Fact]
    public void AMillionTailCallsRunInConstantDepth()
    {
        const string source = """
            fn count(n, acc) => if n == 0 then acc else count(n - 1, acc + 1) end
            count(1000000, 0)
            """;
        // A depth limit of 10 proves the recursion never nests.
        var outcome = Run(source, new RunOptions { MaxCallDepth = 10 });
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.Equal(1000000, outcome.Result.AsInt);
    }

    [Fact]
    public void MutualTailCallsThroughLambdasAndMethodsAreProper()
    {
        const string source = """
            let is_even = n => if n == 0 then true else is_odd(n - 1) end
            let is_odd = n => if n == 0 then false else is_even(n - 1) end
            is_even(100001)
            """;
        var outcome = Run(source, new RunOptions { MaxCallDepth = 10 });
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.False(outcome.Result.AsBool);
    }

    /// <summary>Issue 14: GETGLOBAL's 17-bit operand wrapped past global 131,071 and read global 0; the
    /// compiler now refuses such a program as unsupported, as the stack VM does.</summary>
    [Fact]
    public void MoreGlobalsThanAnOperandAddressesAreUnsupported()
    {
        int count = Instruction.MaxBx + 2;
        var source = string.Concat(Enumerable.Range(0, count).Select(i => $"let g{i} = {i}\n")) + $"fn f() => g{count - 1}\nprintln(f())";
        var outcome = TierHost.Run(new RegisterVmTier(), Check(source), new RunOptions());
        Assert.Equal(OutcomeKind.Unsupported, outcome.Kind);
        Assert.Contains("globals", outcome.Error!.Message);
    }

    [Fact]
    public void DeepRecursionIsAStackOverflowAtTheLimitThatCatchCannotStop()
    {
        const string source = """
            fn down(n) 1 + down(n + 1) end
            try down(0) catch e 0 end
            """;
        var outcome = Run(source);
        Assert.Equal(OutcomeKind.RuntimeError, outcome.Kind);
        Assert.Equal("StackOverflow", outcome.Error!.Kind);
        Assert.Equal(1, outcome.Error.Line);
    }

    [Fact]
    public void TheDepthLimitIsExact()
    {
        const string source = "fn down(n) if n == 0 then 0 else 1 + down(n - 1) end end\ndown(N)";
        // The script is not a call: down(n) nests n + 1 calls.
        Assert.Equal(OutcomeKind.Success, Run(source.Replace("N", "99"), new RunOptions { MaxCallDepth = 100 }).Kind);
        Assert.Equal("StackOverflow", Run(source.Replace("N", "100"), new RunOptions { MaxCallDepth = 100 }).Error?.Kind);
    }

    [Fact]
    public void NativeCallbacksCountAgainstTheDepthLimit()
    {
        const string source = """
            fn deep(n) [n].map(x => deep(x + 1))
            end
            deep(0)
            """;
        var outcome = Run(source, new RunOptions { MaxCallDepth = 500 });
        Assert.Equal("StackOverflow", outcome.Error?.Kind);
    }

    [Fact]
    public void ErrorsInCallbacksAreCaughtByTheCallersTry()
    {
        const string source = """
            fn risky(x) if x == 2 then throw "two" else x end end
            let r = try [1, 2, 3].map(risky) catch e e end
            let after = [1, 3].map(risky)
            (r, after)
            """;
        Assert.Equal("(\"two\", [1, 3])", Result(source));
    }

    [Fact]
    public void ArityErrorsNameTheFunctionAndCountWithoutSelf()
    {
        Assert.Equal(new RunError("Arity", "f expects 2 argument(s), got 1", 2, 1), Run("fn f(a, b) a end\nf(1)").Error! with { Stack = null });
        const string method = """
            struct P(x: i64)
            impl P
                fn get(self, k) self.x + k end
            end
            P(x: 1).get()
            """;
        Assert.Equal(new RunError("Arity", "get expects 1 argument(s), got 0", 5, 9), Run(method).Error! with { Stack = null });
    }

    [Fact]
    public void InstructionsAreCountedExactly()
    {
        const string loop = """
            var s = 0
            for i in 0..N do s += i end
            s
            """;
        long Count(int n) => Run(loop.Replace("N", n.ToString())).Metrics.Instructions!.Value;
        // One ADD and one FORLOOP per iteration; everything else runs once.
        Assert.Equal(2 * 90, Count(100) - Count(10));
        Assert.Equal(2 * 10, Count(10) - Count(0));
    }

    [Fact]
    public void ATakenJumpAfterItsTestIsPartOfTheTest()
    {
        const string loop = """
            var s = 0
            for i in 0..N do if i < 0 then s += 1 end end
            s
            """;
        long Count(int n) => Run(loop.Replace("N", n.ToString())).Metrics.Instructions!.Value;
        // The LTI's JMP over the body is taken every time and runs in the LTI's dispatch: LTI and FORLOOP.
        Assert.Equal(2 * 90, Count(100) - Count(10));
        Assert.Equal("0", Display.Show(Run(loop.Replace("N", "5")).Result));
    }

    [Fact]
    public void CodeBytesAreFourPerInstruction()
    {
        const string source = "fn f(x) x + 1 end\nprintln(f(2))";
        var program = CompileRegister(source);
        long instructions = program.Script.SelfAndDescendants().Sum(p => (long)p.Code.Length);
        Assert.Equal(4 * instructions, Run(source).Metrics.CodeBytes);
    }

    [Fact]
    public void RunsOfOneExecutableShareNothing()
    {
        const string source = """
            enum Color(Red, Green)
            var hits = 0
            fn hit() hits += 1  hits end
            hit()
            hit()
            println(Color.Red == Color.Red, type_of(Color.Green))
            hits
            """;
        var executable = new RegisterVmTier().Compile(Check(source));
        var first = TierHost.Execute("register", executable, new RunOptions(), null);
        var second = TierHost.Execute("register", executable, new RunOptions(), null);
        Assert.Equal(2, first.Result.AsInt);
        Assert.Equal(2, second.Result.AsInt);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void AVeldThrowCaughtByAVeldCatchCostsNoDotNetException()
    {
        // THROW goes straight to the handler search; a .NET exception would cost microseconds per level
        // of a catch handler that recurses (issue 14).
        var executable = new RegisterVmTier().Compile(Check("var n = 0\nfor i in 0..1000 do\n  n += try throw i catch e 1 end\nend\nn"));
        RunOutcome outcome = null!;
        int thrown = DotNetExceptions.ThrownWhile(() => outcome = TierHost.Execute("register", executable, new RunOptions(), null));
        Assert.Equal(1000, outcome.Result.AsInt);
        Assert.Equal(0, thrown);
    }

    [Fact]
    public void OneMethodCallSiteOverSixStructTypesCallsEachTypesOwnMethod()
    {
        // The site's cache holds one type plus three more, replaced in turn past that: every call must still
        // reach the method of its own receiver's type, in every order the types come in.
        var structs = string.Join("\n", Enumerable.Range(0, 6).Select(t => $"struct S{t}\n    v: i64\nend\nimpl S{t}\n    fn id(self) => {t} * 100 + self.v\nend"));
        var source = structs + """

            let shapes = [S0(v: 1), S1(v: 2), S2(v: 3), S3(v: 4), S4(v: 5), S5(v: 6), S3(v: 7), S0(v: 8), S5(v: 9)]
            var out = []
            for round in 0..3 do
                for s in shapes do out.push(s.id()) end
            end
            out.join(",")
            """;
        var once = "1,102,203,304,405,506,307,8,509";
        Assert.Equal(string.Join(",", Enumerable.Repeat(once, 3)), Run(source, new RunOptions()).Result.As<VeldString>().Text);
    }

    [Fact]
    public void FuelEndsAnEndlessLoop()
    {
        var outcome = Run("while true do end", new RunOptions { Fuel = 10_000 });
        Assert.Equal(OutcomeKind.LimitExceeded, outcome.Kind);
    }

    [Fact]
    public void ATimeLimitKeepsThePositionOfTheLoopItStopped()
    {
        // Passing the error out of the dispatch loop checked the clock again and replaced it with a new,
        // unstamped time limit.
        var outcome = Run("var i = 0\nwhile true do i += 1 end", new RunOptions { Timeout = TimeSpan.FromMilliseconds(50) });
        Assert.Equal((OutcomeKind.LimitExceeded, "time limit exceeded"), (outcome.Kind, outcome.Error!.Message));
        Assert.Equal((2, 1), (outcome.Error.Line, outcome.Error.Column));
    }

    [Fact]
    public void IntArithmeticDoesNotAllocatePerInstruction()
    {
        const string source = """
            var s = 0
            var f = 0.5
            for i in 0..200000 do
                s = (s + i * 3 - 1) % 1000003
                f = f * 1.0000001 + 0.5
                if s < 0 or f < 0.0 then s = 0 end
            end
            s
            """;
        var outcome = Run(source);
        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        // 200,000 iterations of about ten instructions each: anything per instruction would be megabytes.
        Assert.True(outcome.Metrics.AllocatedBytes < 100_000, $"allocated {outcome.Metrics.AllocatedBytes} bytes");
    }

    [Fact]
    public void UpvaluesSurviveTheirFrameAndStayShared()
    {
        const string source = """
            fn make()
                var n = 0
                let get = () => n
                let add = k => n += k
                (get, add)
            end
            let (get, add) = make()
            add(5)
            add(2)
            get()
            """;
        Assert.Equal("7", Result(source));
    }

    [Fact]
    public void AStackThatGrowsKeepsOpenUpvaluesPointingAtTheirVariables()
    {
        // The capturing frame stays open while deep recursion grows (and reallocates) the register stack.
        const string source = """
            fn deep(n) if n == 0 then 0 else 1 + deep(n - 1) end end
            fn outer()
                var x = 1
                let read = () => x
                let d = deep(5000)
                x = 41 + d - 5000
                read() + 1
            end
            outer()
            """;
        Assert.Equal("42", Result(source));
    }
}
